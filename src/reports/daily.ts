/**
 * `dossier_stats_daily`: received and ended dossiers counted per unit, procedure and day (Vietnam time), incremented in
 * the transaction of the action that causes them. Reports over whole days read these sums; only the dossiers open
 * at a moment (carried over, in progress) come from `dossier_stats`.
 */
import { readFileSync } from 'node:fs';
import type { Database, RawTransaction } from '../platform/db/index.js';
import { vnDate } from '../platform/clock.js';

export const DAILY_COLUMNS = ['received_counter', 'received_online', 'received_post', 'resolved_early', 'resolved_on_time', 'resolved_late', 'withdrawn', 'stopped'] as const;
export type DailyColumn = (typeof DAILY_COLUMNS)[number];

const RECEIVED: Record<string, DailyColumn> = { counter: 'received_counter', online: 'received_online', post: 'received_post' };
const ENDED: Record<string, DailyColumn> = { early: 'resolved_early', onTime: 'resolved_on_time', late: 'resolved_late', withdrawn: 'withdrawn', stopped: 'stopped' };

/** The daily column a receipt on this channel counts in. */
export const receivedColumn = (channel: string): DailyColumn | null => RECEIVED[channel] ?? null;
/** The daily column an end counts in: timeliness for resolved and refused dossiers, else the end kind. */
export const endedColumn = (endKind: string, timeliness: string | null): DailyColumn | null =>
  (endKind === 'resolved' || endKind === 'refused' ? (timeliness ? ENDED[timeliness] : null) : ENDED[endKind]) ?? null;

const INCREMENT = Object.fromEntries(DAILY_COLUMNS.map((c) => [c, `insert into dossier_stats_daily (unit_id, day, procedure_code, sector_code, ${c})
  values ($1, $2::date, $3, $4, 1) on conflict (unit_id, day, procedure_code) do update set ${c} = dossier_stats_daily.${c} + 1`])) as Record<DailyColumn, string>;

export async function countDaily(tx: RawTransaction, row: { unitId: number; procedureCode: string; sectorCode: string }, column: DailyColumn, at: Date): Promise<void> {
  await tx.query(INCREMENT[column], [row.unitId, vnDate(at), row.procedureCode, row.sectorCode]);
}

const REBUILD = readFileSync(new URL('../platform/db/migrations/0008_dossier_stats_daily.sql', import.meta.url), 'utf8').split('-- REBUILD')[1]!.split('\n').slice(1).join('\n');

/** Recomputes the daily counts from dossier_stats (after a bulk load that wrote dossier_stats directly). */
export async function rebuildDailyStats(db: Database): Promise<void> {
  await db.withRawTransaction(async (tx) => {
    await tx.exec('delete from dossier_stats_daily');
    await tx.exec(REBUILD);
  });
}
