import { receiptDocument } from '../content.js';
import type { ReceiptForm } from '../types.js';
import { renderFormHtml } from './layout.js';

/** Mẫu 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả — standalone HTML print view (same content as the PDF). */
export function ReceiptHtml(form: ReceiptForm): string {
  return renderFormHtml(receiptDocument(form));
}
