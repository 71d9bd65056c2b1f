// The Lighthouse measurement of the commune website, shared by `npm run lighthouse` (bench/lighthouse.ts)
// and the browser test test/e2e/lighthouse.e2e.test.ts: the product on the embedded database with demo data,
// Lighthouse's default mobile profile (mobile form factor, simulated throttling) on the home page and an article.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startServer } from '../test/e2e/server.js';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The budget: every category at least 95, each page under 100 KB (100 000 bytes) transferred before images. */
export const MIN_SCORE = 95;
export const MAX_BYTES_BEFORE_IMAGES = 100_000;

export interface FailedAudit {
  id: string;
  title: string;
  /** 0–100, or null for informative audits */
  score: number | null;
  displayValue?: string;
}

export interface PageMeasure {
  label: string;
  url: string;
  /** 0–100 per category */
  scores: Record<Category, number>;
  /** Sum of transferSize of every request whose resourceType is not Image (network-requests audit). */
  bytesBeforeImages: number;
  /** Sum of transferSize of the image requests. */
  imageBytes: number;
  requests: { url: string; resourceType: string; transferSize: number }[];
  /** Audits scored below 1 in any of the four categories (for reading why a score is low). */
  failedAudits: FailedAudit[];
  lighthouseVersion: string;
  /** Lighthouse's own estimate of the machine's speed (BenchmarkIndex); low when the machine is busy. */
  benchmarkIndex: number | null;
  runWarnings: string[];
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface NetworkItem {
  url?: string;
  resourceType?: string;
  transferSize?: number;
}

/**
 * Runs Lighthouse (default mobile config: Moto G Power-like screen, simulated slow 4G and 4× CPU slowdown)
 * on each URL, one after the other, in one headless Chromium.
 */
export async function measurePages(pages: { label: string; url: string }[]): Promise<PageMeasure[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    logLevel: 'silent',
  });
  try {
    const results: PageMeasure[] = [];
    for (const { label, url } of pages) {
      // the full-page screenshot and the back/forward cache check (an extra navigation) weigh nothing in the scores
      const run = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES], disableFullPageScreenshot: true, skipAudits: ['bf-cache'] });
      if (!run) throw new Error(`Lighthouse returned nothing for ${url}`);
      const lhr = run.lhr;
      if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const scores = {} as Record<Category, number>;
      const failedIds = new Set<string>();
      for (const category of CATEGORIES) {
        const c = lhr.categories[category];
        if (!c || c.score === null) throw new Error(`Lighthouse gave no ${category} score for ${url}`);
        scores[category] = Math.round(c.score * 100);
        for (const ref of c.auditRefs) {
          const audit = lhr.audits[ref.id];
          if (audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual') failedIds.add(ref.id);
        }
      }
      const details = lhr.audits['network-requests']?.details as { items?: NetworkItem[] } | undefined;
      const requests = (details?.items ?? []).map((i) => ({ url: i.url ?? '', resourceType: i.resourceType ?? 'Other', transferSize: i.transferSize ?? 0 }));
      const bytesBeforeImages = requests.filter((r) => r.resourceType !== 'Image').reduce((sum, r) => sum + r.transferSize, 0);
      const imageBytes = requests.filter((r) => r.resourceType === 'Image').reduce((sum, r) => sum + r.transferSize, 0);
      const failedAudits = [...failedIds].map((id) => {
        const a = lhr.audits[id]!;
        return { id, title: a.title, score: a.score === null ? null : Math.round(a.score * 100), ...(a.displayValue ? { displayValue: a.displayValue } : {}) };
      });
      results.push({
        label,
        url,
        scores,
        bytesBeforeImages,
        imageBytes,
        requests,
        failedAudits,
        lighthouseVersion: lhr.lighthouseVersion,
        benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
        runWarnings: lhr.runWarnings ?? [],
      });
    }
    return results;
  } finally {
    chrome.kill();
  }
}

/** The first published article linked from the home page (/tin-tuc/<slug>). */
export async function findArticleUrl(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/`);
  if (response.status !== 200) throw new Error(`GET / answered ${response.status}`);
  const html = await response.text();
  const m = /href="(\/tin-tuc\/[a-z0-9-]+)"/.exec(html);
  if (!m) throw new Error('the home page links to no article (/tin-tuc/<slug>)');
  return `${baseUrl}${m[1]}`;
}

/** What fails the budget, in words (empty when the pages meet it); `minPerformance` lowers the bar of performance only. */
export function budgetFailures(measures: PageMeasure[], minPerformance = MIN_SCORE): string[] {
  const failures: string[] = [];
  for (const m of measures) {
    for (const category of CATEGORIES) {
      const min = category === 'performance' ? minPerformance : MIN_SCORE;
      if (m.scores[category] < min) failures.push(`${m.label}: ${category} ${m.scores[category]} < ${min}`);
    }
    if (m.bytesBeforeImages >= MAX_BYTES_BEFORE_IMAGES) failures.push(`${m.label}: ${m.bytesBeforeImages} bytes before images ≥ ${MAX_BYTES_BEFORE_IMAGES}`);
  }
  return failures;
}

/** Plain-text table: one row per page, the four scores and the bytes transferred before images. */
export function formatTable(measures: PageMeasure[]): string {
  const head = ['page', 'performance', 'accessibility', 'best-practices', 'seo', 'bytes before images', 'image bytes'];
  const rows = measures.map((m) => [m.label, ...CATEGORIES.map((c) => String(m.scores[c])), String(m.bytesBeforeImages), String(m.imageBytes)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

/**
 * Starts the product (`xaso serve --seed-demo`, embedded database in a temporary folder), measures the home page
 * and the first article it links to `runs` times (one Chromium per run), and stops the server.
 */
export async function measureDemoSite(runs = 1): Promise<PageMeasure[][]> {
  const server = await startServer();
  try {
    const articleUrl = await findArticleUrl(server.baseUrl);
    const pages = [
      { label: 'home /', url: `${server.baseUrl}/` },
      { label: `article ${new URL(articleUrl).pathname}`, url: articleUrl },
    ];
    const all: PageMeasure[][] = [];
    for (let i = 0; i < runs; i++) all.push(await measurePages(pages));
    return all;
  } finally {
    await server.stop();
  }
}
