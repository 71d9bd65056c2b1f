/**
 * Shared types of the calendar module (pure data, no behaviour).
 * All local dates/times are in Asia/Ho_Chi_Minh = fixed UTC+07:00.
 */

/** A calendar date in Vietnam, formatted 'YYYY-MM-DD'. */
export type IsoDate = string;

export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

export type HolidayKind = 'statutory' | 'compensatory' | 'official' | 'local';

export interface DayOff {
  date: IsoDate;
  name: string;
  kind: HolidayKind;
}

/**
 * A recurring statutory holiday, as data.
 * - `calendar: 'solar'`: `month`/`day` are Gregorian.
 * - `calendar: 'lunar'`: `month`/`day` are Vietnamese lunar (non-leap month);
 *   `day` may be `'lastDayOfYear'` (29 or 30 of lunar month 12, i.e. Tết eve).
 * - `lengthDays` (default 1): consecutive days starting at that date.
 * - The rule applies to an occurrence whose first day lies in
 *   [effectiveFrom, effectiveTo] (both inclusive).
 */
export interface HolidayRule {
  id: string;
  name: string;
  calendar: 'solar' | 'lunar';
  month: number;
  day: number | 'lastDayOfYear';
  lengthDays?: number;
  effectiveFrom: IsoDate;
  effectiveTo?: IsoDate;
}

/**
 * A government-announced schedule for one year. Its `daysOff` replace the
 * rule-derived days (and the compensatory days they would cause) of the rules
 * listed in `replacesRules` for that year; when `replacesRules` is omitted the
 * schedule replaces ALL rule-derived days of that year.
 */
export interface OfficialSchedule {
  year: number;
  replacesRules?: string[];
  daysOff: DayOff[];
  makeUpWorkdays: IsoDate[];
  source?: string;
}

/** Per-unit local days off and make-up working days (e.g. working Saturdays). */
export interface UnitCalendarOverrides {
  daysOff: DayOff[];
  makeUpWorkdays: IsoDate[];
}

export interface OfficeSession {
  /** 'HH:mm' */
  start: string;
  /** 'HH:mm' */
  end: string;
}

export interface OfficeHours {
  sessions: OfficeSession[];
  /** 'HH:mm' — receipts at or after this time count from the next working day. */
  cutoff: string;
}

export type TimeLimitUnit = 'working-days' | 'days' | 'working-hours';

export interface TimeLimit {
  /** Integer ≥ 0 for day units; for 'working-hours' may be fractional (rounded to whole minutes). */
  value: number;
  unit: TimeLimitUnit;
}

export interface DeadlineResult {
  receivedAt: Date;
  effectiveReceivedAt: Date;
  dueAt: Date;
}

export interface Remaining {
  overdue: boolean;
  /** Working minutes left (or elapsed past due when overdue), rounded down. */
  workingMinutes: number;
  /** Whole working days (1 day = total session minutes of one day). */
  days: number;
  hours: number;
  minutes: number;
}

export type Timeliness = 'early' | 'onTime' | 'late';

export interface CalendarInputs {
  rules?: readonly HolidayRule[];
  schedules?: readonly OfficialSchedule[];
  overrides?: UnitCalendarOverrides;
}

export interface WorkingCalendarOptions extends CalendarInputs {
  officeHours?: OfficeHours;
}

export interface WorkingCalendar {
  /** Normalised office hours used by this calendar. */
  readonly officeHours: OfficeHours;
  /** Minutes of office time in one working day (450 by default). */
  readonly workingDayMinutes: number;
  isWorkingDay(date: IsoDate): boolean;
  /** First working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate;
  daysOffOfYear(year: number): DayOff[];
  computeDeadline(receivedAt: Date, limit: TimeLimit): DeadlineResult;
  /** Working minutes (inside office sessions) from `from` to `to`; negative when `to` < `from`. */
  workingMinutesBetween(from: Date, to: Date): number;
  /** Moves `from` forward by `minutes` of office time. */
  addWorkingMinutes(from: Date, minutes: number): Date;
  /** Policy "extend": shift `dueAt` by the working time elapsed while paused. */
  extendByPause(dueAt: Date, pausedAt: Date, resumedAt: Date): Date;
  /** Policy "restart": the limit counts again from zero at `resumedAt`. */
  restart(resumedAt: Date, limit: TimeLimit): DeadlineResult;
  remaining(now: Date, dueAt: Date): Remaining;
}
