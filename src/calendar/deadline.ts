/**
 * Deadline computation (hạn giải quyết) for administrative procedures.
 *
 * a. Receipt at/after the cutoff on a working day, or any time on a
 *    non-working day → received at the opening of the next working day.
 *    Before opening on a working day → that day's opening. During the lunch
 *    break before the cutoff → the moment itself for day limits, the start of
 *    the next session for hour limits.
 * b. N ≥ 1 working days → closing time of the N-th working day after the
 *    effective receipt day (the receipt day itself is not counted,
 *    Civil Code 2015 art. 147).
 * c. N = 0 → closing time of the effective receipt day.
 * d. N calendar days → closing time of the day N days after the effective
 *    receipt day, moved to the next working day when that day is not one.
 * e. N working hours → counted inside office sessions from the effective
 *    receipt moment.
 */
import type { DeadlineResult, TimeLimit } from './types.js';
import { instantAt, localJd, msOfLocalDay, MS_PER_MINUTE, toMs } from './vn-time.js';
import { addWorkingMs, nextWorkingJd, type WorkingContext } from './working-time.js';

const UNITS = ['working-days', 'days', 'working-hours'] as const;

/** Validates a limit; returns its size (days, or whole minutes for working hours). */
export function normalizeLimit(limit: TimeLimit): number {
  if (!limit || !UNITS.includes(limit.unit)) {
    throw new RangeError(`Time limit unit must be one of ${UNITS.join(', ')}`);
  }
  const { value } = limit;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError('Time limit value must be a finite number ≥ 0');
  }
  if (limit.unit === 'working-hours') return Math.round(value * 60);
  if (!Number.isInteger(value)) throw new RangeError(`Time limit in ${limit.unit} must be an integer`);
  return value;
}

/** Effective receipt moment (rule a). */
export function effectiveReceipt(ctx: WorkingContext, receivedMs: number, hourBased: boolean): number {
  const { hours } = ctx;
  const jd = localJd(receivedMs);
  const minute = msOfLocalDay(receivedMs) / MS_PER_MINUTE; // may be fractional
  if (!ctx.isWorkingJd(jd) || minute >= hours.cutoff) {
    return instantAt(nextWorkingJd(ctx, jd), hours.opening);
  }
  if (minute < hours.opening) return instantAt(jd, hours.opening);
  if (hourBased) {
    const inSession = hours.sessions.some((s) => minute >= s.start && minute < s.end);
    if (!inSession) {
      const next = hours.sessions.find((s) => s.start > minute);
      // cutoff ≤ closing guarantees a later session exists here.
      if (next) return instantAt(jd, next.start);
    }
  }
  return receivedMs;
}

export function computeDeadlineIn(ctx: WorkingContext, receivedAt: Date, limit: TimeLimit): DeadlineResult {
  const received = toMs(receivedAt, 'receivedAt');
  const size = normalizeLimit(limit);
  const hourBased = limit.unit === 'working-hours';
  const effective = effectiveReceipt(ctx, received, hourBased);
  let due: number;
  if (hourBased) {
    due = addWorkingMs(ctx, effective, size * MS_PER_MINUTE);
  } else {
    let day = localJd(effective);
    if (limit.unit === 'working-days') {
      for (let i = 0; i < size; i++) day = nextWorkingJd(ctx, day);
    } else {
      day += size;
      if (!ctx.isWorkingJd(day)) day = nextWorkingJd(ctx, day);
    }
    due = instantAt(day, ctx.hours.closing);
  }
  return { receivedAt: new Date(received), effectiveReceivedAt: new Date(effective), dueAt: new Date(due) };
}
