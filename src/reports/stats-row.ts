/**
 * Keeps `dossier_stats` (one narrow row per received dossier) and the daily counts in step with the dossier, inside the
 * transaction of each action — so every report number agrees with the dossiers' own events and timeliness at all
 * times. The row itself is computed by `foldStatsRow` (stats-fold.ts), the same function the bulk seeder uses.
 */
import type { RawTransaction } from '../platform/db/index.js';
import type { Dossier, DossierEvent } from '../dossiers/model.js';
import { countDaily, endedColumn, receivedColumn } from './daily.js';
import { foldStatsRow, type StatsRow } from './stats-fold.js';

const COLUMNS = ['unit_id', 'dossier_id', 'procedure_code', 'sector_code', 'channel', 'received_at', 'due_at', 'end_at', 'end_kind', 'timeliness',
  'supplement_requests', 'waiting_since', 'received_by', 'handled_by', 'rating', 'fee_total', 'fee_method'] as const;

// digitized: whether a scanned original is attached now; e_result is set by the signing transaction only
const UPSERT = `insert into dossier_stats (${COLUMNS.join(', ')}, digitized)
  values (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, exists (select 1 from attachments a where a.unit_id = $1 and a.dossier_id = $2 and a.digitized))
  on conflict (unit_id, dossier_id) do update set ${[...COLUMNS.slice(2), 'digitized'].map((c) => `${c} = excluded.${c}`).join(', ')}`;

const DATES = new Set(['received_at', 'due_at', 'end_at', 'waiting_since']);

function fromDb(r: Record<string, unknown>): StatsRow {
  const out: Record<string, unknown> = { ...r };
  for (const k of DATES) out[k] = r[k] == null ? null : new Date(r[k] as string);
  for (const k of ['unit_id', 'dossier_id', 'supplement_requests', 'fee_total']) out[k] = Number(r[k]);
  for (const k of ['received_by', 'handled_by', 'rating']) out[k] = r[k] == null ? null : Number(r[k]);
  return out as unknown as StatsRow;
}

export async function writeStatsRow(tx: RawTransaction, before: Dossier, d: Dossier, e: DossierEvent): Promise<void> {
  if (!d.receivedAt) return; // not received (draft, submitted, refused at intake): not counted
  const found = await tx.query('select * from dossier_stats where unit_id = $1 and dossier_id = $2', [d.unitId, d.id]);
  const prev = found[0] ? fromDb(found[0]) : null;
  const row = foldStatsRow(prev, before, d, e)!;
  await tx.query(UPSERT, COLUMNS.map((c) => (row[c] instanceof Date ? (row[c] as Date).toISOString() : row[c])));
  const daily = { unitId: row.unit_id, procedureCode: row.procedure_code, sectorCode: row.sector_code };
  if (!prev) {
    const column = receivedColumn(row.channel);
    if (column) await countDaily(tx, daily, column, row.received_at);
  }
  if (row.end_at && !prev?.end_at && row.end_kind) {
    const column = endedColumn(row.end_kind, row.timeliness);
    if (column) await countDaily(tx, daily, column, row.end_at);
  }
}

/** A dossier's signed electronic result exists (called in the signing transaction). */
export async function markElectronicResult(tx: RawTransaction, unitId: number, dossierId: number): Promise<void> {
  await tx.query('update dossier_stats set e_result = true where unit_id = $1 and dossier_id = $2', [unitId, dossierId]);
}
