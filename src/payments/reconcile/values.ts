/**
 * Reading one cell of a bank statement: an amount in đồng ("50.000", "50,000", "50000", "50,000.00", "+50.000 VND",
 * a number in an XLSX cell) and a booking time (dd/mm/yyyy with an optional time, yyyy-mm-dd, an Excel date or serial
 * number), Vietnam time.
 */

/** A cell as read from CSV (text) or XLSX (text, number, date); null when empty. */
export type Cell = string | number | Date | null;

/** Vietnam has no daylight saving time: UTC+7 all year. */
const VN_OFFSET_MS = 7 * 3_600_000;
/** Excel's day 0 (1899-12-30, counting the 1900 leap-year bug) in ms since the Unix epoch. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** C0 control characters other than tab and newline, and DEL: PostgreSQL refuses NUL in text, and none belongs in a line. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Text from a file, the bank's webhook or a form, fit to store: control characters (NUL…) become spaces. */
export const storableText = (s: string): string => s.replace(CONTROLS, ' ');

/** exceljs gives an Invalid Date for a date-formatted cell holding a number too big to be a date. */
export const isValidDate = (d: Date): boolean => !Number.isNaN(d.getTime());

/** A cell as text (for header names, references, descriptions); an invalid date is unreadable: empty. */
export const cellText = (c: Cell): string =>
  c === null ? '' : c instanceof Date ? (isValidDate(c) ? c.toISOString() : '') : typeof c === 'number' ? String(c) : storableText(c.normalize('NFC')).trim();

/**
 * An amount in whole đồng; negative for a debit written with a minus sign or in parentheses. null when empty,
 * undefined when it is not an amount (the caller says which line).
 */
export function parseAmount(c: Cell): number | null | undefined {
  if (c === null) return null;
  if (typeof c === 'number') return Number.isSafeInteger(c) ? c : Number.isFinite(c) && Math.abs(c - Math.round(c)) < 1e-6 ? Math.round(c) : undefined;
  if (c instanceof Date) return undefined;
  let s = c.normalize('NFC').replace(/\s|\u00a0/g, '').replace(/^(VND|VNĐ|đ|₫)|(VND|VNĐ|đồng|đ|₫)$/giu, '');
  if (s === '' || s === '-') return null;
  let sign = 1;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) [s, sign] = [paren[1]!, -1];
  if (/^[+-]/.test(s)) {
    if (s[0] === '-') sign = -sign;
    s = s.slice(1);
  }
  let whole: string;
  let fraction = '';
  let m: RegExpExecArray | null;
  if (/^\d+$/.test(s)) whole = s;
  else if ((m = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/.exec(s))) [whole, fraction] = [m[1]!.replaceAll('.', ''), m[2] ?? '']; // 1.250.000,00
  else if ((m = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/.exec(s))) [whole, fraction] = [m[1]!.replaceAll(',', ''), m[2] ?? '']; // 1,250,000.00
  else if ((m = /^(\d+)[.,](\d{1,2})$/.exec(s))) [whole, fraction] = [m[1]!, m[2]!]; // 1250000.00
  else return undefined;
  if (/[1-9]/.test(fraction)) return undefined; // đồng have no subunit
  const n = Number(whole);
  return Number.isSafeInteger(n) ? sign * n : undefined;
}

/** The instant of a Vietnam wall-clock time; null when the parts are not a real date and time. */
export function vnInstant(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date | null {
  if (y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null;
  return new Date(utc - VN_OFFSET_MS);
}

/**
 * When a line was booked. An XLSX date cell holds the wall-clock time without a zone (exceljs gives it as UTC),
 * read as Vietnam time; so is a serial number (days since 1899-12-30). Text: "05/01/2026", "5/1/2026 14:30",
 * "05-01-2026 14:30:05", "2026-01-05", "2026-01-05T14:30:05+07:00". null when empty, undefined when not a date.
 */
export function parseBookedAt(c: Cell): Date | null | undefined {
  if (c === null) return null;
  if (c instanceof Date) {
    if (!isValidDate(c)) return undefined;
    return vnInstant(c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate(), c.getUTCHours(), c.getUTCMinutes(), c.getUTCSeconds()) ?? undefined;
  }
  if (typeof c === 'number') {
    if (!(c > 36_526 && c < 73_051)) return undefined; // 2000-01-01 .. 2100-01-01
    return parseBookedAt(new Date(EXCEL_EPOCH_MS + Math.round(c * 86_400) * 1000));
  }
  const s = c.normalize('NFC').trim();
  if (s === '') return null;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) return vnInstant(+m[3]!, +m[2]!, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) ?? undefined;
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (!m) return undefined;
  const local = vnInstant(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  if (!local || !m[7]) return local ?? undefined;
  // an explicit zone: the wall-clock time is in that zone, not Vietnam's
  const zone = m[7] === 'Z' ? 0 : (m[7][0] === '-' ? -1 : 1) * (Number(m[7].slice(1, 3)) * 60 + Number(m[7].slice(-2))) * 60_000;
  return new Date(local.getTime() + VN_OFFSET_MS - zone);
}
