/**
 * One export model for every statistics page (title, unit, period lines, tables) and its two renderings:
 * an Excel workbook (one sheet per table, numbers stored as numbers, rates as percentages) and an A4 landscape PDF
 * (Liberation Serif, the unit at the top left, tables that wrap and repeat their header on each page).
 */
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { createPdf, drawBookHeader, drawTitle, finishPdf } from '../../documents/forms/pdf-kit.js';
import { drawTable } from '../../documents/forms/pdf-blocks.js';
import { nfc } from '../../documents/text.js';
import { count, decimal, percent } from './labels.js';

export type Cell = string | number | null;

export interface ExportColumn {
  header: string;
  /** A heading over several columns ("Tiếp nhận"). */
  group?: string;
  kind: 'text' | 'count' | 'percent' | 'decimal';
  /** Relative width (Excel characters; PDF proportions). */
  width: number;
}

export interface ExportTable {
  title: string;
  /** Worksheet name (at most 31 characters, unique in the book). */
  sheet: string;
  columns: ExportColumn[];
  rows: Cell[][];
  emptyText: string;
}

export interface ExportDocument {
  /** File name without the extension (ASCII). */
  fileName: string;
  title: string;
  /** "Ủy ban nhân dân xã Tứ Mỹ" */
  unitName: string;
  /** Period and other lines under the title. */
  lines: string[];
  tables: ExportTable[];
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NUM_FORMATS: Record<ExportColumn['kind'], string | undefined> = { text: undefined, count: '#,##0', percent: '0.0%', decimal: '0.00' };

/** Rows above a table's data in its sheet: title, unit and period, then one or two header rows. */
export const headerRowsOf = (t: ExportTable) => (t.columns.some((c) => c.group) ? 5 : 4);

export async function exportXlsx(doc: ExportDocument): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Xã Số';
  for (const t of doc.tables) {
    const grouped = t.columns.some((c) => c.group);
    const headerRow = grouped ? 5 : 4;
    const sheet = book.addWorksheet(t.sheet.slice(0, 31), {
      views: [{ state: 'frozen', ySplit: headerRow, xSplit: 1 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow - (grouped ? 1 : 0)}:${headerRow}` },
    });
    sheet.columns = t.columns.map((c) => ({ width: c.width }));
    const last = t.columns.length;
    sheet.getCell(1, 1).value = nfc(`${doc.title} – ${t.title}`);
    sheet.getRow(1).font = { bold: true, size: 14 };
    sheet.mergeCells(1, 1, 1, last);
    sheet.getCell(2, 1).value = nfc([doc.unitName, ...doc.lines].join(' · '));
    sheet.mergeCells(2, 1, 2, last);
    t.columns.forEach((c, i) => {
      const col = i + 1;
      sheet.getCell(headerRow, col).value = nfc(c.header);
      if (!grouped) return;
      if (!c.group) {
        sheet.getCell(headerRow - 1, col).value = nfc(c.header);
        sheet.mergeCells(headerRow - 1, col, headerRow, col);
      } else if (t.columns[i - 1]?.group !== c.group) {
        let end = i;
        while (t.columns[end + 1]?.group === c.group) end++;
        sheet.getCell(headerRow - 1, col).value = nfc(c.group);
        if (end > i) sheet.mergeCells(headerRow - 1, col, headerRow - 1, end + 1);
      }
    });
    for (let r = headerRow - (grouped ? 1 : 0); r <= headerRow; r++) {
      const row = sheet.getRow(r);
      row.font = { bold: true };
      row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    }
    if (t.rows.length === 0) sheet.addRow([nfc(t.emptyText)]);
    for (const cells of t.rows) {
      const row = sheet.addRow(cells.map((v) => (typeof v === 'string' ? nfc(v) : v)));
      row.alignment = { wrapText: true, vertical: 'top' };
      t.columns.forEach((c, i) => {
        const fmt = NUM_FORMATS[c.kind];
        if (fmt) row.getCell(i + 1).numFmt = fmt;
      });
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

function pdfCell(value: Cell, kind: ExportColumn['kind']): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  if (kind === 'percent') return percent(value);
  if (kind === 'decimal') return decimal(value);
  return kind === 'count' ? count(value) : String(value);
}

export async function exportPdf(doc: ExportDocument, now = new Date()): Promise<Buffer> {
  const ctx = createPdf({ format: 'A4-landscape', title: doc.title, author: doc.unitName, subject: doc.lines.join(' · '), date: now });
  drawBookHeader(ctx, doc.unitName.toLocaleUpperCase('vi'));
  drawTitle(ctx, doc.title.toLocaleUpperCase('vi'), doc.lines);
  for (const t of doc.tables) {
    drawTable(ctx, {
      kind: 'table', caption: nfc(t.title), captionVisible: true, dense: t.columns.length > 10, emptyText: nfc(t.emptyText),
      columns: t.columns.map((c) => ({ header: nfc(c.group ? `${c.group}\n${c.header}` : c.header), width: c.width, align: c.kind === 'text' ? 'left' : 'right' })),
      rows: t.rows.map((cells) => cells.map((v, i) => nfc(pdfCell(v, t.columns[i]?.kind ?? 'text')))),
    }, ctx.left, ctx.width);
  }
  return finishPdf(ctx);
}

/** Sends a workbook or a PDF as a download. */
export async function sendExport(reply: FastifyReply, doc: ExportDocument, format: 'xlsx' | 'pdf') {
  const body = format === 'xlsx' ? await exportXlsx(doc) : await exportPdf(doc);
  return reply
    .type(format === 'xlsx' ? XLSX_TYPE : 'application/pdf')
    .header('content-disposition', `${format === 'xlsx' ? 'attachment' : 'inline'}; filename="${doc.fileName}.${format}"`)
    .header('cache-control', 'private, no-store')
    .send(body);
}
