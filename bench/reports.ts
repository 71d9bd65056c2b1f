// Report speed on a province's data: `xaso seed --bulk` fills a fresh PostgreSQL database with 20 communes × N dossiers
// at two scales (full: 10,000 and 100,000 per commune = 200,000 and 2,000,000; short: 250 and 2,500), then times the
// processing report (province year, one commune's year and month) and a drill-down page, as median and max of several
// runs after a warm-up, in ms and as ratios: to a baseline query of the same run, and from the small scale to the big one.
// A report slower than 1 s at the big scale gets EXPLAIN (ANALYZE, BUFFERS) of its queries, printed and kept in the JSON.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/platform/db/index.js';
import { findUnitByCode, DEMO_COMMUNE_CODE } from '../src/identity/index.js';
import { communeCodes } from '../src/dossiers/bulk-seed.js';
import { processingReport, reportDossiers, type ReportFilter } from '../src/reports/index.js';
import { admin, adminUrl, freshDatabase, serverReachable, withDatabaseName } from './pg-admin.js';

const run = promisify(execFile);
const BIN = new URL('../bin/xaso.js', import.meta.url).pathname;
const UNITS = 20;
const RUNS = 7;
const LIMIT_MS = 1000;

interface Timing { medianMs: number; maxMs: number; runs: number[] }
interface Scale {
  perUnit: number;
  dossiers: number;
  events: number;
  seedSeconds: number;
  /** what the seeder itself reports (compute and write, without process start-up, demo data and VACUUM ANALYZE) */
  seederRate: number | null;
  vacuumSeconds: number | null;
  databaseBytes: number;
  timings: Record<string, Timing>;
  explain: Record<string, string[]>;
}

async function time(fn: () => Promise<unknown>): Promise<Timing> {
  await fn(); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await fn();
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)]!, maxMs: sorted[sorted.length - 1]!, runs };
}

/** The same database handle, remembering the statements it runs (to EXPLAIN a report's queries). */
function recording(db: Database, into: SQL[]): Database {
  return { ...db, rows: (query) => (into.push(query), db.rows(query)) };
}

async function explain(db: Database, fn: (db: Database) => Promise<unknown>): Promise<string[]> {
  const queries: SQL[] = [];
  await fn(recording(db, queries));
  const plans: string[] = [];
  for (const q of queries) {
    const rows = await db.rows<{ 'QUERY PLAN': string }>(sql`explain (analyze, buffers) ${q}`);
    plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
  return plans;
}

async function seedAndMeasure(perUnit: number, year: number, name: string): Promise<Scale> {
  const url = await freshDatabase(name);
  const started = process.hrtime.bigint();
  const { stdout } = await run(process.execPath, [BIN, 'seed', '--dossiers', String(perUnit), '--year', String(year), '--units', String(UNITS), '--bulk'], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' }, maxBuffer: 16 * 1024 * 1024,
  });
  const seedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rate = /\((\d+) hồ sơ\/s\)/.exec(stdout);
  const vacuum = /vacuum analyze ([\d.]+) s/.exec(stdout);

  const db = await openDatabase({ databaseUrl: url, dataDir: '' });
  try {
    const [counts] = await db.rows<{ dossiers: number; events: number; bytes: string }>(sql`select (select count(*) from dossiers)::int as dossiers,
      (select count(*) from dossier_events)::int as events, pg_database_size(current_database())::text as bytes`);
    const codes = await communeCodes(db, UNITS);
    const unitIds = await Promise.all(codes.map(async (c) => (await findUnitByCode(db, c))!.id));
    const commune = (await findUnitByCode(db, codes.includes(DEMO_COMMUNE_CODE) ? DEMO_COMMUNE_CODE : codes[0]!))!.id;
    const vn = (iso: string) => new Date(`${iso}T00:00:00+07:00`);
    const yearPeriod = { from: vn(`${year}-01-01`), to: vn(`${year + 1}-01-01`) };
    const june = { from: vn(`${year}-06-01`), to: vn(`${year}-07-01`) };
    const province: ReportFilter = { unitIds, ...yearPeriod };
    const cases: Record<string, (d: Database) => Promise<unknown>> = {
      'baseline: select count(*) from dossier_stats': (d) => d.rows(sql`select count(*) from dossier_stats`),
      'province year report (20 communes)': (d) => processingReport(d, province),
      'commune year report': (d) => processingReport(d, { unitIds: [commune], ...yearPeriod }),
      'commune month report (June)': (d) => processingReport(d, { unitIds: [commune], ...june }),
      'drill-down page 1 (province year, resolved late)': (d) => reportDossiers(d, province, 'resolvedLate', { limit: 50, offset: 0 }),
      'drill-down page 1 (commune year, all received)': (d) => reportDossiers(d, { unitIds: [commune], ...yearPeriod }, 'received', { limit: 50, offset: 0 }),
    };
    const timings: Record<string, Timing> = {};
    for (const [label, fn] of Object.entries(cases)) timings[label] = await time(() => fn(db));
    const explainPlans: Record<string, string[]> = {};
    for (const [label, fn] of Object.entries(cases)) {
      if (!label.startsWith('baseline') && timings[label]!.medianMs > LIMIT_MS) explainPlans[label] = await explain(db, fn);
    }
    return {
      perUnit, dossiers: Number(counts!.dossiers), events: Number(counts!.events), seedSeconds, seederRate: rate ? Number(rate[1]) : null,
      vacuumSeconds: vacuum ? Number(vacuum[1]) : null, databaseBytes: Number(counts!.bytes), timings, explain: explainPlans,
    };
  } finally {
    await db.close();
  }
}

const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : ms < 100 ? 1 : 0);

export async function benchReports(opts: { short: boolean; keep?: boolean }): Promise<void> {
  if (!(await serverReachable('report'))) return;
  const now = new Date();
  // the latest year with at least half of it behind us (the catalogue and communes start in July 2025)
  const year = now.getUTCMonth() >= 6 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const perUnit = opts.short ? [250, 2_500] : [10_000, 100_000];
  const name = 'xaso_bench';
  const scales: Scale[] = [];
  for (const n of perUnit) {
    console.log(`\nseeding ${UNITS} × ${n.toLocaleString('en')} dossiers for ${year} (xaso seed --bulk) …`);
    const s = await seedAndMeasure(n, year, name);
    scales.push(s);
    console.log(`  ${s.dossiers.toLocaleString('en')} dossiers, ${s.events.toLocaleString('en')} events, database ${(s.databaseBytes / 2 ** 30).toFixed(2)} GiB`);
    console.log(`  seed command ${s.seedSeconds.toFixed(1)} s = ${Math.round(s.dossiers / s.seedSeconds)} dossiers/s overall; seeder ${s.seederRate ?? '?'} dossiers/s` +
      `; VACUUM ANALYZE ${s.vacuumSeconds ?? '?'} s`);
    const base = Object.values(s.timings)[0]!.medianMs;
    for (const [label, t] of Object.entries(s.timings)) {
      console.log(`  ${label.padEnd(52)} median ${fmt(t.medianMs).padStart(7)} ms  max ${fmt(t.maxMs).padStart(7)} ms  ×${(t.medianMs / base).toFixed(1)} baseline`);
    }
    for (const [label, plans] of Object.entries(s.explain)) console.log(`\n  EXPLAIN ANALYZE, ${label}:\n${plans.join('\n\n').replace(/^/gm, '    ')}`);
  }
  const [small, big] = scales as [Scale, Scale];
  console.log(`\ngrowth from ${small.dossiers.toLocaleString('en')} to ${big.dossiers.toLocaleString('en')} dossiers (×${(big.dossiers / small.dossiers).toFixed(1)} data):`);
  for (const label of Object.keys(big.timings)) {
    const a = small.timings[label]!.medianMs;
    const b = big.timings[label]!.medianMs;
    const verdict = label.startsWith('baseline') ? '' : b < LIMIT_MS ? '  under 1 s' : '  OVER 1 s';
    console.log(`  ${label.padEnd(52)} ${fmt(a).padStart(7)} → ${fmt(b).padStart(7)} ms  ×${(b / a).toFixed(1)}${verdict}`);
  }
  console.log(`  seeding rate (seeder): ${small.seederRate} → ${big.seederRate} dossiers/s`);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const file = new URL(`./results/reports${opts.short ? '-short' : ''}.json`, import.meta.url);
  writeFileSync(file, JSON.stringify({
    date: now.toISOString(), machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) }, year, units: UNITS, runs: RUNS, scales,
  }, null, 2) + '\n');
  console.log(`results: ${file.pathname}`);
  if (!opts.keep) await admin(`drop database if exists ${name} with (force)`);
  else console.log(`kept database ${name} (${withDatabaseName(adminUrl(), name)})`);
}
