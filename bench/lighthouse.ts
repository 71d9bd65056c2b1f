// npm run lighthouse — Lighthouse 12 (default mobile profile, simulated throttling) on the commune website's home page
// and an article, with the demo data on the embedded database; prints the four category scores and the bytes
// transferred before images, writes bench/results/lighthouse-<time>.json, exits 1 when any score is below 95
// or a page transfers 100 000 bytes or more before images.
// npm run lighthouse -- --runs 3: three measurements on the same server (each must meet the budget).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { budgetFailures, formatTable, measureDemoSite, MAX_BYTES_BEFORE_IMAGES, MIN_SCORE } from './lighthouse-measure.js';

const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 1;
if (!Number.isInteger(runs) || runs < 1 || runs > 20) {
  console.error('usage: npm run lighthouse -- [--runs N]   (1 ≤ N ≤ 20)');
  process.exit(2);
}

const started = Date.now();
const all = await measureDemoSite(runs);
const failures: string[] = [];
all.forEach((measures, i) => {
  console.log(`\nLighthouse ${measures[0]?.lighthouseVersion ?? ''}, mobile, simulated throttling${runs > 1 ? ` — run ${i + 1}/${runs}` : ''}` +
    ` (BenchmarkIndex ${measures.map((m) => m.benchmarkIndex ?? '?').join(', ')}; load ${loadavg()[0]!.toFixed(2)} on ${cpus().length} CPUs)`);
  console.log(formatTable(measures));
  for (const m of measures) {
    for (const a of m.failedAudits) console.log(`  ${m.label}: ${a.id} (${a.score ?? '-'}) ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ''}`);
    for (const w of m.runWarnings) console.log(`  ${m.label}: warning: ${w}`);
  }
  failures.push(...budgetFailures(measures).map((f) => (runs > 1 ? `run ${i + 1}: ${f}` : f)));
});

const now = new Date();
const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
const file = `${dir}lighthouse-${now.toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(file, JSON.stringify({ date: now.toISOString(), seconds: (Date.now() - started) / 1000, budget: { minScore: MIN_SCORE, maxBytesBeforeImages: MAX_BYTES_BEFORE_IMAGES }, cpus: cpus().length, loadavg: loadavg(), runs: all, failures }, null, 2) + '\n');
console.log(`\nwritten ${file}`);

if (failures.length > 0) {
  console.error(`\nbudget not met:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`budget met: every score ≥ ${MIN_SCORE}, every page < ${MAX_BYTES_BEFORE_IMAGES} bytes before images`);
