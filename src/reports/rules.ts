/**
 * How a dossier counts in the statistics (pure; domain-vn.md §1.5, Circular 01/2018 art. 13, the DVCQG 766 rules):
 * - processing ends at approval (resolved), refusal, stop or withdrawal; returning the result comes after the end;
 * - a resolved or refused dossier is early (finished on a day before its due day), on time (on the due day, by the
 *   due time) or late; the due date already has supplement waiting added (the time between a supplement request and
 *   the applicant's answer is not counted) and is never moved by an apology;
 * - more than one supplement request makes a dossier late;
 * - an open dossier at a moment is within time or overdue: overdue once its due date has passed, or after a second
 *   supplement request; one open supplement request stops its clock (the request time counts as its end, on time).
 * The report SQL (report.ts) applies the same rules; tests check the two agree.
 */
import { classifyTimeliness, type Timeliness } from '../calendar/index.js';

export type EndKind = 'resolved' | 'refused' | 'stopped' | 'withdrawn';
export type OpenStatus = 'withinTime' | 'overdue';

export const END_KINDS: Partial<Record<string, EndKind>> = { approve: 'resolved', refuse: 'refused', stop: 'stopped', withdraw: 'withdrawn' };

/** Supplement requests from which a dossier counts as late. */
export const LATE_AFTER_SUPPLEMENT_REQUESTS = 2;

export function timelinessAtEnd(input: { endAt: Date; dueAt: Date | null; supplementRequests: number }): Timeliness {
  if (input.supplementRequests >= LATE_AFTER_SUPPLEMENT_REQUESTS) return 'late';
  if (!input.dueAt) return 'onTime'; // no appointment: nothing to be late against
  return classifyTimeliness(input.endAt, input.dueAt);
}

export function openStatusAt(input: { dueAt: Date | null; supplementRequests: number; waitingSince: Date | null }, at: Date): OpenStatus {
  if (input.supplementRequests >= LATE_AFTER_SUPPLEMENT_REQUESTS) return 'overdue';
  if (input.waitingSince && input.waitingSince.getTime() <= at.getTime()) return 'withinTime';
  return input.dueAt && input.dueAt.getTime() < at.getTime() ? 'overdue' : 'withinTime';
}

/**
 * How an action changes the due date timeliness is judged by (never an apology's new date): a receipt sets it; a
 * supplement that restarts the clock sets it to the new due date; one that resumes the clock moves it as far as the
 * dossier's due date moved; nothing else changes it.
 */
export type JudgedDueChange = { mode: 'set' } | { mode: 'shift'; ms: number } | { mode: 'keep' };

export function judgedDueChange(action: string, before: { dueAt: Date | null }, after: { dueAt: Date | null; workflow: { supplementClock: string } }): JudgedDueChange {
  if (action === 'receive') return { mode: 'set' };
  if (action !== 'supplement' || !after.dueAt) return { mode: 'keep' };
  if (after.workflow.supplementClock === 'restart' || !before.dueAt) return { mode: 'set' };
  return { mode: 'shift', ms: after.dueAt.getTime() - before.dueAt.getTime() };
}

/** The judged due date after a change. */
export function applyDueChange(current: Date | null, change: JudgedDueChange, newDue: Date | null): Date | null {
  if (change.mode === 'set') return newDue;
  if (change.mode === 'shift') return current ? new Date(current.getTime() + change.ms) : newDue;
  return current;
}
