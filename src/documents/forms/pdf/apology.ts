import { apologyDocument } from '../content.js';
import { renderFormPdf } from '../pdf-blocks.js';
import type { ApologyForm } from '../types.js';

/** Mẫu 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả — A5 portrait PDF. */
export function renderApologyPdf(form: ApologyForm): Promise<Buffer> {
  return renderFormPdf(apologyDocument(form));
}
