/**
 * Holiday data. Rules are rows; adding a holiday (e.g. a new national day) is
 * adding a row with its `effectiveFrom`.
 *
 * Source: Bộ luật Lao động 2019 (Labour Code, Law 45/2019/QH14), art. 112,
 * in force from 2021-01-01; earlier rows reflect the 1994 and 2012 codes.
 */
import type { DayOff, HolidayRule, OfficialSchedule } from './types.js';

/** The adjacent Quốc khánh day defaults to the day before 2/9 (1/9); replace this row to use 3/9. */
export const QUOC_KHANH_ADJACENT_DAY_RULE: HolidayRule = Object.freeze({
  id: 'quoc-khanh-ngay-lien-ke',
  name: 'Quốc khánh',
  calendar: 'solar',
  month: 9,
  day: 1,
  effectiveFrom: '2021-01-01',
});

export const DEFAULT_HOLIDAY_RULES: readonly HolidayRule[] = Object.freeze(
  [
    {
      id: 'tet-duong-lich',
      name: 'Tết Dương lịch',
      calendar: 'solar',
      month: 1,
      day: 1,
      effectiveFrom: '1995-01-01',
    },
    {
      // Tết eve (29 or 30 of lunar month 12) + lunar 1/1 … 1/4.
      id: 'tet-nguyen-dan',
      name: 'Tết Nguyên đán',
      calendar: 'lunar',
      month: 12,
      day: 'lastDayOfYear',
      lengthDays: 5,
      effectiveFrom: '2013-05-01',
    },
    {
      // Labour Code 1994: four days (eve + 1/1 … 1/3).
      id: 'tet-nguyen-dan-4-ngay',
      name: 'Tết Nguyên đán',
      calendar: 'lunar',
      month: 12,
      day: 'lastDayOfYear',
      lengthDays: 4,
      effectiveFrom: '1995-01-01',
      effectiveTo: '2013-04-30',
    },
    {
      id: 'gio-to-hung-vuong',
      name: 'Giỗ Tổ Hùng Vương',
      calendar: 'lunar',
      month: 3,
      day: 10,
      effectiveFrom: '2007-01-01',
    },
    {
      id: 'ngay-chien-thang',
      name: 'Ngày Chiến thắng',
      calendar: 'solar',
      month: 4,
      day: 30,
      effectiveFrom: '1995-01-01',
    },
    {
      id: 'quoc-te-lao-dong',
      name: 'Ngày Quốc tế Lao động',
      calendar: 'solar',
      month: 5,
      day: 1,
      effectiveFrom: '1995-01-01',
    },
    {
      id: 'quoc-khanh',
      name: 'Quốc khánh',
      calendar: 'solar',
      month: 9,
      day: 2,
      effectiveFrom: '1995-01-01',
    },
    QUOC_KHANH_ADJACENT_DAY_RULE,
  ].map((r) => Object.freeze(r as HolidayRule)),
);

function dayRange(fromDay: number, toDay: number, yearMonth: string, name: string): DayOff[] {
  const days: DayOff[] = [];
  for (let d = fromDay; d <= toDay; d++) {
    days.push(Object.freeze({ date: `${yearMonth}-${String(d).padStart(2, '0')}`, name, kind: 'official' }));
  }
  return days;
}

/**
 * Government-announced schedules. Tết Bính Ngọ 2026: off Saturday 14/02 to
 * Sunday 22/02/2026 (9 consecutive days) for public servants; this replaces
 * the rule-derived Tết days (and their compensatory days) for 2026 only.
 */
export const OFFICIAL_SCHEDULES: readonly OfficialSchedule[] = Object.freeze([
  Object.freeze({
    year: 2026,
    replacesRules: ['tet-nguyen-dan'],
    daysOff: dayRange(14, 22, '2026-02', 'Nghỉ Tết Nguyên đán Bính Ngọ'),
    makeUpWorkdays: [],
    source: 'Phương án nghỉ Tết Nguyên đán Bính Ngọ 2026 của cán bộ, công chức, viên chức (Bộ Nội vụ)',
  }),
]);
