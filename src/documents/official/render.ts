/**
 * pdfkit renderer for official administrative documents presented per Decree 30/2020/NĐ-CP,
 * Phụ lục I (A4 portrait, Times-compatible Liberation Serif, Unicode NFC):
 * header in two columns (issuing body left, national motto right, both with their underlines),
 * "Số: …" and the italic place/date on one line, title + summary, "Kính gửi:" for letters,
 * justified body with a first-line indent, then the closing block (signature right with an empty
 * area reserved for the visible signature and seal, "Nơi nhận:" left, optional QR code) kept on
 * the page of the last paragraph when possible; pages numbered from 2 at the top centre.
 */
import { MM, finishPdf, newPdfDocument } from '../forms/pdf-kit.js';
import { nfc } from '../text.js';
import { officialDocumentSchema, type OfficialDocument } from './model.js';
import { Ctx, FONT_NAME, FONT_SIZES, FontKey, MARGINS_MM, OFFICIAL_SIZES, PARAGRAPH_SPACING_PT, RenderOfficialOptions, RenderedOfficial, drawHeader, drawSalutation, drawTitle, fontData, numberLine, setFont } from './layout.js';
import { drawUnit, newPage, toUnits, unitHeight } from './body.js';
import { closingLayout, drawClosing } from './closing.js';
export { FONT_SIZES, MARGINS_MM, PAGE_SIZE_PT, SIGNATURE_AREA_MM, NATION, MOTTO, QR_CAPTION, type SignatureRect, type RenderOfficialOptions, type RenderedOfficial } from './layout.js';

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
  const pdf = newPdfDocument(
    { size: 'A4', layout: 'portrait', margins },
    { title: [d.title ?? '', d.summary].filter((s) => s !== '').join(' — ') || (num ?? d.issuingBody), author: d.issuingBody, subject: num ?? '', date: infoDate },
  );
  const fonts = fontData();
  for (const key of Object.keys(FONT_NAME) as FontKey[]) pdf.registerFont(FONT_NAME[key], fonts[key]);
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

