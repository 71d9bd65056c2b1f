/** Vietnamese text helpers: NFC, diacritic folding for search, dates and numbers as Vietnamese write them. */

export const nfc = (s: string): string => s.normalize('NFC');

/** "Đăng ký Khai sinh" -> "dang ky khai sinh": lower case, no diacritics (đ -> d), single spaces. */
export function foldDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' -> '05/01/2027' (tables). */
export function formatDateShort(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** 'YYYY-MM-DD' -> 'ngày 05 tháng 01 năm 2027' (documents). */
export function formatDateLong(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

/** A moment shown in Vietnam time as '14 giờ 30, 05/01/2027'. */
export function formatMomentVi(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3600_000);
  return `${pad2(local.getUTCHours())} giờ ${pad2(local.getUTCMinutes())}, ${pad2(local.getUTCDate())}/${pad2(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

/** 1250000 -> '1.250.000' */
export function formatInteger(n: number): string {
  return Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export const WEEKDAYS_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;
export const WEEKDAYS_SHORT_VI = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'] as const;
