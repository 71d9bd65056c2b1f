import type { DocumentForm, FeeItem, RequiredDocument } from './model.js';

/**
 * One plain-text line per required document or fee item, the same in the admin form's text boxes and in the
 * XLSX/CSV columns officers edit in Excel. Fields are separated by " | ".
 *   document: "Tờ khai đăng ký khai sinh | bản chính | 1 | ghi chú"
 *   fee:      "cố định | Lệ phí chứng thực chữ ký | 10000"
 *             "theo bản | Phí cấp bản sao trích lục | 8000"
 *             "theo trang | Phí chứng thực bản sao | 1:2000, 3:1000 | tối đa 200000"
 *             "HĐND tỉnh | Lệ phí đăng ký hộ tịch | Mức do HĐND tỉnh quyết định | 5000"
 */

const FORMS: Array<[DocumentForm, string]> = [
  ['original', 'bản chính'],
  ['copy', 'bản sao'],
  ['certifiedCopy', 'bản sao chứng thực'],
  ['show', 'xuất trình'],
];

export class LineError extends Error {
  constructor(readonly line: number, message: string) {
    super(`Dòng ${line}: ${message}`);
  }
}

const split = (line: string) => line.split('|').map((s) => s.trim());
const lines = (text: string) =>
  text.normalize('NFC').split(/\r?\n/).map((l, i) => ({ text: l.trim(), n: i + 1 })).filter((l) => l.text);

function amount(text: string | undefined, n: number): number {
  const digits = (text ?? '').replace(/[.\s,đ]/g, '');
  if (!/^\d{1,12}$/.test(digits)) throw new LineError(n, `số tiền "${text ?? ''}" không hợp lệ (ghi số nguyên, ví dụ 10000).`);
  return Number(digits);
}

export function encodeDocuments(docs: RequiredDocument[]): string {
  return docs
    .map((d) => [d.name, FORMS.find(([f]) => f === d.form)![1], String(d.count), ...(d.note ? [d.note] : [])].join(' | '))
    .join('\n');
}

export function decodeDocuments(text: string): RequiredDocument[] {
  return lines(text).map(({ text: line, n }) => {
    const [name, formText, countText, note] = split(line);
    if (!name) throw new LineError(n, 'thiếu tên giấy tờ.');
    const form = formText ? FORMS.find(([, label]) => label === formText.toLowerCase())?.[0] : 'original';
    if (!form) throw new LineError(n, `hình thức "${formText}" không hợp lệ (${FORMS.map(([, l]) => l).join(', ')}).`);
    const count = countText ? Number(countText) : 1;
    if (!Number.isInteger(count) || count < 1 || count > 100) throw new LineError(n, `số lượng "${countText}" không hợp lệ.`);
    return { name, form, count, ...(note ? { note } : {}) };
  });
}

export function encodeFees(items: FeeItem[]): string {
  return items
    .map((f) => {
      switch (f.kind) {
        case 'fixed':
          return `cố định | ${f.name} | ${f.amount}`;
        case 'perCopy':
          return `theo bản | ${f.name} | ${f.amount}`;
        case 'tieredPerPage':
          return `theo trang | ${f.name} | ${f.tiers.map((t) => `${t.fromPage}:${t.amountPerPage}`).join(', ')}${f.capPerCopy !== undefined ? ` | tối đa ${f.capPerCopy}` : ''}`;
        case 'setByProvince':
          return `HĐND tỉnh | ${f.name} | ${f.note}${f.amount !== undefined ? ` | ${f.amount}` : ''}`;
      }
    })
    .join('\n');
}

export function decodeFees(text: string): FeeItem[] {
  return lines(text).map(({ text: line, n }): FeeItem => {
    const [kind, name, third, fourth] = split(line);
    if (!name) throw new LineError(n, 'thiếu tên khoản phí, lệ phí.');
    switch ((kind ?? '').toLowerCase()) {
      case 'cố định':
        return { kind: 'fixed', name, amount: amount(third, n) };
      case 'theo bản':
        return { kind: 'perCopy', name, amount: amount(third, n) };
      case 'theo trang': {
        const tiers = (third ?? '').split(',').map((t) => {
          const [from, per] = t.split(':').map((s) => s.trim());
          const fromPage = Number(from);
          if (!Number.isInteger(fromPage) || fromPage < 1) throw new LineError(n, `bậc trang "${t.trim()}" không hợp lệ (ví dụ 1:2000, 3:1000).`);
          return { fromPage, amountPerPage: amount(per, n) };
        });
        const cap = fourth ? amount(fourth.replace(/^tối đa/i, ''), n) : undefined;
        return { kind: 'tieredPerPage', name, tiers, ...(cap !== undefined ? { capPerCopy: cap } : {}) };
      }
      case 'hđnd tỉnh':
        if (!third) throw new LineError(n, 'thiếu ghi chú căn cứ mức thu của HĐND tỉnh.');
        return { kind: 'setByProvince', name, note: third, ...(fourth ? { amount: amount(fourth, n) } : {}) };
      default:
        throw new LineError(n, `loại phí "${kind ?? ''}" không hợp lệ (cố định, theo bản, theo trang, HĐND tỉnh).`);
    }
  });
}

/** Plain list: one entry per line (exemptions, legal basis). */
export const encodeList = (items: string[]) => items.join('\n');
export const decodeList = (text: string) => lines(text).map((l) => l.text);
