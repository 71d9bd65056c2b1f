/**
 * Instants ↔ Vietnam local time (fixed UTC+07:00, no DST since 1975).
 * Only epoch milliseconds are used; never the host time zone.
 */
import { isValidSolarDate, jdFromDate, jdToDate, UNIX_EPOCH_JD } from './civil-date.js';

export const VN_OFFSET_MS = 7 * 3_600_000;
export const MS_PER_DAY = 86_400_000;
export const MS_PER_MINUTE = 60_000;

/** Epoch milliseconds of a Date; throws RangeError for an invalid Date. */
export function toMs(date: Date, what = 'date'): number {
  // No `instanceof`: Dates from another realm (or a patched global) must work too.
  const ms = Object.prototype.toString.call(date) === '[object Date]' ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`Invalid ${what}`);
  return ms;
}

/** Vietnam local day number (JDN) of an instant. */
export function localJd(ms: number): number {
  return Math.floor((ms + VN_OFFSET_MS) / MS_PER_DAY) + UNIX_EPOCH_JD;
}

/** Milliseconds since Vietnam local midnight. */
export function msOfLocalDay(ms: number): number {
  const shifted = ms + VN_OFFSET_MS;
  return shifted - Math.floor(shifted / MS_PER_DAY) * MS_PER_DAY;
}

/** Instant of local day `jd` at `minuteOfDay` (+07:00). */
export function instantAt(jd: number, minuteOfDay: number): number {
  return (jd - UNIX_EPOCH_JD) * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE - VN_OFFSET_MS;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** 'YYYY-MM-DDTHH:mm:ss+07:00' (milliseconds are dropped). */
export function formatVnIso(date: Date): string {
  const ms = toMs(date);
  const d = jdToDate(localJd(ms));
  if (d.year < 0 || d.year > 9999) throw new RangeError('Year outside 0000–9999');
  const seconds = Math.floor(msOfLocalDay(ms) / 1000);
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  const ss = seconds % 60;
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}T${pad(hh)}:${pad(mm)}:${pad(ss)}+07:00`;
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Parses ISO 8601 'YYYY-MM-DDTHH:mm[:ss[.fff]][Z|±HH:mm|±HHmm|±HH]'.
 * A date-time without offset is read as +07:00; a bare date as 00:00+07:00.
 * Returns null for anything malformed or not a real date/time.
 */
export function parseIsoToDate(input: string): Date | null {
  if (typeof input !== 'string') return null;
  const m = ISO_DATE_TIME.exec(input.trim());
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!isValidSolarDate(date)) return null;
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 7 * 60;
  const zone = m[8];
  if (zone !== undefined && zone.toUpperCase() === 'Z') offsetMinutes = 0;
  else if (zone !== undefined) {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 14 || om > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const days = jdFromDate(date.day, date.month, date.year) - UNIX_EPOCH_JD;
  const ms =
    days * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
  return new Date(ms);
}
