/**
 * The fee receipt as a PDF (A5 portrait, Liberation Serif, Vietnamese), with every item Decree 254/2026 Art. 23(2)
 * requires: the receipt's name, template symbol and receipt symbol, its number, the collector's name and tax code,
 * the fee kinds with the amount in figures and in words, the date, and room for the collector's digital signature
 * (the signature widget's appearance is drawn there when it is signed). A cancelled receipt is the same page marked
 * "ĐÃ HỦY" with the reason.
 */
import { formatVnd } from '../catalog/index.js';
import { MM, centred, createPdf, finishPdf, hline, setFont, type PdfCtx } from '../documents/forms/pdf-kit.js';
import { drawRuns, drawTable } from '../documents/forms/pdf-blocks.js';
import { formatVnDate, formatVnDateLong, formatVnDateTime, nfc } from '../documents/text.js';
import { onePage } from '../documents/official/appearance.js';
import { FONT_NAME, type SignatureRect } from '../documents/official/layout.js';
import { METHOD_LABELS, receiptNumberText, type FeeReceipt } from './model.js';

export const RECEIPT_TITLE = 'BIÊN LAI THU PHÍ, LỆ PHÍ';
const SIGNATURE_BOX_MM = { width: 62, height: 17 } as const;
const CANCEL_RED = '#c00000';

export interface RenderedReceipt {
  pdf: Buffer;
  /** Where the collector's signature appearance goes (PDF points, origin bottom-left). */
  signatureRect: SignatureRect;
}

function para(ctx: PdfCtx, label: string, value: string, strong = false): void {
  drawRuns(ctx, [{ text: label, style: 'regular' }, { text: value || '…', style: strong ? 'bold' : 'regular' }], {
    x: ctx.left, width: ctx.width, size: ctx.sizes.body, align: 'left', indent: 0,
  });
  ctx.doc.y += ctx.sizes.paraGap;
}

/** Collector (left) and the receipt's symbols and number (right), as receipts print them. */
function drawHead(ctx: PdfCtx, r: FeeReceipt): void {
  const { doc, sizes } = ctx;
  const leftW = ctx.width * 0.6;
  const rightX = ctx.left + leftW + 6;
  const rightW = ctx.width - leftW - 6;
  const y0 = ctx.top;
  let yl = centred(ctx, r.collectorName.toLocaleUpperCase('vi'), ctx.left, y0, leftW, 'bold', sizes.header);
  setFont(ctx, 'bold', sizes.header);
  hline(ctx, ctx.left + leftW / 2, yl + 1.5, Math.min(doc.widthOfString(nfc(r.collectorName.toLocaleUpperCase('vi'))), leftW) * 0.4);
  yl = centred(ctx, `Mã số thuế: ${r.collectorTaxCode}`, ctx.left, yl + 4, leftW, 'regular', sizes.header);
  let yr = y0;
  for (const [label, value, key] of [['Mẫu số: ', r.templateSymbol, 'regular'], ['Ký hiệu: ', r.receiptSymbol, 'regular'], ['Số: ', receiptNumberText(r.number), 'bold']] as const) {
    setFont(ctx, key, sizes.header);
    doc.text(nfc(`${label}${value}`), rightX, yr, { width: rightW, align: 'left', lineGap: 0 });
    yr = doc.y;
  }
  doc.x = ctx.left;
  doc.y = Math.max(yl, yr) + 10;
}

/** The red "ĐÃ HỦY" stamp across the page and the cancellation line. */
function drawCancelled(ctx: PdfCtx, r: FeeReceipt): void {
  const { doc } = ctx;
  const y = doc.y;
  const cx = doc.page.width / 2;
  const cy = doc.page.height * 0.42;
  doc.save().rotate(-28, { origin: [cx, cy] });
  setFont(ctx, 'bold', 64);
  doc.fillColor(CANCEL_RED).opacity(0.35);
  const w = doc.widthOfString('ĐÃ HỦY');
  doc.text('ĐÃ HỦY', cx - w / 2, cy - 32, { lineBreak: false });
  doc.restore();
  doc.x = ctx.left;
  doc.y = y;
  doc.fillColor(CANCEL_RED).opacity(1);
  drawRuns(ctx, [
    { text: 'BIÊN LAI ĐÃ HỦY', style: 'bold' },
    { text: ` lúc ${formatVnDateTime(r.cancelledAt ?? r.issuedAt)}. Lý do hủy: ${r.cancelReason ?? ''}`, style: 'regular' },
  ], { x: ctx.left, width: ctx.width, size: ctx.sizes.body, align: 'left', indent: 0 });
  doc.fillColor('#000');
  doc.y += ctx.sizes.paraGap;
}

/** Renders a receipt; `cancelled` draws the copy marked ĐÃ HỦY. */
export async function renderFeeReceiptPdf(r: FeeReceipt, opts: { cancelled: boolean; verifyUrl: string }): Promise<RenderedReceipt> {
  const ctx = createPdf({
    format: 'A5', title: `Biên lai thu phí, lệ phí ${r.receiptSymbol} số ${receiptNumberText(r.number)}`, author: r.collectorName,
    subject: `Hồ sơ ${r.dossierCode}`, date: r.issuedAt,
  });
  const { doc, sizes } = ctx;
  drawHead(ctx, r);
  let y = centred(ctx, RECEIPT_TITLE, ctx.left, doc.y, ctx.width, 'bold', sizes.title + 2);
  y = centred(ctx, '(Bản thể hiện của biên lai điện tử)', ctx.left, y + 1, ctx.width, 'italic', sizes.body);
  y = centred(ctx, formatVnDateLong(r.issuedAt).replace(/^n/, 'N'), ctx.left, y + 1, ctx.width, 'italic', sizes.body);
  doc.x = ctx.left;
  doc.y = y + 8;
  if (opts.cancelled) drawCancelled(ctx, r);
  para(ctx, 'Họ và tên người nộp: ', r.payerName, true);
  para(ctx, 'Địa chỉ: ', r.payerAddress);
  para(ctx, 'Mã hồ sơ: ', r.dossierCode);
  para(ctx, 'Hình thức thanh toán: ', METHOD_LABELS[r.method]);
  drawTable(ctx, {
    kind: 'table', caption: 'Các khoản phí, lệ phí', captionVisible: false, dense: false, emptyText: '',
    columns: [
      { header: 'STT', width: 8, align: 'center' }, { header: 'Tên loại phí, lệ phí', width: 56, align: 'left' },
      { header: 'Số lượng', width: 12, align: 'center' }, { header: 'Số tiền', width: 24, align: 'right' },
    ],
    rows: [
      ...r.feeLines.map((l, i) => [String(i + 1), nfc(l.name), String(l.quantity), formatVnd(l.amount)]),
      ['', 'Tổng cộng', '', formatVnd(r.amount)],
    ],
  }, ctx.left, ctx.width);
  drawRuns(ctx, [{ text: 'Số tiền bằng chữ: ', style: 'regular' }, { text: `${r.amountInWords}.`, style: 'bold' }], {
    x: ctx.left, width: ctx.width, size: sizes.body, align: 'left', indent: 0,
  });
  doc.y += 10;

  // signatures: the payer on the left, the collecting organisation (digital signature) on the right
  const colW = ctx.width / 2;
  const rightX = ctx.left + colW;
  const top = doc.y;
  centred(ctx, 'NGƯỜI NỘP TIỀN', ctx.left, top, colW, 'bold', sizes.sig);
  let yr = centred(ctx, 'ĐƠN VỊ THU PHÍ, LỆ PHÍ', rightX, top, colW, 'bold', sizes.sig);
  yr = centred(ctx, '(Chữ ký số)', rightX, yr, colW, 'italic', sizes.sig - 1);
  const box = { width: Math.min(SIGNATURE_BOX_MM.width * MM, colW), height: SIGNATURE_BOX_MM.height * MM };
  const boxTop = yr + 3;
  const boxX = rightX + (colW - box.width) / 2;
  const page = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  yr = centred(ctx, `Người thu tiền: ${r.collectorUserName}`, rightX, boxTop + box.height + 3, colW, 'regular', sizes.small + 1);
  doc.x = ctx.left;
  doc.y = yr + 8;
  setFont(ctx, 'italic', sizes.small);
  doc.text(nfc(`Biên lai điện tử có chữ ký số của ${r.collectorName}, lập ngày ${formatVnDate(r.issuedAt)}. Kiểm tra chữ ký số tại ${opts.verifyUrl}`), ctx.left, doc.y, { width: ctx.width, align: 'left' });
  return {
    pdf: await finishPdf(ctx),
    signatureRect: { page, x: boxX, y: doc.page.height - boxTop - box.height, width: box.width, height: box.height },
  };
}

/** The appearance of the collector's signature: a framed box saying who signed and when, as e-receipts show it. */
export function signatureAppearancePdf(signerName: string, signedAt: Date, box: { width: number; height: number }): Promise<Uint8Array> {
  return onePage(box.width, box.height, 'Chữ ký số', (doc) => {
    doc.lineWidth(0.8).strokeColor('#1b7a2e').rect(0.5, 0.5, box.width - 1, box.height - 1).stroke();
    doc.font(FONT_NAME.bold).fontSize(7.5).fillColor('#1b7a2e').text('Đã ký số', 4, 4, { width: box.width - 8, lineBreak: false });
    doc.font(FONT_NAME.italic).fontSize(7).fillColor('#000');
    doc.text(nfc(`Ký bởi: ${signerName}`), 4, 15, { width: box.width - 8, height: 18, ellipsis: true });
    doc.text(nfc(`Ký ngày: ${formatVnDate(signedAt)}`), 4, box.height - 12, { width: box.width - 8, lineBreak: false });
  });
}
