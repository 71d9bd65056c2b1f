import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { badRequest } from '../platform/http/index.js';
import { COLUMNS, type ColumnKey, type FlatProcedure } from './flat.js';

const SHEET = 'Thủ tục';
export const MAX_IMPORT_ROWS = 2000;

export async function toXlsx(rows: FlatProcedure[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Xã Số';
  const sheet = book.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'name' || c.key === 'requiredDocuments' || c.key === 'fees' ? 50 : 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** CSV with a UTF-8 byte-order mark so that Excel opens Vietnamese text correctly. */
export function toCsv(rows: FlatProcedure[]): string {
  return '\uFEFF' + stringify(rows, { header: true, columns: COLUMNS.map((c) => ({ key: c.key, header: c.header })) });
}

/** Maps a header row (Vietnamese headers or the English keys) to column keys. */
function headerKeys(header: unknown[]): Array<ColumnKey | null> {
  return header.map((h) => {
    const text = String(h ?? '').normalize('NFC').trim();
    return COLUMNS.find((c) => c.header === text || c.key === text)?.key ?? null;
  });
}

function rowsFromTable(table: unknown[][]): Array<{ rowNumber: number; flat: Partial<FlatProcedure> }> {
  const [header, ...body] = table;
  if (!header) throw badRequest('EMPTY_FILE', 'Tệp không có dữ liệu.');
  const keys = headerKeys(header);
  if (!keys.includes('code')) throw badRequest('MISSING_COLUMNS', `Tệp thiếu cột "${COLUMNS[0].header}". Hãy dùng tệp xuất từ hệ thống làm mẫu.`);
  if (body.length > MAX_IMPORT_ROWS) throw badRequest('TOO_MANY_ROWS', `Tệp có quá ${MAX_IMPORT_ROWS} dòng.`);
  return body
    .map((cells, i) => {
      const flat: Partial<FlatProcedure> = {};
      keys.forEach((k, j) => {
        if (k) flat[k] = String(cells[j] ?? '');
      });
      return { rowNumber: i + 2, flat };
    })
    .filter((r) => Object.values(r.flat).some((v) => v?.trim()));
}

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    return '';
  }
  return String(value);
}

export async function fromXlsx(buffer: Buffer) {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw badRequest('INVALID_FILE', 'Không đọc được tệp Excel (.xlsx). Hãy kiểm tra lại tệp.');
  }
  const sheet = book.getWorksheet(SHEET) ?? book.worksheets[0];
  if (!sheet) throw badRequest('EMPTY_FILE', 'Tệp không có trang tính nào.');
  const table: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    table.push(values.map(cellText));
  });
  return rowsFromTable(table);
}

export function fromCsv(text: string) {
  let table: unknown[][];
  try {
    table = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true }) as unknown[][];
  } catch {
    throw badRequest('INVALID_FILE', 'Không đọc được tệp CSV. Hãy lưu tệp dạng CSV UTF-8.');
  }
  return rowsFromTable(table);
}
