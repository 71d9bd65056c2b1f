/**
 * Bulk demo data: a year of dossiers for many communes at hundreds of thousands of dossiers per minute, for load
 * tests and report benchmarks. Each history is computed in memory by the same pure core as `act` (transition.ts:
 * payload validation, workflow rules, effects, hash chain), with code counters kept in memory and the statistics
 * row folded like `writeStatsRow` does; batches are then written with a few multi-row statements per transaction.
 * The result has the shapes the app writes: dossiers, dossier_rules, dossier_events (a valid chain), dossier_stats (and
 * the daily counts rebuilt from it), applicants and counters, so later dossiers created by the app continue the code
 * sequence.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import { DEMO_PROVINCE_CODE } from '../identity/index.js';
import { rebuildDailyStats } from '../reports/index.js';
import { openUnitStream, opening, planDossier, simulate, type Generated, type UnitStream } from './bulk-history.js';
import { batchParams, reserveIds, writeBatch } from './bulk-write.js';

export interface BulkSeedOptions {
  /** Dossiers per unit. */
  perUnit: number;
  year: number;
  unitCodes: string[];
  seed?: number;
  /** Nothing happens after this moment (default: now): dossiers received in the last weeks before it are still open. */
  until?: Date;
  /** Dossiers written per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface BulkSeedResult {
  dossiers: number;
  events: number;
  /** Seconds spent computing and writing, and in the final VACUUM ANALYZE (PostgreSQL). */
  writeSeconds: number;
  vacuumSeconds: number;
}

/** The first `k` communes and wards of the demo province, in code order. */
export async function communeCodes(db: Database, k: number): Promise<string[]> {
  const rows = await db.rows<{ code: string }>(sql`select c.code from units c join units p on p.id = c.parent_id
    where p.code = ${DEMO_PROVINCE_CODE} and c.kind <> 'province' order by c.code limit ${k}`);
  return rows.map((r) => r.code);
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Seeds `perUnit` dossiers in each unit for the year, receipts spread over its working days in office hours and the
 * units' dossiers interleaved in time, as they arrive in a province (ids, codes and table pages mixed as in real use).
 * Memory stays bounded: one batch is computed while the previous ones (at most two) are written.
 */
export async function bulkSeedDossiers(db: Database, opts: BulkSeedOptions): Promise<BulkSeedResult> {
  const started = performance.now();
  const until = opts.until ?? new Date();
  const batchSize = Math.max(1, opts.batchSize ?? (db.kind === 'postgres' ? 2000 : 500));
  const streams: UnitStream[] = [];
  for (const code of opts.unitCodes) {
    const u = await openUnitStream(db, code, { year: opts.year, until, seed: opts.seed ?? opts.year, perUnit: opts.perUnit });
    if (u) streams.push(u);
  }
  const total = streams.length * opts.perUnit;
  let done = 0;
  let events = 0;
  // PostgreSQL writes two batches at once while the next one is computed; the embedded database runs one at a time
  const writers = db.kind === 'postgres' ? 2 : 1;
  const lz4 = db.kind === 'postgres' && (await db.rows(sql`select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)`)).length > 0;
  const writing: Array<Promise<void>> = [];
  let batch: Generated[] = [];
  const flush = async () => {
    const generated = batch;
    batch = [];
    if (!generated.length) return;
    const counters = streams.flatMap((u) => [...u.changedCounters].map((name) => ({ unit_id: u.unit.id, name, last: u.counters.get(name)! })));
    for (const u of streams) u.changedCounters.clear();
    const params = await batchParams(db, generated, counters);
    if (writing.length >= writers) await writing.shift();
    const written = writeBatch(db, params, lz4).then(() => {
      done += generated.length;
      opts.onProgress?.(done, total);
    });
    written.catch(() => {}); // reported where it is awaited
    writing.push(written);
  };
  const dayIndex = streams.map((u) => new Map(u.days.map((day, k) => [day, k])));
  for (const date of [...new Set(streams.flatMap((u) => u.days))].sort()) {
    // every unit's receipts of the day at random working minutes, then all in time order
    const today: Array<{ u: UnitStream; start: Date }> = [];
    streams.forEach((u, s) => {
      const k = dayIndex[s]!.get(date);
      if (k === undefined) return;
      const open = opening(u.calendar, date);
      const minutes = Array.from({ length: u.perDay[k]! }, () => Math.floor(u.rnd.next() * u.calendar.workingDayMinutes)).sort((a, b) => a - b);
      for (const m of minutes) today.push({ u, start: u.calendar.addWorkingMinutes(open, m) });
    });
    today.sort((a, b) => a.start.getTime() - b.start.getTime());
    const ids = await reserveIds(db, 'dossiers', today.length);
    for (const [j, { u, start }] of today.entries()) {
      const g = simulate(u, ids[j]!, start, planDossier(u.rnd, u.catalogue.cumulativeWeights, u.applicantIds.length), until);
      events += g.events.length;
      batch.push(g);
      if (batch.length >= batchSize) await flush();
      else if (j % 50 === 49) await tick(); // let the batches being written send and receive meanwhile
    }
  }
  await flush();
  await Promise.all(writing);
  // the daily counts the app increments action by action, recomputed once from the statistics rows
  await rebuildDailyStats(db);
  const writeSeconds = (performance.now() - started) / 1000;
  const vacuumStarted = performance.now();
  // autovacuum may be off or far behind a bulk load: visibility map and planner statistics, once
  if (db.kind === 'postgres') await db.rows(sql`vacuum analyze applicants, dossiers, dossier_rules, dossier_events, dossier_stats, dossier_stats_daily, counters`);
  return { dossiers: done, events, writeSeconds, vacuumSeconds: (performance.now() - vacuumStarted) / 1000 };
}
