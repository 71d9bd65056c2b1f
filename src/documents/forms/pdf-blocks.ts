/** Drawing the content model's blocks (runs, paragraphs, lists, tables, signatures, QR) and whole forms with pdfkit. */
import { nfc } from '../text.js';
import { qrMatrix, qrRuns } from './qr.js';
import { type Block, type FormDocument, type ListBlock, type ParaBlock, type Run, type SignatureItem, type TableBlock, type TransferBlock } from './content.js';
import { bottomLimit, centred, createPdf, drawBookHeader, drawOfficialHeader, drawTitle, ensureSpace, finishPdf, setFont, type FontKey, type PdfCtx } from './pdf-kit.js';

const STYLE_FONT: Record<Run['style'], FontKey> = { regular: 'regular', bold: 'bold', italic: 'italic' };

/** A paragraph of mixed-style runs wrapping within [x, x + width]. */
export function drawRuns(
  ctx: PdfCtx,
  runs: readonly Run[],
  opts: { x: number; width: number; size: number; align: 'left' | 'center' | 'right' | 'justify'; indent: number },
): void {
  const { doc } = ctx;
  const list = runs.filter((r) => r.text.length > 0);
  if (list.length === 0) return;
  list.forEach((run, idx) => {
    setFont(ctx, STYLE_FONT[run.style], opts.size);
    const continued = idx < list.length - 1;
    if (idx === 0) {
      doc.text(nfc(run.text), opts.x, doc.y, {
        width: opts.width,
        align: opts.align,
        indent: opts.indent,
        lineGap: ctx.sizes.lineGap,
        continued,
      });
    } else {
      doc.text(nfc(run.text), { continued });
    }
  });
  doc.x = ctx.left;
}

function drawPara(ctx: PdfCtx, p: ParaBlock, x: number, width: number): void {
  const size = p.small ? ctx.sizes.small : ctx.sizes.body;
  ensureSpace(ctx, size * 1.3);
  drawRuns(ctx, p.runs, { x, width, size, align: p.align, indent: p.indent ? ctx.sizes.indent : 0 });
  ctx.doc.y += ctx.sizes.paraGap;
}

function drawList(ctx: PdfCtx, l: ListBlock, x: number, width: number): void {
  const { doc, sizes } = ctx;
  const hang = 16;
  l.items.forEach((item, idx) => {
    ensureSpace(ctx, sizes.body * 1.3);
    const y = doc.y;
    setFont(ctx, 'regular', sizes.body);
    doc.text(l.ordered ? `${idx + 1}.` : '-', x + 4, y, { width: hang - 2, lineGap: sizes.lineGap });
    doc.y = y;
    drawRuns(ctx, item, { x: x + hang + 4, width: width - hang - 4, size: sizes.body, align: 'left', indent: 0 });
    doc.y += 1;
  });
  doc.y += sizes.paraGap;
}

/** A bordered table; rows wrap, and the header row repeats on each new page. */
export function drawTable(ctx: PdfCtx, t: TableBlock, x: number, width: number): void {
  const { doc, sizes } = ctx;
  const size = t.dense ? sizes.table - 0.5 : sizes.table;
  const pad = 2;
  const gap = 0.5;
  const totalW = t.columns.reduce((s, c) => s + c.width, 0);
  const colW = t.columns.map((c) => (c.width / totalW) * width);
  const measure = (text: string, w: number, key: FontKey): number => {
    setFont(ctx, key, size);
    return doc.heightOfString(nfc(text) || ' ', { width: w - 2 * pad, lineGap: gap });
  };
  const rowHeight = (cells: readonly string[], key: FontKey): number =>
    Math.max(...cells.map((c, idx) => measure(c, colW[idx] ?? width, key))) + 2 * pad;

  if (t.captionVisible) {
    ensureSpace(ctx, sizes.body * 1.3 + 40);
    drawRuns(ctx, [{ text: t.caption, style: 'regular' }], {
      x,
      width,
      size: sizes.body,
      align: 'left',
      indent: 0,
    });
    doc.y += 2;
  }

  const headers = t.columns.map((c) => c.header);
  const headerH = rowHeight(headers, 'bold');
  const pageMax = bottomLimit(ctx) - ctx.top - headerH;

  const drawRow = (cells: readonly string[], y: number, h: number, key: FontKey, header: boolean): void => {
    let cx = x;
    cells.forEach((cell, idx) => {
      const w = colW[idx] ?? 0;
      doc.save().lineWidth(0.5).rect(cx, y, w, h).stroke('#000').restore();
      setFont(ctx, key, size);
      const align = header ? 'center' : (t.columns[idx]?.align ?? 'left');
      doc.text(nfc(cell), cx + pad, y + pad, {
        width: w - 2 * pad,
        align,
        lineGap: gap,
        height: h - 2 * pad + 0.5,
        ellipsis: true,
      });
      cx += w;
    });
  };

  let y = doc.y;
  const bodyRows: string[][] = t.rows.length > 0 ? t.rows : [];
  const firstH = bodyRows[0] ? rowHeight(bodyRows[0], 'regular') : size * 1.4 + 2 * pad;
  if (y + headerH + Math.min(firstH, pageMax) > bottomLimit(ctx)) {
    doc.addPage();
    y = ctx.top;
  }
  drawRow(headers, y, headerH, 'bold', true);
  y += headerH;

  if (bodyRows.length === 0) {
    const h = size * 1.4 + 2 * pad;
    doc.save().lineWidth(0.5).rect(x, y, width, h).stroke('#000').restore();
    setFont(ctx, 'italic', size);
    doc.text(nfc(t.emptyText), x + pad, y + pad, { width: width - 2 * pad, align: 'center' });
    y += h;
  }
  for (const row of bodyRows) {
    const h = Math.min(rowHeight(row, 'regular'), pageMax);
    if (y + h > bottomLimit(ctx)) {
      doc.addPage();
      y = ctx.top;
      drawRow(headers, y, headerH, 'bold', true);
      y += headerH;
    }
    drawRow(row, y, h, 'regular', false);
    y += h;
  }
  doc.x = ctx.left;
  doc.y = y + sizes.paraGap + 2;
}

/** Signature blocks: bold capital title, italic note, room to sign, bold name; kept on one page. */
export function drawSignatures(ctx: PdfCtx, items: readonly SignatureItem[]): void {
  const { doc, sizes } = ctx;
  if (items.length === 0) return;
  const colW = items.length === 1 ? ctx.width / 2 : ctx.width / items.length;
  const xs = items.map((_, idx) => (items.length === 1 ? ctx.left + ctx.width / 2 : ctx.left + idx * colW));
  const signRoom = 36;
  setFont(ctx, 'bold', sizes.sig);
  const titleH = Math.max(...items.map((it) => doc.heightOfString(nfc(it.title), { width: colW })));
  const needed = titleH + sizes.sig * 1.3 + signRoom + sizes.sig * 1.4 + 4;
  ensureSpace(ctx, needed);
  const y0 = doc.y + 2;
  let yNote = y0;
  items.forEach((it, idx) => {
    const x = xs[idx] ?? ctx.left;
    const y = centred(ctx, it.title, x, y0, colW, 'bold', sizes.sig);
    yNote = Math.max(yNote, centred(ctx, it.note, x, y, colW, 'italic', sizes.sig - 1));
  });
  const yName = yNote + signRoom;
  let yEnd = yName;
  items.forEach((it, idx) => {
    const x = xs[idx] ?? ctx.left;
    yEnd = Math.max(yEnd, centred(ctx, it.name, x, yName, colW, 'bold', sizes.sig));
  });
  doc.x = ctx.left;
  doc.y = yEnd + 8;
}

/** The QR modules of `url` as filled vector squares, `size` points wide, top-left at (x, y). */
export function drawQrMatrix(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number): void {
  const m = qrMatrix(nfc(url));
  const s = size / m.size;
  doc.save();
  for (const r of qrRuns(m)) doc.rect(x + r.col * s, y + r.row * s, r.length * s + 0.05, s + 0.05);
  doc.fill('#000');
  doc.restore();
}

/** Vector QR code (crisp at any print resolution) with the dossier code printed under it. */
export function drawQr(ctx: PdfCtx, url: string, code: string, x: number, y: number, size: number, boxW: number): number {
  const { doc } = ctx;
  drawQrMatrix(doc, url, x + (boxW - size) / 2, y, size);
  setFont(ctx, 'regular', 7);
  doc.text(nfc(code), x, y + size + 3, { width: boxW, align: 'center', lineGap: 0 });
  return doc.y;
}

/** The VietQR code (vector, 25 mm) with the account details beside it, kept on one page. */
function drawTransfer(ctx: PdfCtx, t: TransferBlock, x: number, width: number): void {
  const { doc, sizes } = ctx;
  const size = 25 * (72 / 25.4);
  const text = sizes.table;
  ensureSpace(ctx, size + 8);
  const top = doc.y + 2;
  drawQrMatrix(doc, t.payload, x, top, size);
  const textX = x + size + 8;
  doc.y = top;
  drawRuns(ctx, [{ text: t.heading, style: 'bold' }], { x: textX, width: width - size - 8, size: sizes.body, align: 'left', indent: 0 });
  for (const l of t.lines) {
    drawRuns(ctx, [{ text: `${l.label}: `, style: 'regular' }, { text: l.value, style: 'bold' }], { x: textX, width: width - size - 8, size: text, align: 'left', indent: 0 });
  }
  if (t.note) drawRuns(ctx, [{ text: t.note, style: 'italic' }], { x: textX, width: width - size - 8, size: sizes.small, align: 'left', indent: 0 });
  doc.x = ctx.left;
  doc.y = Math.max(doc.y, top + size) + sizes.paraGap + 2;
}

export function drawBlock(ctx: PdfCtx, block: Block, x: number, width: number): void {
  switch (block.kind) {
    case 'para':
      drawPara(ctx, block, x, width);
      return;
    case 'list':
      drawList(ctx, block, x, width);
      return;
    case 'table':
      drawTable(ctx, block, x, width);
      return;
    case 'signatures':
      drawSignatures(ctx, block.items);
      return;
    case 'transfer':
      drawTransfer(ctx, block, x, width);
      return;
  }
}

/** Page numbers 2, 3, … centred in the top margin (Decree 30: page 1 is not numbered). */
function numberPages(ctx: PdfCtx): void {
  const { doc } = ctx;
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    setFont(ctx, 'regular', ctx.sizes.header);
    doc.text(String(i + 1), ctx.left, ctx.top / 2 - 4, { width: ctx.width, align: 'center', lineBreak: false });
  }
}

/** Renders a whole form document model. */
export function renderFormPdf(model: FormDocument): Promise<Buffer> {
  const ctx = createPdf({
    format: model.format,
    title: model.docTitle,
    author: model.author,
    subject: model.title,
    date: model.date,
  });
  const { doc } = ctx;
  if (model.header.kind === 'official') drawOfficialHeader(ctx, model.header);
  else drawBookHeader(ctx, model.header.unitName);
  drawTitle(ctx, model.title, model.subtitles);

  if (model.qr) {
    const boxW = 84;
    const qrSize = 62;
    const y0 = doc.y;
    const qrBottom = drawQr(ctx, model.qr.url, model.qr.code, ctx.left + ctx.width - boxW, y0, qrSize, boxW);
    doc.y = y0;
    for (const block of model.intro) drawBlock(ctx, block, ctx.left, ctx.width - boxW - 6);
    doc.y = Math.max(doc.y, qrBottom + 4);
  } else {
    for (const block of model.intro) drawBlock(ctx, block, ctx.left, ctx.width);
  }
  for (const block of model.body) drawBlock(ctx, block, ctx.left, ctx.width);
  numberPages(ctx);
  return finishPdf(ctx);
}

