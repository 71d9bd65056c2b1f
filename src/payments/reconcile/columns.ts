/**
 * Finding the header row of a bank statement export: Vietnamese banks name their columns differently ("Ngày giao
 * dịch" / "Ngày GD" / "Ngày hiệu lực", "Số tham chiếu" / "Mã giao dịch" / "Số bút toán", "Số tiền ghi có" / "Ghi có",
 * "Nội dung" / "Diễn giải"…), often bilingual ("Ngày GD/Transaction date"), and put the account's details above it.
 * Names are compared without diacritics, case or punctuation.
 */
import { foldDiacritics } from '../../platform/i18n/text.js';

export type StatementColumn = 'date' | 'reference' | 'credit' | 'debit' | 'amount' | 'description';

/** Known names of each column, most specific first (the first one found wins when a file has several). */
const ALIASES: Record<StatementColumn, readonly string[]> = {
  date: [
    'ngay giao dich', 'ngay gd', 'thoi gian giao dich', 'ngay gio giao dich', 'ngay hieu luc', 'ngay hach toan', 'ngay ghi so', 'ngay',
    'thoi gian', 'transaction date', 'trans date', 'txn date', 'value date', 'effective date', 'posting date', 'booking date', 'date',
  ],
  reference: [
    'so tham chieu', 'ma tham chieu', 'ma giao dich', 'ma gd', 'so giao dich', 'so gd', 'so but toan', 'so chung tu', 'so ct', 'reference',
    'reference no', 'reference number', 'ref no', 'ref', 'transaction id', 'transaction no', 'transaction number', 'trans id', 'txn id',
  ],
  credit: ['so tien ghi co', 'ghi co', 'so tien co', 'phat sinh co', 'tien vao', 'credit', 'credit amount', 'credits', 'co'],
  debit: ['so tien ghi no', 'ghi no', 'so tien no', 'phat sinh no', 'tien ra', 'debit', 'debit amount', 'debits', 'no'],
  amount: ['so tien', 'so tien giao dich', 'so tien gd', 'amount', 'transaction amount'],
  description: [
    'noi dung', 'noi dung giao dich', 'noi dung chuyen khoan', 'noi dung chi tiet', 'dien giai', 'mo ta', 'chi tiet giao dich', 'chi tiet',
    'description', 'transaction description', 'details', 'transaction details', 'remark', 'remarks', 'narrative', 'content',
  ],
};

/** Where each column is in the header row (index from 0); credit or amount is there, not necessarily both. */
export interface ColumnMap {
  date: number;
  reference: number;
  description: number;
  credit: number | null;
  debit: number | null;
  amount: number | null;
}

/** "Số tiền ghi có (VND)" → "so tien ghi co"; "Ngày GD" → "ngay gd". */
export function headerKey(text: string): string {
  return foldDiacritics(text)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9/]+/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
}

/** The names a header cell gives: "Ngày GD/Transaction date" is both "ngay gd" and "transaction date". */
const namesOf = (cell: string): string[] => headerKey(cell).split('/').map((s) => s.trim()).filter(Boolean);

/** The column whose name is earliest in the aliases of `kind`, or null. */
function find(names: string[][], kind: StatementColumn, taken: Set<number>): number | null {
  let index: number | null = null;
  let bestRank = Infinity;
  for (let i = 0; i < names.length; i++) {
    if (taken.has(i)) continue;
    for (const name of names[i]!) {
      const rank = ALIASES[kind].indexOf(name);
      if (rank >= 0 && rank < bestRank) [index, bestRank] = [i, rank];
    }
  }
  return index;
}

/** The column map of a row, when it is a statement's header row (date, reference, description, and credit or amount). */
export function columnsOf(row: readonly string[]): ColumnMap | null {
  const names = row.map(namesOf);
  const taken = new Set<number>();
  const pick = (kind: StatementColumn) => {
    const i = find(names, kind, taken);
    if (i !== null) taken.add(i);
    return i;
  };
  // the amount columns first: "Số tiền ghi có" must not be taken for anything else
  const credit = pick('credit');
  const debit = pick('debit');
  const amount = pick('amount');
  const reference = pick('reference');
  const date = pick('date');
  const description = pick('description');
  if (date === null || reference === null || description === null || (credit === null && amount === null)) return null;
  return { date, reference, description, credit, debit, amount };
}

/** Human names of the columns a header needs, for the error message. */
export const REQUIRED_COLUMNS_TEXT = '"Ngày giao dịch", "Số tham chiếu" (hoặc "Mã giao dịch"), "Số tiền ghi có" (hoặc "Số tiền") và "Nội dung" (hoặc "Diễn giải")';
