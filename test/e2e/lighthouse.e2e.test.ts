import { describe, expect, it } from 'vitest';
import { budgetFailures, CATEGORIES, formatTable, MAX_BYTES_BEFORE_IMAGES, measureDemoSite, MIN_SCORE } from '../../bench/lighthouse-measure.js';

/**
 * Performance under simulated throttling multiplies the main-thread time Chromium really spends by 4, so on a busy
 * 2-core machine it drops: the home page, which runs no script, scored 95 to 100 at load 8–15 (210 ms of "blocking"
 * parse and layout in the worst run), the article 100. Not stable enough for 95 here: the test asks 80 of it,
 * `npm run lighthouse` (bench/lighthouse.ts) the 95. The other three categories and the bytes do not
 * depend on the machine's speed: they must meet the budget here.
 */
const MIN_PERFORMANCE_HERE = 80;

describe('Lighthouse, mobile profile, on the commune website (home page and an article)', () => {
  it(`accessibility, best practices and SEO ≥ ${MIN_SCORE}, performance ≥ ${MIN_PERFORMANCE_HERE}, under ${MAX_BYTES_BEFORE_IMAGES} bytes before images`, async () => {
    const [measures] = await measureDemoSite(1);
    console.log(formatTable(measures!));
    expect(measures!.map((m) => m.label)).toEqual(['home /', expect.stringMatching(/^article \/tin-tuc\/[a-z0-9-]+$/)]);
    for (const m of measures!) for (const c of CATEGORIES) expect(m.scores[c], `${m.label} ${c}`).toBeGreaterThan(0);
    const failures = budgetFailures(measures!, MIN_PERFORMANCE_HERE);
    const why = measures!.flatMap((m) => m.failedAudits.map((a) => `${m.label}: ${a.id} (${a.score ?? '-'}) ${a.displayValue ?? ''}`));
    expect(failures, why.join('\n')).toEqual([]);
  }, 120_000);
});
