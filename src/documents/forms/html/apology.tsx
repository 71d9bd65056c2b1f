import { apologyDocument } from '../content.js';
import type { ApologyForm } from '../types.js';
import { renderFormHtml } from './layout.js';

/** Mẫu 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả — standalone HTML print view (same content as the PDF). */
export function ApologyHtml(form: ApologyForm): string {
  return renderFormHtml(apologyDocument(form));
}
