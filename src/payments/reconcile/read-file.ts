/**
 * Reading an uploaded bank statement file: an Excel workbook (.xlsx, exceljs) or CSV text (csv-parse; "," or ";" or
 * tab separated, UTF-8 with or without BOM), told apart by their content. At most 2 MB and 5,000 lines; a file that
 * cannot be read is refused with a Vietnamese message saying what to do.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../platform/http/index.js';
import { columnsOf } from './columns.js';
import { MAX_STATEMENT_BYTES, MAX_STATEMENT_LINES, readStatementRows, statementError, type Statement } from './statement.js';
import { cellText, type Cell } from './values.js';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]); // Excel 97-2003 (.xls)
const SEPARATORS = [';', ',', '\t'] as const;
const HEADER_SEARCH_ROWS = 40;
/** More NUL bytes than this in the first KB: not text (an image, UTF-16…); a stray NUL in a CSV is only a bad character. */
const BINARY_NULS = 8;

const looksBinary = (head: Buffer) => head.reduce((n, b) => (b === 0 ? n + 1 : n), 0) > BINARY_NULS;

const hasHeader = (rows: Cell[][]) => rows.slice(0, HEADER_SEARCH_ROWS).some((r) => columnsOf(r.map(cellText)) !== null);

/** CSV text: the separator is the one with which a header row is found (the widest header when several are). */
export function csvRows(text: string): Cell[][] {
  let best: string[][] | null = null;
  let bestWidth = -1;
  for (const delimiter of SEPARATORS) {
    let rows: string[][];
    try {
      rows = parse(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true }) as string[][];
    } catch {
      continue;
    }
    const header = rows.slice(0, HEADER_SEARCH_ROWS).find((r) => columnsOf(r) !== null);
    if (header && header.length > bestWidth) [best, bestWidth] = [rows, header.length];
  }
  if (!best) {
    // no header with any separator: let the statement reader say so (with the columns it needs)
    return text.replace(/^\uFEFF/, '').split(/\r?\n/).slice(0, HEADER_SEARCH_ROWS).map((l) => [l]);
  }
  return best;
}

function excelCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || v instanceof Date) return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return excelCell(((v as { result?: ExcelJS.CellValue }).result ?? null) as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
  }
  return null; // errors (#N/A) and anything else
}

/** The rows of the first worksheet that has a statement header (else of the first worksheet). */
export async function xlsxRows(buffer: Buffer): Promise<Cell[][]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw statementError('UNREADABLE_XLSX', 'Không đọc được tệp Excel này (tệp hỏng hoặc không phải .xlsx). Hãy mở bằng Excel, lưu lại dạng .xlsx rồi tải lên.');
  }
  let first: Cell[][] | null = null;
  for (const sheet of book.worksheets) {
    if (sheet.rowCount > MAX_STATEMENT_LINES + HEADER_SEARCH_ROWS + 1000) {
      throw statementError('STATEMENT_TOO_LONG', `Trang tính "${sheet.name}" có quá nhiều dòng (tối đa ${MAX_STATEMENT_LINES} giao dịch mỗi lần nhập). Hãy xuất sao kê theo từng khoảng thời gian ngắn hơn.`);
    }
    const rows: Cell[][] = [];
    try {
      sheet.eachRow({ includeEmpty: true }, (row) => {
        rows.push((row.values as ExcelJS.CellValue[]).slice(1).map(excelCell));
      });
      if (hasHeader(rows)) return rows;
    } catch {
      // a workbook exceljs loads but cannot walk through is refused like one it cannot load (never a 500)
      throw statementError('UNREADABLE_XLSX', `Không đọc được trang tính "${sheet.name}" của tệp Excel này. Hãy mở bằng Excel, lưu lại dạng .xlsx (hoặc CSV UTF-8) rồi tải lên.`);
    }
    first ??= rows;
  }
  return first ?? [];
}

/** The statement in an uploaded file; refused (nothing read) when it is too big, of another type, or unreadable. */
export async function readStatementFile(buffer: Buffer, fileName: string): Promise<Statement> {
  if (buffer.length === 0) throw statementError('EMPTY_FILE', 'Tệp tải lên không có nội dung. Hãy chọn tệp sao kê đã xuất từ ngân hàng.');
  if (buffer.length > MAX_STATEMENT_BYTES) {
    throw new AppError(413, 'STATEMENT_TOO_BIG', `Tệp quá lớn (tối đa ${MAX_STATEMENT_BYTES / 1024 / 1024} MB). Hãy xuất sao kê theo từng khoảng thời gian ngắn hơn.`);
  }
  const name = fileName.toLowerCase();
  if (buffer.subarray(0, 4).equals(ZIP)) return readStatementRows(await xlsxRows(buffer));
  if (buffer.subarray(0, 4).equals(OLE2)) {
    throw new AppError(415, 'UNSUPPORTED_STATEMENT_TYPE', 'Tệp Excel 97-2003 (.xls) chưa đọc được. Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) dạng .xlsx hoặc CSV UTF-8, rồi tải lên.');
  }
  if (name.endsWith('.xlsx') || looksBinary(buffer.subarray(0, 1024)) || buffer.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new AppError(415, 'UNSUPPORTED_STATEMENT_TYPE', 'Chỉ nhận sao kê dạng Excel (.xlsx) hoặc CSV (UTF-8). Tệp này không phải hai dạng đó.');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new AppError(415, 'STATEMENT_NOT_UTF8', 'Tệp CSV không ở mã UTF-8 nên chữ tiếng Việt sẽ bị sai. Hãy mở tệp bằng Excel và lưu lại dạng "CSV UTF-8", hoặc tải lên tệp .xlsx.');
  }
  return readStatementRows(csvRows(text));
}
