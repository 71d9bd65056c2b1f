import type { WorkingCalendar } from '../calendar/index.js';
import { computeFee } from '../catalog/index.js';
import type { Dossier } from './model.js';
import type { ActionName, DossierState } from './workflow/index.js';

/** Column changes of the dossier projection that an action causes. Keys are `dossiers` columns. */
export type Patch = Partial<Record<
  'state' | 'state_before_supplement' | 'submitted_at' | 'received_at' | 'due_at' | 'original_due_at' | 'paused_at'
  | 'supplement_count' | 'apology_count' | 'assigned_to' | 'fee' | 'fee_paid' | 'fee_method' | 'finished_at'
  | 'returned_at' | 'return_method' | 'rating' | 'rating_comment',
  unknown
>>;

export interface EffectInput {
  dossier: Dossier;
  action: ActionName;
  to: DossierState;
  payload: Record<string, unknown>;
  actorUserId: number;
  now: Date;
  calendar: WorkingCalendar;
}

const closingOf = (calendar: WorkingCalendar, isoDate: string): Date => {
  const last = calendar.officeHours.sessions[calendar.officeHours.sessions.length - 1]!;
  return new Date(`${isoDate}T${last.end}:00+07:00`);
};

/**
 * The pure part of an action: the projection change and the event payload (what is recorded).
 * Throws an Error with `code` for rule violations found only with data (e.g. a new due date not later).
 */
export function effectsOf(input: EffectInput): { patch: Patch; eventPayload: Record<string, unknown>; dueAt: Date | null } {
  const { dossier: d, payload, now, calendar } = input;
  const limit = d.procedure.timeLimit;
  const patch: Patch = { state: input.to };
  let dueAt = d.dueAt;
  const eventPayload: Record<string, unknown> = { ...payload };
  switch (input.action) {
    case 'submit':
      patch.submitted_at = now;
      break;
    case 'receive': {
      const deadline = calendar.computeDeadline(now, limit);
      dueAt = deadline.dueAt;
      const fee = computeFee(d.procedure.fees, { pages: d.request.pages, copies: d.request.copies, cases: d.request.cases, exempt: d.request.feeExempt });
      Object.assign(patch, {
        submitted_at: d.submittedAt ?? now,
        received_at: now,
        due_at: dueAt,
        original_due_at: dueAt,
        fee,
        fee_paid: Boolean(payload.feePaid) && fee.total > 0,
        fee_method: payload.feePaid && fee.total > 0 ? 'cash' : null,
      });
      if (input.to === 'processing') patch.assigned_to = input.actorUserId; // same-day workflow: the receiver handles it
      Object.assign(eventPayload, { effectiveReceivedAt: deadline.effectiveReceivedAt.toISOString(), fee });
      break;
    }
    case 'requestSupplement':
      Object.assign(patch, { paused_at: now, supplement_count: d.supplementCount + 1, state_before_supplement: d.state });
      eventPayload.requestNumber = d.supplementCount + 1;
      break;
    case 'supplement': {
      const restart = d.workflow.supplementClock === 'restart';
      dueAt = restart ? calendar.restart(now, limit).dueAt : calendar.extendByPause(d.dueAt ?? now, d.pausedAt ?? now, now);
      Object.assign(patch, { paused_at: null, state_before_supplement: null, due_at: dueAt });
      eventPayload.clock = restart ? 'restart' : 'resume';
      break;
    }
    case 'assign':
      patch.assigned_to = payload.specialistUserId;
      break;
    case 'apologize': {
      const newDue = closingOf(calendar, String(payload.newDueDate));
      if (!calendar.isWorkingDay(String(payload.newDueDate))) throw Object.assign(new Error('Ngày hẹn trả mới phải là ngày làm việc.'), { code: 'NOT_WORKING_DAY' });
      if (d.dueAt && newDue.getTime() <= d.dueAt.getTime()) throw Object.assign(new Error('Ngày hẹn trả mới phải sau ngày hẹn hiện tại.'), { code: 'DUE_NOT_LATER' });
      Object.assign(patch, { due_at: newDue, apology_count: d.apologyCount + 1 });
      Object.assign(eventPayload, { previousDueAt: d.dueAt?.toISOString() ?? null, newDueAt: newDue.toISOString() });
      dueAt = newDue;
      break;
    }
    case 'approve':
    case 'refuse':
    case 'stop':
    case 'withdraw':
      patch.finished_at = d.finishedAt ?? now;
      break;
    case 'sendBack':
      patch.finished_at = null;
      break;
    case 'returnResult':
      Object.assign(patch, { returned_at: now, return_method: payload.method });
      break;
    case 'rate':
      Object.assign(patch, { rating: payload.score, rating_comment: payload.comment || null });
      break;
    default:
      break;
  }
  if (input.action === 'withdraw' || input.action === 'stop' || input.action === 'refuseIntake') patch.paused_at = null;
  return { patch, eventPayload, dueAt };
}
