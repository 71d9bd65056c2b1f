/**
 * Vietnamese formatting for documents. Pure functions; every date is shown in Vietnam time
 * (UTC+7, fixed offset, no daylight saving) regardless of the process time zone.
 */

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Minutes in one working day (8 h – 16 h 30 with a lunch break = 7.5 h). */
export const WORKING_DAY_MINUTES = 450;

export interface VnDateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** NFC-normalises text; NFD input (macOS, some keyboards) renders broken diacritics in PDFs. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

export function vnParts(date: Date): VnDateParts {
  const shifted = new Date(date.getTime() + VN_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/** Two digits with a leading zero: 5 → "05" (Decree 30: days < 10 and months 1–2). */
export function pad2(n: number): string {
  return n < 10 && n >= 0 ? `0${n}` : String(n);
}

/** "05/01/2027" */
export function formatVnDate(date: Date): string {
  const p = vnParts(date);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** "14 giờ 30 phút" */
export function formatVnTime(date: Date): string {
  const p = vnParts(date);
  return `${pad2(p.hour)} giờ ${pad2(p.minute)} phút`;
}

/** "14 giờ 30 phút, ngày 05/01/2027" */
export function formatVnDateTime(date: Date): string {
  return `${formatVnTime(date)}, ngày ${formatVnDate(date)}`;
}

/** "ngày 05 tháng 01 năm 2027" */
export function formatVnDateLong(date: Date): string {
  const p = vnParts(date);
  return `ngày ${pad2(p.day)} tháng ${pad2(p.month)} năm ${p.year}`;
}

/** "Tứ Mỹ, ngày 05 tháng 01 năm 2027" (Decree 30/2020 place and date line). */
export function formatPlaceDate(place: string, date: Date): string {
  return nfc(`${place}, ${formatVnDateLong(date)}`);
}

/** ISO 8601 with the Vietnam offset: "2027-01-05T14:30:00+07:00" (for <time datetime>). */
export function formatVnIso(date: Date): string {
  const p = vnParts(date);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}+07:00`;
}

/** Integer with dot grouping: 1250000 → "1.250.000". */
export function formatNumberVn(value: number): string {
  const rounded = Math.round(value);
  const sign = rounded < 0 ? '-' : '';
  const digits = String(Math.abs(rounded));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "1.250.000 đồng" */
export function formatMoneyVn(amount: number): string {
  return `${formatNumberVn(amount)} đồng`;
}

/**
 * Working time: "2 ngày 3 giờ", "1 giờ 30 phút", "45 phút" (one working day = 450 minutes).
 * Zero is "0 phút".
 */
export function formatWorkingDuration(minutes: number, dayMinutes: number = WORKING_DAY_MINUTES): string {
  const total = Math.max(0, Math.round(minutes));
  if (total === 0) return '0 phút';
  const days = Math.floor(total / dayMinutes);
  const rest = total - days * dayMinutes;
  const hours = Math.floor(rest / 60);
  const mins = rest - hours * 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} ngày`);
  if (hours > 0) parts.push(`${hours} giờ`);
  if (mins > 0) parts.push(`${mins} phút`);
  return parts.join(' ');
}

export type TimelinessResult = 'early' | 'onTime' | 'late';

const RESULT_LABELS: Record<TimelinessResult, string> = {
  early: 'Trước hạn',
  onTime: 'Đúng hạn',
  late: 'Quá hạn',
};

export function resultLabel(result: TimelinessResult | null): string {
  return result ? RESULT_LABELS[result] : '';
}
