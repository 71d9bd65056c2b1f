/**
 * Shared pdfkit layout for the one-stop forms: document setup with the Liberation Serif fonts
 * (Times-compatible, as Decree 30/2020 asks), the Decree 30 header (issuing body left, national
 * motto right, both underlined), title, paragraphs of mixed runs, lists, tables that wrap and break
 * across pages (header row repeated), signature blocks and a vector QR code.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { nfc } from '../text.js';
import { MOTTO_NATION, MOTTO_SLOGAN } from './content.js';

export const MM = 72 / 25.4;

const SERIF_FILES = {
  regular: new URL('../fonts/LiberationSerif-Regular.ttf', import.meta.url),
  bold: new URL('../fonts/LiberationSerif-Bold.ttf', import.meta.url),
  italic: new URL('../fonts/LiberationSerif-Italic.ttf', import.meta.url),
  boldItalic: new URL('../fonts/LiberationSerif-BoldItalic.ttf', import.meta.url),
} as const;
export type SerifStyle = keyof typeof SERIF_FILES;

let serifCache: Record<SerifStyle, Buffer> | null = null;
/** Liberation Serif (Times-compatible, OFL) in its four styles, read once: the one font of forms and official documents. */
export function serifFonts(): Record<SerifStyle, Buffer> {
  serifCache ??= Object.fromEntries(Object.entries(SERIF_FILES).map(([k, url]) => [k, readFileSync(url)])) as Record<SerifStyle, Buffer>;
  return serifCache;
}

/** The styles the one-stop forms use. */
export type FontKey = Exclude<SerifStyle, 'boldItalic'>;
export const FONT_NAME: Record<FontKey, string> = { regular: 'Serif', bold: 'Serif-Bold', italic: 'Serif-Italic' };

export interface PdfSizes {
  header: number;
  motto: number;
  title: number;
  body: number;
  small: number;
  table: number;
  sig: number;
  lineGap: number;
  paraGap: number;
  indent: number;
}

export const A5_SIZES: PdfSizes = {
  header: 9.5,
  motto: 10,
  title: 12,
  body: 10,
  small: 7.5,
  table: 8.5,
  sig: 10,
  lineGap: 0.6,
  paraGap: 1.5,
  indent: 20,
};

export const A4_LANDSCAPE_SIZES: PdfSizes = {
  header: 11,
  motto: 12,
  title: 14,
  body: 11,
  small: 8.5,
  table: 8,
  sig: 11,
  lineGap: 1,
  paraGap: 3,
  indent: 28,
};

export interface PdfCtx {
  doc: PDFKit.PDFDocument;
  left: number;
  width: number;
  top: number;
  sizes: PdfSizes;
}

export interface CreateDocOptions {
  format: 'A5' | 'A4-landscape';
  title: string;
  author: string;
  subject: string;
  date: Date;
}

/** A pdfkit document as all our PDFs are made: Vietnamese, buffered pages, deterministic metadata (no fonts yet). */
export function newPdfDocument(
  page: { size: 'A4' | 'A5' | [number, number]; layout: 'portrait' | 'landscape'; margins: { top: number; bottom: number; left: number; right: number } },
  meta: { title: string; author: string; subject: string; date: Date },
): PDFKit.PDFDocument {
  return new PDFDocument({
    ...page,
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: nfc(meta.title),
      Author: nfc(meta.author),
      Subject: nfc(meta.subject),
      Creator: 'Xã Số',
      Producer: 'Xã Số (pdfkit)',
      CreationDate: meta.date,
      ModDate: meta.date,
    },
  });
}

/** A new pdfkit document with fonts registered, deterministic metadata and buffered pages. */
export function createPdf(opts: CreateDocOptions): PdfCtx {
  const a5 = opts.format === 'A5';
  const margins = a5
    ? { top: 12 * MM, bottom: 10 * MM, left: 15 * MM, right: 10 * MM }
    : { top: 15 * MM, bottom: 12 * MM, left: 20 * MM, right: 12 * MM };
  const doc = newPdfDocument(
    { size: a5 ? 'A5' : 'A4', layout: a5 ? 'portrait' : 'landscape', margins },
    { title: opts.title, author: opts.author, subject: opts.subject, date: opts.date },
  );
  const f = serifFonts();
  for (const key of Object.keys(FONT_NAME) as FontKey[]) doc.registerFont(FONT_NAME[key], f[key]);
  doc.font(FONT_NAME.regular);
  return {
    doc,
    left: margins.left,
    width: doc.page.width - margins.left - margins.right,
    top: margins.top,
    sizes: a5 ? A5_SIZES : A4_LANDSCAPE_SIZES,
  };
}

/** Ends the document and collects its bytes. */
export function finishPdf(ctx: PdfCtx): Promise<Buffer> {
  const { doc } = ctx;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export function bottomLimit(ctx: PdfCtx): number {
  return ctx.doc.page.height - ctx.doc.page.margins.bottom;
}

export function setFont(ctx: PdfCtx, key: FontKey, size: number): void {
  ctx.doc.font(FONT_NAME[key]).fontSize(size);
}

/** Starts a new page when fewer than `height` points remain. */
export function ensureSpace(ctx: PdfCtx, height: number): void {
  if (ctx.doc.y + height > bottomLimit(ctx)) {
    ctx.doc.addPage();
    ctx.doc.x = ctx.left;
    ctx.doc.y = ctx.top;
  }
}

/** Centred text in a box; returns the y below it. */
export function centred(ctx: PdfCtx, text: string, x: number, y: number, width: number, key: FontKey, size: number): number {
  setFont(ctx, key, size);
  ctx.doc.text(nfc(text), x, y, { width, align: 'center', lineGap: 0 });
  return ctx.doc.y;
}

/** A thin horizontal rule centred on xCentre (the underlines of Decree 30 headers). */
export function hline(ctx: Pick<PdfCtx, 'doc'>, xCentre: number, y: number, length: number): void {
  ctx.doc
    .save()
    .lineWidth(0.6)
    .moveTo(xCentre - length / 2, y)
    .lineTo(xCentre + length / 2, y)
    .stroke('#000')
    .restore();
}

export interface OfficialHeaderData {
  parentBody: string;
  issuingBody: string;
  number: string | null;
  placeDate: string;
}

/**
 * Decree 30/2020 header: parent body (capitals) and issuing body (bold capitals, underline 1/3–1/2
 * of its length) top left; national name (bold capitals) and motto (bold, underlined full length)
 * top right; "Số: …" under the body and the italic place/date line under the motto.
 */
export function drawOfficialHeader(ctx: PdfCtx, h: OfficialHeaderData): void {
  const { doc, sizes } = ctx;
  const y0 = ctx.top;
  setFont(ctx, 'bold', sizes.header);
  const nationW = doc.widthOfString(MOTTO_NATION);
  setFont(ctx, 'bold', sizes.motto);
  const mottoW = doc.widthOfString(MOTTO_SLOGAN);
  setFont(ctx, 'italic', sizes.header);
  const dateW = doc.widthOfString(nfc(h.placeDate));
  const rightW = Math.min(ctx.width * 0.64, Math.max(nationW, mottoW, dateW) + 6);
  const gutter = 6;
  const leftW = ctx.width - rightW - gutter;
  const leftX = ctx.left;
  const rightX = ctx.left + leftW + gutter;

  // left column
  let yl = centred(ctx, h.parentBody, leftX, y0, leftW, 'regular', sizes.header);
  yl = centred(ctx, h.issuingBody, leftX, yl, leftW, 'bold', sizes.header);
  setFont(ctx, 'bold', sizes.header);
  const bodyW = Math.min(doc.widthOfString(nfc(h.issuingBody)), leftW);
  hline(ctx, leftX + leftW / 2, yl + 1.5, bodyW * 0.4);
  yl += 4;

  // right column
  let yr = centred(ctx, MOTTO_NATION, rightX, y0, rightW, 'bold', sizes.header);
  yr = centred(ctx, MOTTO_SLOGAN, rightX, yr, rightW, 'bold', sizes.motto);
  hline(ctx, rightX + rightW / 2, yr + 1.5, mottoW);
  yr += 4;

  const y1 = Math.max(yl, yr) + 3;
  let yEnd = y1;
  if (h.number !== null) yEnd = Math.max(yEnd, centred(ctx, `Số: ${h.number}`, leftX, y1, leftW, 'regular', sizes.header));
  yEnd = Math.max(yEnd, centred(ctx, h.placeDate, rightX, y1, rightW, 'italic', sizes.header));
  doc.x = ctx.left;
  doc.y = yEnd + 8;
}

/** Register (book) header: unit name top left in bold capitals with a short rule. */
export function drawBookHeader(ctx: PdfCtx, unitName: string): void {
  const { doc, sizes } = ctx;
  const w = ctx.width * 0.4;
  const y = centred(ctx, unitName, ctx.left, ctx.top, w, 'bold', sizes.header);
  setFont(ctx, 'bold', sizes.header);
  hline(ctx, ctx.left + w / 2, y + 1.5, Math.min(doc.widthOfString(nfc(unitName)), w) * 0.4);
  doc.x = ctx.left;
  doc.y = y + 8;
}

export function drawTitle(ctx: PdfCtx, title: string, subtitles: readonly string[]): void {
  const { doc, sizes } = ctx;
  let y = centred(ctx, title, ctx.left, doc.y, ctx.width, 'bold', sizes.title);
  for (const s of subtitles) y = centred(ctx, s, ctx.left, y + 1, ctx.width, 'italic', sizes.body);
  doc.x = ctx.left;
  doc.y = y + 6;
}

