/**
 * Vietnamese lunar calendar (âm lịch), UTC+7, after Hồ Ngọc Đức's
 * astronomical method:
 *  - a month starts on the local day of a new moon;
 *  - month 11 is the month containing the winter solstice;
 *  - when 13 new moons start between two consecutive month-11 starts, the
 *    first month (after month 11) in which the sun enters no new 30° sector
 *    (no major solar term) is the leap month, numbered like the month before it.
 */
import { getNewMoonDay, getSunLongitude, NEW_MOON_EPOCH_JD, SYNODIC_MONTH } from './astronomy.js';
import { isValidSolarDate, jdFromDate, jdToDate } from './civil-date.js';
import type { LunarDate, SolarDate } from './types.js';

export { jdFromDate, jdToDate } from './civil-date.js';
export { getNewMoonDay, getSunLongitude } from './astronomy.js';

/** Vietnam's official calendar is computed for UTC+7. */
export const VN_TIME_ZONE = 7;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
/** Wider range used internally (holiday look-ahead/behind). */
const INTERNAL_MIN_YEAR = 1850;
const INTERNAL_MAX_YEAR = 2150;

/** Day number (JDN) of the first day of lunar month 11 that contains the winter solstice of `solarYear`. */
export function getLunarMonth11(solarYear: number, timeZone: number): number {
  const daysSinceEpoch = jdFromDate(31, 12, solarYear) - 2415021;
  const k = Math.floor(daysSinceEpoch / SYNODIC_MONTH);
  const newMoon = getNewMoonDay(k, timeZone);
  // If the sun already passed 270° when that month began, the solstice fell in the previous month.
  return getSunLongitude(newMoon, timeZone) >= 9 ? getNewMoonDay(k - 1, timeZone) : newMoon;
}

function lunationIndex(dayNumber: number): number {
  return Math.floor((dayNumber - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH + 0.5);
}

/**
 * For a 13-month period starting at month 11 (day number `a11`), the offset
 * (1…12) of the leap month: the first month whose start and the next month's
 * start see the sun in the same sector.
 */
export function getLeapMonthOffset(a11: number, timeZone: number): number {
  const k = lunationIndex(a11);
  let previous = getSunLongitude(getNewMoonDay(k + 1, timeZone), timeZone);
  for (let offset = 1; offset <= 12; offset++) {
    const next = getSunLongitude(getNewMoonDay(k + offset + 1, timeZone), timeZone);
    if (next === previous) return offset;
    previous = next;
  }
  throw new Error(`No leap month found after day ${a11}`);
}

interface MonthSpan {
  year: number;
  month: number;
  leap: boolean;
  startJd: number;
  length: number;
}

const periodCache = new Map<number, readonly MonthSpan[]>();

/** Months from month 11 of lunar year `y` up to (excluding) month 11 of year `y + 1`. */
function monthsFromMonth11(y: number): readonly MonthSpan[] {
  const cached = periodCache.get(y);
  if (cached) return cached;
  const a11 = getLunarMonth11(y, VN_TIME_ZONE);
  const b11 = getLunarMonth11(y + 1, VN_TIME_ZONE);
  const count = b11 - a11 > 365 ? 13 : 12;
  const leapOffset = count === 13 ? getLeapMonthOffset(a11, VN_TIME_ZONE) : -1;
  const k = lunationIndex(a11);
  const starts: number[] = [];
  for (let i = 0; i <= count; i++) starts.push(getNewMoonDay(k + i, VN_TIME_ZONE));
  if (starts[0] !== a11 || starts[count] !== b11) {
    throw new Error(`Inconsistent lunation count for lunar year ${y}`);
  }
  const spans: MonthSpan[] = [];
  let month = 11;
  let year = y;
  for (let i = 0; i < count; i++) {
    const leap = i === leapOffset;
    if (i > 0 && !leap) {
      month += 1;
      if (month === 13) {
        month = 1;
        year = y + 1;
      }
    }
    const start = starts[i] as number;
    spans.push({ year, month, leap, startJd: start, length: (starts[i + 1] as number) - start });
  }
  periodCache.set(y, spans);
  return spans;
}

function checkInternalYear(year: number): void {
  if (!Number.isInteger(year) || year < INTERNAL_MIN_YEAR || year > INTERNAL_MAX_YEAR) {
    throw new RangeError(`Lunar year ${year} is outside the supported range`);
  }
}

/** All months of lunar year `year`, in order (12 or 13 entries). */
function monthsOfLunarYear(year: number): MonthSpan[] {
  checkInternalYear(year);
  return [
    ...monthsFromMonth11(year - 1).filter((m) => m.year === year),
    ...monthsFromMonth11(year).filter((m) => m.year === year),
  ];
}

function checkPublicLunarYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Lunar year must be an integer in ${MIN_YEAR}–${MAX_YEAR}, got ${year}`);
  }
}

function findMonth(year: number, month: number, leap: boolean): MonthSpan | undefined {
  return monthsOfLunarYear(year).find((m) => m.month === month && m.leap === leap);
}

/** Day number of lunar 1/1 (Tết) of `year`. Internal range. */
export function lunarNewYearJd(year: number): number {
  const first = monthsOfLunarYear(year)[0];
  if (!first) throw new Error(`No months for lunar year ${year}`);
  return first.startJd;
}

/** Day number of a lunar date, or null when it does not exist. Internal range, no public checks. */
export function lunarDateToJd(year: number, month: number, day: number, leap: boolean): number | null {
  const span = findMonth(year, month, leap);
  if (!span || !Number.isInteger(day) || day < 1 || day > span.length) return null;
  return span.startJd + day - 1;
}

/** Lunar date of a day number. Internal range, no public checks. */
export function jdToLunar(jd: number): LunarDate {
  const { year: solarYear } = jdToDate(jd);
  // Tết always falls in late January / February, so the lunar year is the solar year or the one before.
  const lunarYear = jd >= lunarNewYearJd(solarYear) ? solarYear : solarYear - 1;
  const span = monthsOfLunarYear(lunarYear).find((m) => jd >= m.startJd && jd < m.startJd + m.length);
  if (!span) throw new Error(`Day ${jd} not covered by lunar year ${lunarYear}`);
  return { year: span.year, month: span.month, day: jd - span.startJd + 1, leap: span.leap };
}

/**
 * Gregorian → Vietnamese lunar date. Supported: 1900-01-01 … 2100-12-31.
 * @throws RangeError for an invalid or out-of-range date.
 */
export function solarToLunar(date: SolarDate): LunarDate {
  if (!isValidSolarDate(date)) {
    throw new RangeError(`Invalid solar date ${date.year}-${date.month}-${date.day}`);
  }
  if (date.year < MIN_YEAR || date.year > MAX_YEAR) {
    throw new RangeError(`Solar year must be in ${MIN_YEAR}–${MAX_YEAR}, got ${date.year}`);
  }
  return jdToLunar(jdFromDate(date.day, date.month, date.year));
}

/**
 * Vietnamese lunar → Gregorian date; null when the lunar date does not exist
 * (e.g. `leap: true` on a non-leap month, day 30 of a 29-day month).
 * @throws RangeError when the lunar year is outside 1900–2100 or a field is not an integer.
 */
export function lunarToSolar(date: LunarDate): SolarDate | null {
  checkPublicLunarYear(date.year);
  if (!Number.isInteger(date.month) || !Number.isInteger(date.day)) {
    throw new RangeError('Lunar month and day must be integers');
  }
  const jd = lunarDateToJd(date.year, date.month, date.day, date.leap === true);
  return jd === null ? null : jdToDate(jd);
}

/**
 * Number of days (29 or 30) of a lunar month.
 * @throws RangeError when that month does not exist in that year.
 */
export function lunarMonthLength(year: number, month: number, leap: boolean): 29 | 30 {
  checkPublicLunarYear(year);
  const span = findMonth(year, month, leap);
  if (!span) throw new RangeError(`Lunar month ${month}${leap ? ' (nhuận)' : ''}/${year} does not exist`);
  return span.length === 29 ? 29 : 30;
}

/** The leap month number of a lunar year, or 0 when the year has none. */
export function leapMonthOfYear(lunarYear: number): number {
  checkPublicLunarYear(lunarYear);
  return monthsOfLunarYear(lunarYear).find((m) => m.leap)?.month ?? 0;
}

export function monthsInLunarYear(lunarYear: number): 12 | 13 {
  checkPublicLunarYear(lunarYear);
  return monthsOfLunarYear(lunarYear).length === 13 ? 13 : 12;
}

const STEMS = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'] as const;
const BRANCHES = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'] as const;

/** Can Chi name of a lunar year, e.g. 2026 → "Bính Ngọ". */
export function lunarYearName(lunarYear: number): string {
  if (!Number.isInteger(lunarYear)) throw new RangeError('Lunar year must be an integer');
  const stem = STEMS[(((lunarYear + 6) % 10) + 10) % 10];
  const branch = BRANCHES[(((lunarYear + 8) % 12) + 12) % 12];
  return `${stem} ${branch}`;
}
