/**
 * The pure core of a dossier action, shared by `act` (one action in a database transaction) and the bulk demo
 * seeder (whole histories computed in memory): payload validation, the workflow check, the projection change, the
 * event fields and their hash. No I/O: code allocation and writing are the caller's.
 */
import { AppError, badRequest, type FieldError, type Principal, type StaffRole } from '../platform/http/index.js';
import type { WorkingCalendar } from '../calendar/index.js';
import { checkAction, type ActionName, type DossierState } from './workflow/index.js';
import { ACTION_PAYLOADS } from './payloads.js';
import { effectsOf } from './effects.js';
import { eventHash, type HashedEventFields } from './canonical.js';
import { factsOf, workingMinutesToDue } from './facts.js';
import type { Dossier } from './model.js';

export function rolesIn(principal: Principal, unitId: number): StaffRole[] {
  return principal.grants.filter((g) => g.unitId === unitId).map((g) => g.role);
}

const STATUS_BY_CODE: Record<string, number> = { NOT_ALLOWED: 403, NOT_ASSIGNED: 403, WRONG_STATE: 409, WRONG_CHANNEL: 409, UNKNOWN_ACTION: 400 };

function validationError(issues: Array<{ path: PropertyKey[]; message: string }>): AppError {
  const errors: FieldError[] = issues.map((i) => ({ param: String(i.path[0] ?? 'payload'), message: i.message }));
  return badRequest('INVALID_PAYLOAD', errors.map((e) => e.message).join(' '), errors);
}

/** The action's payload as recorded (validated, defaults filled in); 400 when invalid or the action is unknown. */
export function parseActionPayload(action: ActionName, payload: unknown): Record<string, unknown> {
  const schema = ACTION_PAYLOADS[action];
  if (!schema) throw new AppError(400, 'UNKNOWN_ACTION', 'Thao tác không tồn tại.');
  const parsed = schema.safeParse(payload ?? {});
  if (!parsed.success) throw validationError(parsed.error.issues);
  return parsed.data as Record<string, unknown>;
}

export interface PlannedAction {
  action: ActionName;
  to: DossierState;
  /** `dossiers` columns to change (a receipt's code is added by `withCode`). */
  patch: Record<string, unknown>;
  eventPayload: Record<string, unknown>;
  dueAt: Date | null;
}

export interface ActionInput {
  action: ActionName;
  actor: Principal;
  /** Already parsed with `parseActionPayload`. */
  payload: Record<string, unknown>;
  now: Date;
  calendar: WorkingCalendar;
}

/** May the actor do this now (the workflow rules), and what does it change? Throws the AppError the API reports. */
export function planAction(d: Dossier, req: ActionInput): PlannedAction {
  const check = checkAction(
    factsOf(d),
    d.workflow,
    { userId: req.actor.userId, roles: rolesIn(req.actor, d.unitId), isApplicant: d.ownerUserId === req.actor.userId },
    req.action,
    { workingMinutesToDue: workingMinutesToDue(req.calendar, req.now, d.dueAt), workingDayMinutes: req.calendar.workingDayMinutes },
  );
  if (!check.ok) throw new AppError(STATUS_BY_CODE[check.code] ?? 409, check.code, check.message);
  let effects;
  try {
    effects = effectsOf({ dossier: d, action: req.action, to: check.to, payload: req.payload, actorUserId: req.actor.userId, now: req.now, calendar: req.calendar });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (!code) throw err;
    throw badRequest(code, (err as Error).message, [{ param: 'newDueDate', message: (err as Error).message }]);
  }
  return { action: req.action, to: check.to, patch: { ...effects.patch }, eventPayload: effects.eventPayload, dueAt: effects.dueAt };
}

/** A dossier gets its code (and register number) when it is submitted online or received at the counter. */
export const needsCode = (d: Dossier, action: ActionName): boolean => !d.code && (action === 'submit' || action === 'receive');

export function withCode(p: PlannedAction, allocated: { code: string; registerBook: string; registerSeq: number }): void {
  Object.assign(p.patch, { code: allocated.code, register_book: allocated.registerBook, register_seq: allocated.registerSeq });
  p.eventPayload.code = allocated.code;
}

/** The event as hashed and stored, chained to the dossier's last hash. */
export function sealAction(d: Dossier, p: PlannedAction, actor: Principal, now: Date): { fields: HashedEventFields; hash: string } {
  const fields: HashedEventFields = {
    unitId: d.unitId, dossierId: d.id, seq: d.version + 1, action: p.action, actorUserId: actor.userId, actorName: actor.fullName,
    at: now.toISOString(), stateBefore: d.state, stateAfter: p.to, dueAt: p.dueAt?.toISOString() ?? null, payload: p.eventPayload,
  };
  return { fields, hash: eventHash(d.lastHash, fields) };
}
