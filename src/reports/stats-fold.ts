/**
 * The `dossier_stats` row computed in memory, action by action: exactly what `writeStatsRow` (stats-row.ts) leaves in
 * the table after the same actions, for writers that compute whole histories before storing them (the bulk demo
 * seeder). Same inputs as writeStatsRow: the dossier before and after the action, and the event.
 */
import type { Dossier } from '../dossiers/model.js';
import { END_KINDS, applyDueChange, judgedDueChange, timelinessAtEnd, type EndKind } from './rules.js';
import type { Timeliness } from '../calendar/index.js';

export interface StatsRow {
  unit_id: number;
  dossier_id: number;
  procedure_code: string;
  sector_code: string;
  channel: string;
  received_at: Date;
  due_at: Date | null;
  end_at: Date | null;
  end_kind: EndKind | null;
  timeliness: Timeliness | null;
  supplement_requests: number;
  waiting_since: Date | null;
  received_by: number | null;
  handled_by: number | null;
  rating: number | null;
  fee_total: number;
  fee_method: string | null;
  digitized: boolean;
  e_result: boolean;
}

/**
 * The row after one action (null while the dossier is not received: not counted). A dossier's attachments and signed
 * result are not known here: `digitized` and `e_result` stay as given (false for a dossier without files).
 */
export function foldStatsRow(prev: StatsRow | null, before: Dossier, d: Dossier, e: { action: string; actorUserId: number | null }): StatsRow | null {
  if (!d.receivedAt) return prev;
  const endKind = END_KINDS[e.action] ?? null;
  const current = {
    supplement_requests: d.supplementCount, waiting_since: d.state === 'supplementRequested' ? d.pausedAt : null, handled_by: d.assignedTo,
    rating: d.rating, fee_total: d.fee?.total ?? 0, fee_method: d.feeMethod,
  };
  let row: StatsRow;
  if (!prev) {
    row = {
      unit_id: d.unitId, dossier_id: d.id, procedure_code: d.procedureCode, sector_code: d.procedure.sectorCode ?? d.procedure.sector, channel: d.channel,
      received_at: d.receivedAt, due_at: d.dueAt, end_at: d.finishedAt, end_kind: endKind, timeliness: null, ...current,
      received_by: e.action === 'receive' ? e.actorUserId : null, digitized: false, e_result: false,
    };
  } else {
    row = {
      ...prev, ...current,
      due_at: applyDueChange(prev.due_at, judgedDueChange(e.action, before, d), d.dueAt),
      end_at: d.finishedAt,
      end_kind: d.finishedAt === null ? null : (endKind ?? prev.end_kind),
      timeliness: d.finishedAt === null ? null : prev.timeliness,
      received_by: prev.received_by ?? (e.action === 'receive' ? e.actorUserId : null),
    };
  }
  if (d.finishedAt && (row.end_kind === 'resolved' || row.end_kind === 'refused') && row.timeliness === null) {
    row.timeliness = timelinessAtEnd({ endAt: d.finishedAt, dueAt: row.due_at, supplementRequests: d.supplementCount });
  }
  return row;
}
