import { receiptDocument } from '../content.js';
import { renderFormPdf } from '../pdf-blocks.js';
import type { ReceiptForm } from '../types.js';

/** Mẫu 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả — A5 portrait PDF. */
export function renderReceiptPdf(form: ReceiptForm): Promise<Buffer> {
  return renderFormPdf(receiptDocument(form));
}
