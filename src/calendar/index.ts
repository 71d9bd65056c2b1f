/**
 * Public API of the calendar module (Vietnamese lunar calendar, days off,
 * office hours, deadlines). Other modules import only from here.
 * Pure: no clock, no I/O; time zone is the fixed UTC+07:00.
 */
export type {
  CalendarInputs,
  DayOff,
  DeadlineResult,
  HolidayKind,
  HolidayRule,
  IsoDate,
  LunarDate,
  OfficeHours,
  OfficeSession,
  OfficialSchedule,
  Remaining,
  SolarDate,
  TimeLimit,
  TimeLimitUnit,
  Timeliness,
  UnitCalendarOverrides,
  WorkingCalendar,
  WorkingCalendarOptions,
} from './types.js';
export {
  leapMonthOfYear,
  lunarMonthLength,
  lunarToSolar,
  lunarYearName,
  MAX_YEAR,
  MIN_YEAR,
  monthsInLunarYear,
  solarToLunar,
} from './lunar.js';
export { DEFAULT_HOLIDAY_RULES, OFFICIAL_SCHEDULES, QUOC_KHANH_ADJACENT_DAY_RULE } from './holiday-rules.js';
export { daysOffOfYear } from './holidays.js';
export { DEFAULT_OFFICE_HOURS } from './office-hours.js';
export { createWorkingCalendar } from './working-calendar.js';
export { classifyTimeliness, describeRemainingVi } from './remaining.js';
export { formatVnIso, parseIsoToDate } from './vn-time.js';
