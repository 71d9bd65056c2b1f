/**
 * Proleptic Gregorian calendar arithmetic on Julian Day Numbers (JDN).
 * Pure integer math, independent of the host time zone.
 */
import type { IsoDate, SolarDate } from './types.js';

/** JDN of 1970-01-01. */
export const UNIX_EPOCH_JD = 2440588;

/** Julian Day Number of a Gregorian date (noon-based integer day number). */
export function jdFromDate(day: number, month: number, year: number): number {
  const shift = Math.floor((14 - month) / 12);
  const y = year + 4800 - shift;
  const m = month + 12 * shift - 3;
  return (
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  );
}

/** Inverse of {@link jdFromDate}. */
export function jdToDate(jd: number): SolarDate {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfJd(jd: number): number {
  return (((jd + 1) % 7) + 7) % 7;
}

export function isWeekendJd(jd: number): boolean {
  const wd = weekdayOfJd(jd);
  return wd === 0 || wd === 6;
}

export function isLeapSolarYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInSolarMonth(year: number, month: number): number {
  if (month === 2) return isLeapSolarYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidSolarDate(d: SolarDate): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInSolarMonth(d.year, d.month)
  );
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD'; returns null when malformed or not a real date. */
export function parseIsoDate(iso: string): SolarDate | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidSolarDate(d) ? d : null;
}

/** 'YYYY-MM-DD' → JDN; throws RangeError when invalid. */
export function isoToJd(iso: IsoDate): number {
  const d = parseIsoDate(iso);
  if (!d) throw new RangeError(`Invalid date '${iso}', expected YYYY-MM-DD`);
  return jdFromDate(d.day, d.month, d.year);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatSolarDate(d: SolarDate): IsoDate {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

export function jdToIso(jd: number): IsoDate {
  return formatSolarDate(jdToDate(jd));
}
