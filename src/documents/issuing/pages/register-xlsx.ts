import ExcelJS from 'exceljs';
import { vnParts } from '../../text.js';
import { REGISTER_COLUMNS, type RegisterRow } from './parts.js';

const WIDTHS = [16, 12, 50, 22, 36, 18, 9, 12, 14, 22];
const DATE_FORMAT = 'dd/mm/yyyy';
/** Rows above the data: the title, then the column headers. */
export const REGISTER_XLSX_HEADER_ROW = 2;

/** A calendar date as Excel stores it (no time zone): the Vietnam date of the moment, at UTC midnight. */
function excelDate(d: Date | null): Date | null {
  if (!d) return null;
  const p = vnParts(d);
  return new Date(Date.UTC(p.year, p.month - 1, p.day));
}

/** The register as an Excel workbook: a title row (unit and year), the ten column headers in bold, one row per document. */
export async function registerXlsx(input: { bodyName: string; year: number; rows: RegisterRow[] }): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Xã Số';
  const sheet = book.addWorksheet(`Sổ văn bản đi ${input.year}`, {
    views: [{ state: 'frozen', ySplit: REGISTER_XLSX_HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${REGISTER_XLSX_HEADER_ROW}:${REGISTER_XLSX_HEADER_ROW}` },
  });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const title = sheet.getRow(1);
  title.getCell(1).value = `SỔ ĐĂNG KÝ VĂN BẢN ĐI – ${input.bodyName.toLocaleUpperCase('vi')} – NĂM ${input.year}`;
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, REGISTER_COLUMNS.length);
  const header = sheet.getRow(REGISTER_XLSX_HEADER_ROW);
  header.values = [...REGISTER_COLUMNS];
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  for (const r of input.rows) {
    const row = sheet.addRow([
      r.numberText, excelDate(r.date), r.kindAndSummary, r.signer, r.recipients.join('\n'), r.archiveHolder, r.copies, excelDate(r.transferredAt), '', r.note,
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.getCell(2).numFmt = DATE_FORMAT;
    row.getCell(8).numFmt = DATE_FORMAT;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
