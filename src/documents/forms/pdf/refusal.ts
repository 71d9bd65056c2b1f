import { refusalDocument } from '../content.js';
import { renderFormPdf } from '../pdf-blocks.js';
import type { RefusalForm } from '../types.js';

/** Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ — A5 portrait PDF. */
export function renderRefusalPdf(form: RefusalForm): Promise<Buffer> {
  return renderFormPdf(refusalDocument(form));
}
