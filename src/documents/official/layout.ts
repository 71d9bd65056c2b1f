/** Layout of official documents per Decree 30/2020/NĐ-CP, Phụ lục I: constants, fonts, drawing helpers and the header. */
import { MM, hline, serifFonts, type PdfCtx, type PdfSizes, type SerifStyle } from '../forms/pdf-kit.js';
import { formatPlaceDate, pad2 } from '../text.js';
import { type OfficialDocument } from './model.js';

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
export const SINGLE_LINE_EM = 1.15;
export function lineGapFor(size: number): number {
  return size * SINGLE_LINE_EM * (LINE_SPACING - 1);
}

// ---------------------------------------------------------------------------------------------
// Fonts

export type FontKey = SerifStyle;
export const FONT_NAME: Record<FontKey, string> = {
  regular: 'Official-Regular',
  bold: 'Official-Bold',
  italic: 'Official-Italic',
  boldItalic: 'Official-BoldItalic',
};
export { serifFonts as fontData };

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

export const OFFICIAL_SIZES: PdfSizes = {
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

export interface Ctx extends PdfCtx {
  bottom: number;
}

export function setFont(ctx: Ctx, key: FontKey, size: number): void {
  ctx.doc.font(FONT_NAME[key]).fontSize(size);
}

export function widthOf(ctx: Ctx, text: string, key: FontKey, size: number): number {
  setFont(ctx, key, size);
  return ctx.doc.widthOfString(text);
}

/** Centred single- or multi-line text in [x, x + width] from y; returns the y below it. */
export function centred(ctx: Ctx, text: string, x: number, y: number, width: number, key: FontKey, size: number): number {
  setFont(ctx, key, size);
  ctx.doc.text(text, x, y, { width, align: 'center', lineGap: 0 });
  return ctx.doc.y;
}

export function rule(ctx: Ctx, xCentre: number, y: number, length: number): void {
  hline(ctx, xCentre, y, length);
}

export const LEVEL_WORDS = ['THÀNH PHỐ', 'TỈNH', 'ĐẶC KHU', 'PHƯỜNG', 'XÃ', 'HUYỆN', 'QUẬN', 'THỊ XÃ'];

/**
 * Splits an agency name that does not fit its column before the administrative level word
 * ("ỦY BAN NHÂN DÂN / XÃ TỨ MỸ") instead of wherever the line wraps.
 */
export function agencyLines(ctx: Ctx, name: string, key: FontKey, size: number, width: number): string[] {
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

export function numberLine(doc: OfficialDocument): string | null {
  if (doc.number === null && doc.symbol === '') return null;
  const num = doc.number === null ? '      ' : doc.number.length === 1 ? pad2(Number(doc.number)) : doc.number;
  return `Số: ${num}/${doc.symbol}`;
}

export function placeDateLine(doc: OfficialDocument): string {
  if (doc.date) return formatPlaceDate(doc.place, doc.date);
  return `${doc.place}, ngày      tháng      năm 20     `;
}

/** Header: agency left, motto right, number and place/date; returns y below the header. */
export function drawHeader(ctx: Ctx, d: OfficialDocument): number {
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
export function drawTitle(ctx: Ctx, d: OfficialDocument, y: number): number {
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
export function drawSalutation(ctx: Ctx, text: string, y: number): number {
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
