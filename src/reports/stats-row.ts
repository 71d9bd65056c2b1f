/**
 * Keeps `dossier_stats` (one narrow row per received dossier) in step with the dossier, inside the transaction of
 * each action — so every report number agrees with the dossiers' own events and timeliness at all times.
 */
import type { RawTransaction } from '../platform/db/index.js';
import type { Dossier, DossierEvent } from '../dossiers/model.js';
import { END_KINDS, judgedDueChange, timelinessAtEnd } from './rules.js';
import { countDaily, endedColumn, receivedColumn } from './daily.js';

const UPSERT = `insert into dossier_stats (unit_id, dossier_id, procedure_code, sector_code, channel, received_at, due_at, end_at, end_kind,
    supplement_requests, waiting_since, received_by, handled_by, rating, fee_total, fee_method, digitized)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $16, $17,
    exists (select 1 from attachments a where a.unit_id = $1 and a.dossier_id = $2 and a.digitized))
  on conflict (unit_id, dossier_id) do update set
    due_at = case $15::text when 'set' then excluded.due_at when 'shift' then coalesce(dossier_stats.due_at + $18::bigint * interval '1 millisecond', excluded.due_at)
      else dossier_stats.due_at end,
    end_at = excluded.end_at,
    end_kind = case when excluded.end_at is null then null else coalesce(excluded.end_kind, dossier_stats.end_kind) end,
    timeliness = case when excluded.end_at is null then null else dossier_stats.timeliness end,
    supplement_requests = excluded.supplement_requests, waiting_since = excluded.waiting_since, handled_by = excluded.handled_by,
    rating = excluded.rating, received_by = coalesce(dossier_stats.received_by, excluded.received_by),
    fee_total = excluded.fee_total, fee_method = excluded.fee_method, digitized = excluded.digitized
  returning due_at, end_kind, timeliness`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function writeStatsRow(tx: RawTransaction, before: Dossier, d: Dossier, e: DossierEvent): Promise<void> {
  if (!d.receivedAt) return; // not received (draft, submitted, refused at intake): not counted
  const due = judgedDueChange(e.action, before, d);
  const rows = await tx.query<{ due_at: string | null; end_kind: string | null; timeliness: string | null }>(UPSERT, [
    d.unitId, d.id, d.procedureCode, d.procedure.sectorCode ?? d.procedure.sector, d.channel, iso(d.receivedAt), iso(d.dueAt), iso(d.finishedAt),
    END_KINDS[e.action] ?? null, d.supplementCount, d.state === 'supplementRequested' ? iso(d.pausedAt) : null,
    e.action === 'receive' ? e.actorUserId : null, d.assignedTo, d.rating, due.mode, d.fee?.total ?? 0, d.feeMethod, due.mode === 'shift' ? due.ms : null,
  ]);
  const r = rows[0]!;
  const daily = { unitId: d.unitId, procedureCode: d.procedureCode, sectorCode: d.procedure.sectorCode ?? d.procedure.sector };
  if (e.action === 'receive') {
    const column = receivedColumn(d.channel);
    if (column) await countDaily(tx, daily, column, d.receivedAt);
  }
  let timeliness = r.timeliness;
  if (d.finishedAt && (r.end_kind === 'resolved' || r.end_kind === 'refused') && r.timeliness === null) {
    timeliness = timelinessAtEnd({ endAt: d.finishedAt, dueAt: r.due_at ? new Date(r.due_at) : null, supplementRequests: d.supplementCount });
    await tx.query('update dossier_stats set timeliness = $3 where unit_id = $1 and dossier_id = $2', [d.unitId, d.id, timeliness]);
  }
  if (d.finishedAt && END_KINDS[e.action] && r.end_kind) {
    const column = endedColumn(r.end_kind, timeliness);
    if (column) await countDaily(tx, daily, column, d.finishedAt);
  }
}

/** A dossier's signed electronic result exists (called in the signing transaction). */
export async function markElectronicResult(tx: RawTransaction, unitId: number, dossierId: number): Promise<void> {
  await tx.query('update dossier_stats set e_result = true where unit_id = $1 and dossier_id = $2', [unitId, dossierId]);
}
