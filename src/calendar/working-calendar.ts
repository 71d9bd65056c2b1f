/** A working calendar built from holiday rules, schedules, unit overrides and office hours. */
import { isoToJd, isWeekendJd, jdToDate, jdToIso } from './civil-date.js';
import { computeDeadlineIn } from './deadline.js';
import { resolveYear, type YearDays } from './holidays.js';
import { compileOfficeHours, DEFAULT_OFFICE_HOURS } from './office-hours.js';
import { remainingIn } from './remaining.js';
import type { CalendarInputs, DayOff, WorkingCalendar, WorkingCalendarOptions } from './types.js';
import { MS_PER_MINUTE, toMs } from './vn-time.js';
import { addWorkingMs, nextWorkingJd, workingMsBetween, type WorkingContext } from './working-time.js';

function snapshot(options: WorkingCalendarOptions): CalendarInputs {
  const inputs: CalendarInputs = {};
  if (options.rules) inputs.rules = options.rules.map((r) => ({ ...r }));
  if (options.schedules) {
    inputs.schedules = options.schedules.map((s) => ({
      ...s,
      ...(s.replacesRules ? { replacesRules: [...s.replacesRules] } : {}),
      daysOff: s.daysOff.map((d) => ({ ...d })),
      makeUpWorkdays: [...s.makeUpWorkdays],
    }));
  }
  if (options.overrides) {
    inputs.overrides = {
      daysOff: options.overrides.daysOff.map((d) => ({ ...d })),
      makeUpWorkdays: [...options.overrides.makeUpWorkdays],
    };
  }
  return inputs;
}

/** Truncates toward zero so that the sign is kept for negative spans. */
const wholeMinutes = (ms: number): number => Math.trunc(ms / MS_PER_MINUTE);

export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const hours = compileOfficeHours(options.officeHours ?? DEFAULT_OFFICE_HOURS);
  const inputs = snapshot(options);
  const years = new Map<number, YearDays>();

  const yearDays = (year: number): YearDays => {
    let cached = years.get(year);
    if (!cached) {
      cached = resolveYear(year, inputs);
      years.set(year, cached);
    }
    return cached;
  };

  const ctx: WorkingContext = {
    hours,
    isWorkingJd(jd: number): boolean {
      const y = yearDays(jdToDate(jd).year);
      if (y.makeUpJd.has(jd)) return true;
      return !isWeekendJd(jd) && !y.daysOffJd.has(jd);
    },
  };

  const calendar: WorkingCalendar = {
    officeHours: hours.source,
    workingDayMinutes: hours.dayMinutes,
    isWorkingDay: (date) => ctx.isWorkingJd(isoToJd(date)),
    nextWorkingDay: (date) => jdToIso(nextWorkingJd(ctx, isoToJd(date))),
    daysOffOfYear: (year): DayOff[] => yearDays(year).daysOff.map((d) => ({ ...d })),
    computeDeadline: (receivedAt, limit) => computeDeadlineIn(ctx, receivedAt, limit),
    workingMinutesBetween: (from, to) =>
      wholeMinutes(workingMsBetween(ctx, toMs(from, 'from'), toMs(to, 'to'))),
    addWorkingMinutes: (from, minutes) => {
      if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError('minutes must be ≥ 0');
      return new Date(addWorkingMs(ctx, toMs(from, 'from'), Math.round(minutes) * MS_PER_MINUTE));
    },
    extendByPause: (dueAt, pausedAt, resumedAt) => {
      const paused = workingMsBetween(ctx, toMs(pausedAt, 'pausedAt'), toMs(resumedAt, 'resumedAt'));
      return new Date(addWorkingMs(ctx, toMs(dueAt, 'dueAt'), Math.max(0, paused)));
    },
    restart: (resumedAt, limit) => computeDeadlineIn(ctx, resumedAt, limit),
    remaining: (now, dueAt) => remainingIn(ctx, now, dueAt),
  };
  return Object.freeze(calendar);
}
