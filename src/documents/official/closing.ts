/** The closing block: signature (right, with the reserved signing area), "Nơi nhận:" (left) and the QR code. */
import { MM } from '../forms/pdf-kit.js';
import { drawQrMatrix } from '../forms/pdf-blocks.js';
import { type OfficialDocument } from './model.js';
import { Ctx, FONT_SIZES, QR_CAPTION, QR_SIZE_MM, SIGNATURE_AREA_MM, SignatureRect, centred, setFont } from './layout.js';

// ---------------------------------------------------------------------------------------------
// Closing block: signature (right), "Nơi nhận:" (left), QR (bottom-left)

export function recipientLines(recipients: readonly string[]): string[] {
  const list = recipients.map((r) => r.trim().replace(/^[-–]\s*/u, '').replace(/[;.,]\s*$/u, '')).filter((r) => r !== '');
  if (list.length === 0) return [];
  const last = list[list.length - 1] ?? '';
  const archive = /^Lưu\b/u.test(last) ? (list.pop() ?? last) : 'Lưu: VT';
  return [...list.map((r) => `- ${r};`), `- ${archive}.`];
}

export interface ClosingLayout {
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

export const QR_GAP = 8;

export function closingLayout(ctx: Ctx, d: OfficialDocument): ClosingLayout {
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

export function drawVectorQr(ctx: Ctx, url: string, x: number, y: number, size: number): void {
  drawQrMatrix(ctx.doc, url, x, y, size);
}

export function drawClosing(ctx: Ctx, d: OfficialDocument, lay: ClosingLayout, y0: number, box: boolean): SignatureRect {
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

