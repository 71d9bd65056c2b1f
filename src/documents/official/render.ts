/**
 * pdfkit renderer for official administrative documents presented per Decree 30/2020/NĐ-CP,
 * Phụ lục I (A4 portrait, Times-compatible Liberation Serif, Unicode NFC):
 * header in two columns (issuing body left, national motto right, both with their underlines),
 * "Số: …" and the italic place/date on one line, title + summary, "Kính gửi:" for letters,
 * justified body with a first-line indent, then the closing block (signature right with an empty
 * area reserved for the visible signature and seal, "Nơi nhận:" left, optional QR code) kept on
 * the page of the last paragraph when possible; pages numbered from 2 at the top centre.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { MM, finishPdf, type PdfCtx, type PdfSizes } from '../forms/pdf-kit.js';
import { qrMatrix } from '../forms/qr.js';
import { formatPlaceDate, nfc, pad2 } from '../text.js';
import { officialDocumentSchema, type OfficialBodyBlock, type OfficialDocument } from './model.js';

// ---------------------------------------------------------------------------------------------
// Decree 30/2020 constants (where Phụ lục I gives a range, the middle of it)

/** A4 portrait in points (210 × 297 mm). */
export const PAGE_SIZE_PT = { width: 595.28, height: 841.89 } as const;
/** Margins in mm: top/bottom 20–25, left 30–35, right 15–20. */
export const MARGINS_MM = { top: 22.5, bottom: 22.5, left: 32.5, right: 17.5 } as const;
/** Font sizes in points. */
export const FONT_SIZES = {
  /** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": 12–13, bold capitals. */
  nation: 12.5,
  /** "Độc lập - Tự do - Hạnh phúc": 13–14, bold, underlined full length. */
  motto: 13.5,
  /** Parent body: capitals 12–13, upright. */
  parentBody: 12.5,
  /** Issuing body: capitals 12–13, bold. */
  issuingBody: 12.5,
  /** "Số: 15/QĐ-UBND": 13. */
  number: 13,
  /** Place and date: italic 13–14. */
  placeDate: 13.5,
  /** "V/v …" of a letter: 12–13 upright. */
  letterSummary: 12.5,
  /** Document type name: bold capitals 13–14. */
  title: 13.5,
  /** Summary under the title: bold 13–14. */
  summary: 13.5,
  /** "Kính gửi:": 13–14. */
  salutation: 13.5,
  /** Body: 13–14. */
  body: 13.5,
  /** Signature block (authority, position, name): bold 13–14. */
  signature: 13.5,
  /** "Nơi nhận:": 12 bold italic. */
  recipientsHeading: 12,
  /** Recipient lines: 11 upright. */
  recipients: 11,
  /** Page numbers: 13–14 upright. */
  pageNumber: 13.5,
  /** Caption under the QR code (not regulated). */
  qrCaption: 9,
} as const;
/** First-line indent: 1–1.27 cm. */
export const FIRST_LINE_INDENT_CM = 1.135;
/** Paragraph spacing: at least 6 pt. */
export const PARAGRAPH_SPACING_PT = 6;
/** Line spacing: single to 1.5 lines. */
export const LINE_SPACING = 1.25;
/** Underline under the issuing body and under the summary: 1/3–1/2 of the text length. */
export const SHORT_RULE_RATIO = 5 / 12;
/** Empty area reserved for the visible signature and the seal (mm). */
export const SIGNATURE_AREA_MM = { width: 60, height: 35 } as const;
/** QR code side (mm). */
export const QR_SIZE_MM = 22;

export const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const QR_CAPTION = 'Quét để kiểm tra chữ ký';

/** "Single" line height of Liberation Serif / Times is about 1.15 em. */
const SINGLE_LINE_EM = 1.15;
function lineGapFor(size: number): number {
  return size * SINGLE_LINE_EM * (LINE_SPACING - 1);
}

// ---------------------------------------------------------------------------------------------
// Fonts

const FONT_FILES = {
  regular: new URL('../fonts/LiberationSerif-Regular.ttf', import.meta.url),
  bold: new URL('../fonts/LiberationSerif-Bold.ttf', import.meta.url),
  italic: new URL('../fonts/LiberationSerif-Italic.ttf', import.meta.url),
  boldItalic: new URL('../fonts/LiberationSerif-BoldItalic.ttf', import.meta.url),
} as const;
type FontKey = keyof typeof FONT_FILES;
const FONT_NAME: Record<FontKey, string> = {
  regular: 'Official-Regular',
  bold: 'Official-Bold',
  italic: 'Official-Italic',
  boldItalic: 'Official-BoldItalic',
};
let fontCache: Record<FontKey, Buffer> | null = null;
function fontData(): Record<FontKey, Buffer> {
  fontCache ??= {
    regular: readFileSync(FONT_FILES.regular),
    bold: readFileSync(FONT_FILES.bold),
    italic: readFileSync(FONT_FILES.italic),
    boldItalic: readFileSync(FONT_FILES.boldItalic),
  };
  return fontCache;
}

// ---------------------------------------------------------------------------------------------

/** Rectangle in PDF user space: points, origin at the bottom-left corner of the page. */
export interface SignatureRect {
  /** 0-based page index (the last page). */
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RenderOfficialOptions {
  /** Outline the reserved signature area with a thin dashed frame (previews of unsigned drafts). */
  signatureBox?: boolean;
}

export interface RenderedOfficial {
  pdf: Buffer;
  signatureRect: SignatureRect;
}

const OFFICIAL_SIZES: PdfSizes = {
  header: FONT_SIZES.issuingBody,
  motto: FONT_SIZES.motto,
  title: FONT_SIZES.title,
  body: FONT_SIZES.body,
  small: FONT_SIZES.recipients,
  table: FONT_SIZES.recipients,
  sig: FONT_SIZES.signature,
  lineGap: lineGapFor(FONT_SIZES.body),
  paraGap: PARAGRAPH_SPACING_PT,
  indent: (FIRST_LINE_INDENT_CM * 10) * MM,
};

interface Ctx extends PdfCtx {
  bottom: number;
}

function setFont(ctx: Ctx, key: FontKey, size: number): void {
  ctx.doc.font(FONT_NAME[key]).fontSize(size);
}

function widthOf(ctx: Ctx, text: string, key: FontKey, size: number): number {
  setFont(ctx, key, size);
  return ctx.doc.widthOfString(text);
}

/** Centred single- or multi-line text in [x, x + width] from y; returns the y below it. */
function centred(ctx: Ctx, text: string, x: number, y: number, width: number, key: FontKey, size: number): number {
  setFont(ctx, key, size);
  ctx.doc.text(text, x, y, { width, align: 'center', lineGap: 0 });
  return ctx.doc.y;
}

function rule(ctx: Ctx, xCentre: number, y: number, length: number): void {
  ctx.doc
    .save()
    .lineWidth(0.6)
    .moveTo(xCentre - length / 2, y)
    .lineTo(xCentre + length / 2, y)
    .stroke('#000')
    .restore();
}

const LEVEL_WORDS = ['THÀNH PHỐ', 'TỈNH', 'ĐẶC KHU', 'PHƯỜNG', 'XÃ', 'HUYỆN', 'QUẬN', 'THỊ XÃ'];

/**
 * Splits an agency name that does not fit its column before the administrative level word
 * ("ỦY BAN NHÂN DÂN / XÃ TỨ MỸ") instead of wherever the line wraps.
 */
function agencyLines(ctx: Ctx, name: string, key: FontKey, size: number, width: number): string[] {
  const explicit = name.split('\n').map((s) => s.trim()).filter((s) => s.length > 0);
  if (explicit.length > 1) return explicit;
  if (widthOf(ctx, name, key, size) <= width) return [name];
  let best: string[] | null = null;
  for (const word of LEVEL_WORDS) {
    const idx = name.indexOf(` ${word} `);
    if (idx <= 0) continue;
    const a = name.slice(0, idx);
    const b = name.slice(idx + 1);
    if (widthOf(ctx, a, key, size) <= width && widthOf(ctx, b, key, size) <= width) {
      if (best === null || a.length > (best[0]?.length ?? 0)) best = [a, b];
    }
  }
  return best ?? [name];
}

function numberLine(doc: OfficialDocument): string | null {
  if (doc.number === null && doc.symbol === '') return null;
  const num = doc.number === null ? '      ' : doc.number.length === 1 ? pad2(Number(doc.number)) : doc.number;
  return `Số: ${num}/${doc.symbol}`;
}

function placeDateLine(doc: OfficialDocument): string {
  if (doc.date) return formatPlaceDate(doc.place, doc.date);
  return `${doc.place}, ngày      tháng      năm 20     `;
}

/** Header: agency left, motto right, number and place/date; returns y below the header. */
function drawHeader(ctx: Ctx, d: OfficialDocument): number {
  const { doc } = ctx;
  const nationW = widthOf(ctx, NATION, 'bold', FONT_SIZES.nation);
  const mottoW = widthOf(ctx, MOTTO, 'bold', FONT_SIZES.motto);
  const placeDate = placeDateLine(d);
  const dateW = widthOf(ctx, placeDate, 'italic', FONT_SIZES.placeDate);
  const rightW = Math.min(ctx.width * 0.62, Math.max(nationW, mottoW, dateW) + 8);
  const gutter = 4;
  const leftW = ctx.width - rightW - gutter;
  const leftX = ctx.left;
  const rightX = ctx.left + leftW + gutter;
  const y0 = ctx.top;

  // left: parent body (upright), issuing body (bold), short rule
  let yl = y0;
  if (d.parentBody) {
    for (const line of agencyLines(ctx, d.parentBody, 'regular', FONT_SIZES.parentBody, leftW)) {
      yl = centred(ctx, line, leftX, yl, leftW, 'regular', FONT_SIZES.parentBody);
    }
  }
  let bodyW = 0;
  for (const line of agencyLines(ctx, d.issuingBody, 'bold', FONT_SIZES.issuingBody, leftW)) {
    bodyW = Math.max(bodyW, Math.min(leftW, widthOf(ctx, line, 'bold', FONT_SIZES.issuingBody)));
    yl = centred(ctx, line, leftX, yl, leftW, 'bold', FONT_SIZES.issuingBody);
  }
  rule(ctx, leftX + leftW / 2, yl + 1.5, bodyW * SHORT_RULE_RATIO);

  // right: nation, motto with a full-length rule
  let yr = centred(ctx, NATION, rightX, y0, rightW, 'bold', FONT_SIZES.nation);
  yr = centred(ctx, MOTTO, rightX, yr, rightW, 'bold', FONT_SIZES.motto);
  rule(ctx, rightX + rightW / 2, yr + 1, mottoW);

  // number (left) and place/date (right) on one line
  const y1 = Math.max(yl, yr) + 10;
  let yEndLeft = y1;
  const num = numberLine(d);
  if (num !== null) {
    setFont(ctx, 'regular', FONT_SIZES.number);
    // keep the blanks of a draft number: no wrapping, centred by measuring
    const w = doc.widthOfString(num);
    doc.text(num, leftX + Math.max(0, (leftW - w) / 2), y1 + (FONT_SIZES.placeDate - FONT_SIZES.number) * 0.8, {
      lineBreak: false,
    });
    yEndLeft = y1 + FONT_SIZES.placeDate * SINGLE_LINE_EM;
  }
  const yEndRight = centred(ctx, placeDate, rightX, y1, rightW, 'italic', FONT_SIZES.placeDate);

  // letters: "V/v …" under the number
  if (d.title === null && d.summary.trim() !== '') {
    setFont(ctx, 'regular', FONT_SIZES.letterSummary);
    doc.text(d.summary, leftX, yEndLeft + PARAGRAPH_SPACING_PT, { width: leftW, align: 'center', lineGap: 0 });
    yEndLeft = doc.y;
  }
  return Math.max(yEndLeft, yEndRight);
}

/** Title (bold capitals) and summary (bold, short rule) centred. */
function drawTitle(ctx: Ctx, d: OfficialDocument, y: number): number {
  if (d.title === null) return y;
  let yy = centred(ctx, d.title, ctx.left, y, ctx.width, 'bold', FONT_SIZES.title);
  if (d.summary.trim() !== '') {
    setFont(ctx, 'bold', FONT_SIZES.summary);
    const lines = d.summary.split('\n');
    let w = 0;
    for (const line of lines) {
      w = Math.max(w, Math.min(ctx.width * 0.85, ctx.doc.widthOfString(line)));
    }
    ctx.doc.text(d.summary, ctx.left + ctx.width * 0.075, yy, { width: ctx.width * 0.85, align: 'center', lineGap: 0 });
    yy = ctx.doc.y;
    rule(ctx, ctx.left + ctx.width / 2, yy + 3, w * SHORT_RULE_RATIO);
    yy += 6;
  } else {
    yy += 2;
  }
  return yy;
}

/** "Kính gửi: X" centred; several addressees: "Kính gửi:" then "- A;" lines. */
function drawSalutation(ctx: Ctx, text: string, y: number): number {
  const { doc } = ctx;
  const lines = text.split('\n').map((s) => s.trim()).filter((s) => s.length > 0);
  const first = lines[0];
  if (first === undefined) return y;
  const size = FONT_SIZES.salutation;
  setFont(ctx, 'regular', size);
  if (lines.length === 1) {
    doc.text(first, ctx.left + ctx.width * 0.1, y, { width: ctx.width * 0.8, align: 'center', lineGap: lineGapFor(size) });
    return doc.y;
  }
  const labelW = doc.widthOfString(`${first} `);
  const itemW = Math.max(...lines.slice(1).map((l) => doc.widthOfString(l)));
  const x = ctx.left + Math.max(0, (ctx.width - labelW - itemW) / 2);
  doc.text(first, x, y, { lineBreak: false });
  let yy = y;
  for (const line of lines.slice(1)) {
    doc.text(line, x + labelW, yy, { width: ctx.left + ctx.width - x - labelW, lineGap: lineGapFor(size) });
    yy = doc.y;
  }
  return yy;
}

// ---------------------------------------------------------------------------------------------
// Body

/** One paragraph-level unit of the body. */
type Unit =
  | { kind: 'para'; text: string; italic: boolean }
  | { kind: 'heading'; text: string }
  | { kind: 'article'; head: string; rest: string }
  | { kind: 'item'; text: string };

function toUnits(blocks: readonly OfficialBodyBlock[]): Unit[] {
  const units: Unit[] = [];
  for (const b of blocks) {
    const texts = typeof b.text === 'string' ? [b.text] : b.text;
    for (const t of texts) {
      switch (b.kind) {
        case 'paragraph':
          units.push({ kind: 'para', text: t, italic: b.italic === true });
          break;
        case 'heading':
          units.push({ kind: 'heading', text: t });
          break;
        case 'article': {
          const m = /^(Điều\s+\d+[a-zđ]?\.)\s*(.*)$/su.exec(t);
          units.push(m ? { kind: 'article', head: m[1] ?? '', rest: m[2] ?? '' } : { kind: 'article', head: '', rest: t });
          break;
        }
        case 'list':
          units.push({ kind: 'item', text: /^[-–+•]\s/u.test(t) ? t : `- ${t}` });
          break;
      }
    }
  }
  return units;
}

function unitHeight(ctx: Ctx, u: Unit): number {
  const { doc, sizes } = ctx;
  const size = FONT_SIZES.body;
  const lineGap = lineGapFor(size);
  switch (u.kind) {
    case 'heading':
      setFont(ctx, 'bold', size);
      return doc.heightOfString(u.text, { width: ctx.width, align: 'center', lineGap }) + PARAGRAPH_SPACING_PT;
    case 'article':
      // measured in bold (wider than the mixed run) to stay on the safe side
      setFont(ctx, 'bold', size);
      return (
        doc.heightOfString(`${u.head} ${u.rest}`, { width: ctx.width, indent: sizes.indent, lineGap, align: 'justify' }) +
        PARAGRAPH_SPACING_PT
      );
    case 'para':
    case 'item':
      setFont(ctx, u.kind === 'para' && u.italic ? 'italic' : 'regular', size);
      return doc.heightOfString(u.text, { width: ctx.width, indent: sizes.indent, lineGap, align: 'justify' }) + PARAGRAPH_SPACING_PT;
  }
}

function drawUnit(ctx: Ctx, u: Unit): void {
  const { doc, sizes } = ctx;
  const size = FONT_SIZES.body;
  const lineGap = lineGapFor(size);
  const opts = { width: ctx.width, indent: sizes.indent, lineGap, align: 'justify' as const };
  // never start a paragraph on the last line of a page
  if (doc.y + size * SINGLE_LINE_EM * 2 > ctx.bottom) newPage(ctx);
  switch (u.kind) {
    case 'heading':
      setFont(ctx, 'bold', size);
      doc.text(u.text, ctx.left, doc.y, { width: ctx.width, align: 'center', lineGap });
      break;
    case 'article':
      if (u.head !== '' && u.rest !== '') {
        setFont(ctx, 'bold', size);
        doc.text(`${u.head} `, ctx.left, doc.y, { ...opts, continued: true });
        setFont(ctx, 'regular', size);
        doc.text(u.rest, opts);
      } else {
        setFont(ctx, u.head !== '' ? 'bold' : 'regular', size);
        doc.text(u.head !== '' ? u.head : u.rest, ctx.left, doc.y, opts);
      }
      break;
    case 'para':
      setFont(ctx, u.italic ? 'italic' : 'regular', size);
      doc.text(u.text, ctx.left, doc.y, opts);
      break;
    case 'item':
      setFont(ctx, 'regular', size);
      doc.text(u.text, ctx.left, doc.y, opts);
      break;
  }
  doc.x = ctx.left;
  doc.y += PARAGRAPH_SPACING_PT;
}

function newPage(ctx: Ctx): void {
  ctx.doc.addPage();
  ctx.doc.x = ctx.left;
  ctx.doc.y = ctx.top;
}

// ---------------------------------------------------------------------------------------------
// Closing block: signature (right), "Nơi nhận:" (left), QR (bottom-left)

function recipientLines(recipients: readonly string[]): string[] {
  const list = recipients.map((r) => r.trim().replace(/^[-–]\s*/u, '').replace(/[;.,]\s*$/u, '')).filter((r) => r !== '');
  if (list.length === 0) return [];
  const last = list[list.length - 1] ?? '';
  const archive = /^Lưu\b/u.test(last) ? (list.pop() ?? last) : 'Lưu: VT';
  return [...list.map((r) => `- ${r};`), `- ${archive}.`];
}

interface ClosingLayout {
  sigX: number;
  sigW: number;
  recX: number;
  recW: number;
  sigLines: string[];
  recLines: string[];
  sigHeight: number;
  recHeight: number;
  qrBlock: number;
  total: number;
}

const QR_GAP = 8;

function closingLayout(ctx: Ctx, d: OfficialDocument): ClosingLayout {
  const { doc } = ctx;
  const sigW = ctx.width / 2;
  const sigX = ctx.left + ctx.width - sigW;
  const recX = ctx.left;
  const recW = ctx.width / 2 - 12;
  const sigLines = [...(d.signature.authority ?? '').split('\n'), d.signature.title]
    .map((s) => s.trim())
    .filter((s) => s !== '');
  setFont(ctx, 'bold', FONT_SIZES.signature);
  let sigHeight = 0;
  for (const l of sigLines) sigHeight += doc.heightOfString(l, { width: sigW, align: 'center', lineGap: 0 });
  sigHeight += SIGNATURE_AREA_MM.height * MM;
  sigHeight += doc.heightOfString(d.signature.signerName, { width: sigW, align: 'center', lineGap: 0 });

  const recLines = recipientLines(d.recipients);
  let recHeight = 0;
  if (recLines.length > 0) {
    setFont(ctx, 'boldItalic', FONT_SIZES.recipientsHeading);
    recHeight += doc.heightOfString('Nơi nhận:', { width: recW, lineGap: 0 });
    setFont(ctx, 'regular', FONT_SIZES.recipients);
    for (const l of recLines) recHeight += doc.heightOfString(l, { width: recW, lineGap: 0 });
  }
  let qrBlock = 0;
  if (d.qrUrl) {
    setFont(ctx, 'regular', FONT_SIZES.qrCaption);
    qrBlock = QR_SIZE_MM * MM + 3 + doc.heightOfString(QR_CAPTION, { width: recW, lineGap: 0 });
  }
  const left = recHeight + (qrBlock > 0 ? (recHeight > 0 ? QR_GAP : 0) + qrBlock : 0);
  return { sigX, sigW, recX, recW, sigLines, recLines, sigHeight, recHeight, qrBlock, total: Math.max(sigHeight, left) };
}

function drawVectorQr(ctx: Ctx, url: string, x: number, y: number, size: number): void {
  const m = qrMatrix(url);
  const s = size / m.size;
  const { doc } = ctx;
  doc.save();
  for (let row = 0; row < m.size; row++) {
    let col = 0;
    while (col < m.size) {
      if (!m.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < m.size && m.isDark(row, col)) col++;
      doc.rect(x + start * s, y + row * s, (col - start) * s + 0.05, s + 0.05);
    }
  }
  doc.fill('#000');
  doc.restore();
}

function drawClosing(ctx: Ctx, d: OfficialDocument, lay: ClosingLayout, y0: number, box: boolean): SignatureRect {
  const { doc } = ctx;
  // signature block
  let y = y0;
  for (const l of lay.sigLines) y = centred(ctx, l, lay.sigX, y, lay.sigW, 'bold', FONT_SIZES.signature);
  const rectW = SIGNATURE_AREA_MM.width * MM;
  const rectH = SIGNATURE_AREA_MM.height * MM;
  const rectX = lay.sigX + (lay.sigW - rectW) / 2;
  const rectTop = y;
  if (box) {
    doc.save().lineWidth(0.4).dash(3, { space: 2 }).rect(rectX, rectTop, rectW, rectH).stroke('#999').undash().restore();
  }
  centred(ctx, d.signature.signerName, lay.sigX, rectTop + rectH, lay.sigW, 'bold', FONT_SIZES.signature);

  // recipients
  let yl = y0;
  if (lay.recLines.length > 0) {
    setFont(ctx, 'boldItalic', FONT_SIZES.recipientsHeading);
    doc.text('Nơi nhận:', lay.recX, yl, { width: lay.recW, lineGap: 0 });
    setFont(ctx, 'regular', FONT_SIZES.recipients);
    for (const l of lay.recLines) doc.text(l, lay.recX, doc.y, { width: lay.recW, lineGap: 0 });
    yl = doc.y;
  }
  // QR at the bottom-left of the page (or right after the recipients if they run low)
  if (d.qrUrl) {
    const size = QR_SIZE_MM * MM;
    const qy = Math.max(yl + (lay.recLines.length > 0 ? QR_GAP : 0), ctx.bottom - lay.qrBlock);
    drawVectorQr(ctx, d.qrUrl, lay.recX, qy, size);
    setFont(ctx, 'regular', FONT_SIZES.qrCaption);
    const capW = doc.widthOfString(QR_CAPTION);
    doc.text(QR_CAPTION, lay.recX + Math.min(0, (size - capW) / 2), qy + size + 3, { lineBreak: false });
  }
  const range = doc.bufferedPageRange();
  return {
    page: range.start + range.count - 1,
    x: rectX,
    y: doc.page.height - rectTop - rectH,
    width: rectW,
    height: rectH,
  };
}

// ---------------------------------------------------------------------------------------------

function normaliseDeep<T>(value: T): T {
  if (typeof value === 'string') return nfc(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => normaliseDeep(v)) as T;
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = normaliseDeep(v);
  return out as T;
}

function numberPages(ctx: Ctx): void {
  const { doc } = ctx;
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    setFont(ctx, 'regular', FONT_SIZES.pageNumber);
    const y = ctx.top / 2 - FONT_SIZES.pageNumber / 2;
    doc.text(String(i - range.start + 1), ctx.left, y, { width: ctx.width, align: 'center', lineBreak: false });
  }
}

/** Deterministic date for drafts without a date (PDF info dictionary). */
const DRAFT_INFO_DATE = new Date(Date.UTC(2000, 0, 1));

/** Renders an official document (validated, NFC-normalised) to an A4 PDF. */
export async function renderOfficialPdf(input: OfficialDocument, opts: RenderOfficialOptions = {}): Promise<RenderedOfficial> {
  const d = normaliseDeep(officialDocumentSchema.parse(input));
  const margins = {
    top: MARGINS_MM.top * MM,
    bottom: MARGINS_MM.bottom * MM,
    left: MARGINS_MM.left * MM,
    right: MARGINS_MM.right * MM,
  };
  const infoDate = d.date ?? DRAFT_INFO_DATE;
  const num = numberLine(d);
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margins,
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: nfc([d.title ?? '', d.summary].filter((s) => s !== '').join(' — ') || (num ?? d.issuingBody)),
      Author: d.issuingBody,
      Subject: num ?? '',
      Creator: 'Xã Số',
      Producer: 'Xã Số (pdfkit)',
      CreationDate: infoDate,
      ModDate: infoDate,
    },
  });
  const fonts = fontData();
  for (const key of Object.keys(FONT_FILES) as FontKey[]) pdf.registerFont(FONT_NAME[key], fonts[key]);
  const ctx: Ctx = {
    doc: pdf,
    left: margins.left,
    width: pdf.page.width - margins.left - margins.right,
    top: margins.top,
    bottom: pdf.page.height - margins.bottom,
    sizes: OFFICIAL_SIZES,
  };

  let y = drawHeader(ctx, d);
  y = drawTitle(ctx, d, y + (d.title !== null ? 18 : 12));
  if (d.salutation && d.salutation.trim() !== '') {
    y = drawSalutation(ctx, d.salutation, y + 12);
  }
  pdf.x = ctx.left;
  pdf.y = y + 12;

  const lay = closingLayout(ctx, d);
  const closingGap = PARAGRAPH_SPACING_PT;
  const pageContent = ctx.bottom - ctx.top;
  const units = toUnits(d.body);
  units.forEach((u, idx) => {
    if (idx === units.length - 1) {
      // keep the closing block with the last paragraph: move the paragraph when only it fits
      const h = unitHeight(ctx, u);
      const remaining = ctx.bottom - pdf.y;
      if (h + closingGap + lay.total > remaining && h <= remaining && pdf.y > ctx.top + 1 && h + closingGap + lay.total <= pageContent) {
        newPage(ctx);
      }
    }
    drawUnit(ctx, u);
  });
  if (pdf.y + closingGap + lay.total > ctx.bottom) newPage(ctx);
  const signatureRect = drawClosing(ctx, d, lay, pdf.y + closingGap, opts.signatureBox === true);
  numberPages(ctx);
  const buffer = await finishPdf(ctx);
  return { pdf: buffer, signatureRect };
}
