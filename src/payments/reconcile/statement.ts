/**
 * A bank statement as rows of cells (from CSV or XLSX) → its credit lines: the header row is found among the first
 * rows (banks print the account's details above it), then every transaction row below it is read. Debit lines are
 * counted and left out; a row that has a reference or an amount but cannot be read refuses the whole file, with its
 * row number, so that nothing is half-imported.
 */
import { AppError } from '../../platform/http/index.js';
import { formatNumberVn } from '../../documents/text.js';
import { columnsOf, REQUIRED_COLUMNS_TEXT, type ColumnMap } from './columns.js';
import { cellText, parseAmount, parseBookedAt, type Cell } from './values.js';

/** Largest statement file read. */
export const MAX_STATEMENT_BYTES = 2 * 1024 * 1024;
/** Most transaction rows read from one file. */
export const MAX_STATEMENT_LINES = 5000;
/** How far down the header row may be. */
const HEADER_SEARCH_ROWS = 40;
const MAX_REFERENCE = 100;
const MAX_DESCRIPTION = 1000;

/** One credit to the fee account. */
export interface StatementLine {
  /** Row number in the file (1 = first row), for messages. */
  row: number;
  bankRef: string;
  bookedAt: Date;
  /** Whole đồng, > 0. */
  amount: number;
  description: string;
}

export interface Statement {
  lines: StatementLine[];
  /** Transaction rows that are not credits (debits, zero amounts). */
  debitLines: number;
}

/** A statement that cannot be read: the message says why and what to do; nothing is imported. */
export const statementError = (code: string, message: string) => new AppError(400, code, message);

function headerOf(rows: Cell[][]): { index: number; columns: ColumnMap } {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const columns = columnsOf(rows[i]!.map(cellText));
    if (columns) return { index: i, columns };
  }
  throw statementError('NO_STATEMENT_HEADER', `Không tìm thấy dòng tiêu đề của sao kê trong ${HEADER_SEARCH_ROWS} dòng đầu của tệp. Sao kê cần có các cột ${REQUIRED_COLUMNS_TEXT}. Hãy xuất lại sao kê từ ngân hàng (định dạng Excel hoặc CSV) rồi tải lên tệp đó.`);
}

const at = (row: Cell[], i: number | null): Cell => (i === null ? null : row[i] ?? null);

/** The credit lines of a statement given as rows of cells. */
export function readStatementRows(rows: Cell[][]): Statement {
  const { index, columns } = headerOf(rows);
  const body = rows.slice(index + 1);
  const filled = body.filter((r) => r.some((c) => cellText(c) !== '')).length;
  if (filled > MAX_STATEMENT_LINES) {
    throw statementError('STATEMENT_TOO_LONG', `Sao kê có ${formatNumberVn(filled)} dòng, quá ${formatNumberVn(MAX_STATEMENT_LINES)} dòng mỗi lần nhập. Hãy xuất sao kê theo từng khoảng thời gian ngắn hơn.`);
  }
  const lines: StatementLine[] = [];
  let debitLines = 0;
  body.forEach((row, i) => {
    const rowNumber = index + i + 2;
    const ref = cellText(at(row, columns.reference));
    const credit = parseAmount(at(row, columns.credit));
    const amount = parseAmount(at(row, columns.amount));
    const debit = parseAmount(at(row, columns.debit));
    // footers ("Tổng cộng", "Số dư cuối kỳ") and blank rows have no date; a date that cannot be read counts only with a reference
    const booked = parseBookedAt(at(row, columns.date));
    if (booked === null || (booked === undefined && !ref)) return;
    if (credit === undefined || amount === undefined || debit === undefined) {
      const raw = cellText(at(row, credit === undefined ? columns.credit : amount === undefined ? columns.amount : columns.debit));
      throw statementError('BAD_STATEMENT_AMOUNT', `Dòng ${rowNumber}: không đọc được số tiền "${raw.slice(0, 40)}". Số tiền ghi bằng đồng, ví dụ 50.000 hoặc 50000.`);
    }
    const value = columns.credit !== null ? credit ?? 0 : amount ?? 0;
    if (value <= 0) {
      debitLines++;
      return;
    }
    if (!ref) throw statementError('MISSING_REFERENCE', `Dòng ${rowNumber}: giao dịch ghi có ${formatNumberVn(value)} đồng không có số tham chiếu (mã giao dịch). Cần số tham chiếu để không ghi nhận một giao dịch hai lần.`);
    if (ref.length > MAX_REFERENCE) throw statementError('BAD_REFERENCE', `Dòng ${rowNumber}: số tham chiếu dài quá ${MAX_REFERENCE} ký tự.`);
    if (!booked) {
      const raw = cellText(at(row, columns.date)); // empty for a date cell Excel cannot show (a number too big to be a date)
      throw statementError('BAD_STATEMENT_DATE', `Dòng ${rowNumber}: không đọc được ngày giao dịch${raw ? ` "${raw.slice(0, 40)}"` : ''}. Ngày ghi theo dạng ngày/tháng/năm, ví dụ 05/01/2026 hoặc 05/01/2026 14:30.`);
    }
    lines.push({ row: rowNumber, bankRef: ref, bookedAt: booked, amount: value, description: cellText(at(row, columns.description)).replace(/\s+/g, ' ').slice(0, MAX_DESCRIPTION) });
  });
  return { lines, debitLines };
}
