import type { Database, RawTransaction } from '../platform/db/index.js';
import { AppError, badRequest, type Principal } from '../platform/http/index.js';
import { writeStatsRow } from '../reports/index.js';
import { vnDate } from '../platform/clock.js';
import { calendarOf } from '../calendar-http/index.js';
import type { WorkingCalendar } from '../calendar/index.js';
import type { ActionName } from './workflow/index.js';
import type { HashedEventFields } from './canonical.js';
import { nextCounters } from '../platform/db/index.js';
import { allocatedCode, codeCounterNames } from './code.js';
import { LIGHT_COLUMNS, PATCH_COLUMNS, toDossier, toEvent } from './rows.js';
import { procedureVersionWith } from '../catalog/index.js';
import { workflowById } from './workflow/index.js';
import type { Dossier, DossierEvent } from './model.js';
import { codeSettingsOf } from './settings.js';
import { needsCode, parseActionPayload, planAction, sealAction, withCode } from './transition.js';

export { rolesIn } from './transition.js';

export interface ActRequest {
  unitId: number;
  dossierId: number;
  action: ActionName;
  actor: Principal;
  payload: unknown;
  idempotencyKey: string | null;
  /** The dossier version the actor saw; a different current version means someone else acted first (409). */
  expectedVersion?: number | undefined;
  now?: Date;
  /** Already-loaded unit data (bulk callers such as the demo generator); read from the database otherwise. */
  unitData?: { calendar: WorkingCalendar; codeSettings: { agencyCode: string; format: string } };
  /** What other modules do with an action (e.g. the signed result of an approval); see `DossierHooks`. */
  hooks?: DossierHooks | null;
}

export interface ActionContext {
  dossier: Dossier;
  event: DossierEvent;
  actor: Principal;
}

/**
 * Work other modules attach to dossier actions: `inTransaction` runs in the action's transaction (what must
 * exist if and only if the action happened — the result document of an approval), `afterCommit` after it
 * (slow work that may fail and be retried — signing). Not run for an idempotent replay.
 */
export interface DossierHooks {
  inTransaction?(tx: RawTransaction, c: ActionContext): Promise<void>;
  afterCommit?(c: ActionContext): Promise<void>;
}

/** Several modules' hooks as one, run in the order given (each module's work in the same transaction). */
export function combineHooks(...all: DossierHooks[]): DossierHooks {
  return {
    async inTransaction(tx, c) {
      for (const h of all) await h.inTransaction?.(tx, c);
    },
    async afterCommit(c) {
      for (const h of all) await h.afterCommit?.(c);
    },
  };
}

export interface ActResult {
  dossier: Dossier;
  event: DossierEvent;
  /** true when the same idempotency key had already acted: nothing was done again. */
  replayed: boolean;
}


/**
 * Appends the event and updates the projection in one statement (one round trip while the dossier row, and for a
 * receipt the unit's counters, are locked).
 */
async function writeEventAndProjection(tx: RawTransaction, d: Dossier, e: HashedEventFields, idempotencyKey: string | null, hash: string, patch: Record<string, unknown>) {
  const keys = Object.keys(patch).filter((k) => PATCH_COLUMNS.has(k));
  const values = keys.map((k) => {
    const v = patch[k];
    return k === 'fee' && v != null ? JSON.stringify(v) : v instanceof Date ? v.toISOString() : v;
  });
  const sets = keys.map((k, i) => `${k} = $${i + 15}${k === 'fee' ? '::jsonb' : ''}`);
  const rows = await tx.query<{ event: Record<string, unknown>; dossier: Record<string, unknown> }>(
    `with ev as (
       insert into dossier_events (unit_id, dossier_id, seq, action, actor_user_id, actor_name, at, state_before, state_after, due_at, payload, idempotency_key, prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14) returning *),
     up as (
       update dossiers set ${[...sets, 'version = version + 1', 'last_hash = $14', 'updated_at = now()'].join(', ')}
       where unit_id = $1 and id = $2 returning ${LIGHT_COLUMNS})
     select row_to_json(ev) as event, row_to_json(up) as dossier from ev, up`,
    [d.unitId, d.id, e.seq, e.action, e.actorUserId, e.actorName, e.at, e.stateBefore, e.stateAfter, e.dueAt, JSON.stringify(e.payload), idempotencyKey, d.lastHash, hash, ...values],
  );
  return { event: toEvent(rows[0]!.event), dossier: { ...toDossier(rows[0]!.dossier), procedure: d.procedure, workflow: d.workflow } };
}

async function allocateCode(tx: RawTransaction, settings: { agencyCode: string; format: string }, d: Dossier, now: Date): Promise<{ code: string; registerBook: string; registerSeq: number }> {
  const day = vnDate(now);
  const [seq, registerSeq] = await nextCounters(tx, d.unitId, codeCounterNames(day));
  return allocatedCode(settings, day, seq!, registerSeq!);
}

/**
 * The procedure version and workflow a dossier pinned at creation. They never change, so they come from the
 * immutable version caches; the dossier's own snapshot is read only when a version is unknown here.
 */
async function pinnedRules(tx: RawTransaction, row: Record<string, unknown>): Promise<Pick<Dossier, 'procedure' | 'workflow'>> {
  const procedure = await procedureVersionWith((text, params) => tx.query(text, params), String(row.procedure_code), Number(row.procedure_version));
  const workflow = workflowById(String(row.workflow_id), Number(row.workflow_version));
  if (procedure && workflow) return { procedure, workflow };
  const full = await tx.query<{ procedure: Dossier['procedure']; workflow: Dossier['workflow'] }>('select procedure, workflow from dossier_rules where unit_id = $1 and dossier_id = $2', [row.unit_id, row.id]);
  return { procedure: procedure ?? full[0]!.procedure, workflow: workflow ?? full[0]!.workflow };
}

/**
 * Performs one action on a dossier: checks who may do what (the pure workflow rules), validates the payload,
 * updates the projection and appends one hash-chained event, all in one transaction. Same idempotency key → same
 * result without acting again.
 */
export async function act(db: Database, req: ActRequest): Promise<ActResult> {
  const now = req.now ?? new Date();
  const payload = parseActionPayload(req.action, req.payload);
  // Read before the transaction: the embedded database runs one transaction at a time.
  const calendar = req.unitData?.calendar ?? (await calendarOf(db, req.unitId));
  const codeSettings = req.unitData?.codeSettings ?? (await codeSettingsOf(db, req.unitId));

  const result = await db.withRawTransaction(async (tx): Promise<ActResult> => {
    const locked = await tx.query(
      `select ${LIGHT_COLUMNS} from dossiers where unit_id = $1 and id = $2 for update`,
      [req.unitId, req.dossierId],
    );
    if (!locked[0]) throw new AppError(404, 'NOT_FOUND', 'Không tìm thấy hồ sơ.');
    const d: Dossier = { ...toDossier(locked[0]), ...(await pinnedRules(tx, locked[0])) };
    if (req.idempotencyKey) {
      const seen = await tx.query('select * from dossier_events where unit_id = $1 and dossier_id = $2 and idempotency_key = $3', [d.unitId, d.id, req.idempotencyKey]);
      if (seen[0]) return { dossier: d, event: toEvent(seen[0]), replayed: true };
    }
    if (req.expectedVersion !== undefined && req.expectedVersion !== d.version) {
      throw new AppError(409, 'STALE_DOSSIER', 'Hồ sơ vừa được người khác cập nhật. Hãy tải lại trang để xem trạng thái mới rồi thao tác lại.');
    }
    const planned = planAction(d, { action: req.action, actor: req.actor, payload, now, calendar });
    if (req.action === 'assign') {
      const ok = await tx.query(`select 1 from user_roles where user_id = $1 and unit_id = $2 and role = 'specialist'`, [payload.specialistUserId, d.unitId]);
      if (!ok.length) throw badRequest('INVALID_PAYLOAD', 'Người được chọn không phải chuyên viên của đơn vị.', [{ param: 'specialistUserId', message: 'không phải chuyên viên của đơn vị' }]);
    }
    if (needsCode(d, req.action)) withCode(planned, await allocateCode(tx, codeSettings, d, now));
    const { fields, hash } = sealAction(d, planned, req.actor, now);
    const { dossier, event } = await writeEventAndProjection(tx, d, fields, req.idempotencyKey, hash, planned.patch);
    await writeStatsRow(tx, d, dossier, event);
    await req.hooks?.inTransaction?.(tx, { dossier, event, actor: req.actor });
    return { dossier, event, replayed: false };
  });
  if (!result.replayed) await req.hooks?.afterCommit?.({ dossier: result.dossier, event: result.event, actor: req.actor });
  return result;
}
