/**
 * Counting office time across sessions, nights and non-working days.
 * All values are epoch milliseconds; local days are +07:00 day numbers.
 */
import type { CompiledOfficeHours } from './office-hours.js';
import { instantAt, localJd } from './vn-time.js';

export interface WorkingContext {
  readonly hours: CompiledOfficeHours;
  isWorkingJd(jd: number): boolean;
}

/** No realistic calendar has a year without working days; guards against endless loops. */
const MAX_SCAN_DAYS = 3700;

/** First working day strictly after `jd`. */
export function nextWorkingJd(ctx: WorkingContext, jd: number): number {
  for (let d = jd + 1; d <= jd + MAX_SCAN_DAYS; d++) {
    if (ctx.isWorkingJd(d)) return d;
  }
  throw new RangeError('No working day found within 10 years');
}

/** Session intervals [start, end) of a working day, as instants. */
function sessionsOf(ctx: WorkingContext, jd: number): Array<[number, number]> {
  if (!ctx.isWorkingJd(jd)) return [];
  return ctx.hours.sessions.map((s) => [instantAt(jd, s.start), instantAt(jd, s.end)]);
}

/** Office time between two instants (ms); negative when `to` < `from`. */
export function workingMsBetween(ctx: WorkingContext, from: number, to: number): number {
  if (to < from) return -workingMsBetween(ctx, to, from);
  let total = 0;
  for (let jd = localJd(from); jd <= localJd(to); jd++) {
    for (const [start, end] of sessionsOf(ctx, jd)) {
      const overlap = Math.min(end, to) - Math.max(start, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

/**
 * Moves `from` forward by `amount` ms of office time. A zero amount returns
 * `from` unchanged; a result that exactly exhausts a session stays at that
 * session's end (e.g. 17:00), not at the next opening.
 */
export function addWorkingMs(ctx: WorkingContext, from: number, amount: number): number {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError('Working time to add must be ≥ 0');
  if (amount === 0) return from;
  let left = amount;
  const lastDay = localJd(from) + MAX_SCAN_DAYS;
  for (let jd = localJd(from); jd <= lastDay; jd++) {
    for (const [start, end] of sessionsOf(ctx, jd)) {
      if (end <= from) continue;
      const begin = Math.max(start, from);
      if (begin + left <= end) return begin + left;
      left -= end - begin;
    }
  }
  throw new RangeError('Working time exceeds the supported range');
}
