/** Remaining time, overdue status and timeliness classification. */
import type { Remaining, Timeliness } from './types.js';
import { localJd, MS_PER_MINUTE, toMs } from './vn-time.js';
import { workingMsBetween, type WorkingContext } from './working-time.js';

/**
 * Working time left until `dueAt` (or elapsed past it when overdue), split into
 * working days of `dayMinutes` (the total session minutes of one day), hours
 * and minutes. Partial minutes are rounded down.
 */
export function remainingIn(ctx: WorkingContext, now: Date, dueAt: Date): Remaining {
  const nowMs = toMs(now, 'now');
  const dueMs = toMs(dueAt, 'dueAt');
  const overdue = nowMs > dueMs;
  const ms = Math.abs(workingMsBetween(ctx, nowMs, dueMs));
  const workingMinutes = Math.floor(ms / MS_PER_MINUTE);
  const dayMinutes = ctx.hours.dayMinutes;
  const days = Math.floor(workingMinutes / dayMinutes);
  const rest = workingMinutes - days * dayMinutes;
  return { overdue, workingMinutes, days, hours: Math.floor(rest / 60), minutes: rest % 60 };
}

/**
 * Vietnamese description: "còn 1 ngày 3 giờ", "còn 45 phút", "quá hạn 2 ngày",
 * "quá hạn 3 giờ"; "đến hạn" when no working minute is left and the due moment
 * has not passed; "quá hạn" when overdue by less than one working minute
 * (e.g. on the weekend after a Friday deadline).
 */
export function describeRemainingVi(r: Remaining): string {
  const parts: string[] = [];
  if (r.days > 0) parts.push(`${r.days} ngày`);
  if (r.hours > 0) parts.push(`${r.hours} giờ`);
  if (r.minutes > 0) parts.push(`${r.minutes} phút`);
  if (r.overdue) return parts.length ? `quá hạn ${parts.join(' ')}` : 'quá hạn';
  return parts.length ? `còn ${parts.join(' ')}` : 'đến hạn';
}

/**
 * Timeliness of a finished case (local days in +07:00):
 * - 'early'  — finished before the start of the due day (any earlier day);
 * - 'onTime' — finished on the due day, at or before `dueAt`;
 * - 'late'   — finished after `dueAt`.
 */
export function classifyTimeliness(finishedAt: Date, dueAt: Date): Timeliness {
  const finished = toMs(finishedAt, 'finishedAt');
  const due = toMs(dueAt, 'dueAt');
  if (finished > due) return 'late';
  return localJd(finished) < localJd(due) ? 'early' : 'onTime';
}
