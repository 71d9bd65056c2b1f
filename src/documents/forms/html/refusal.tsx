import { refusalDocument } from '../content.js';
import type { RefusalForm } from '../types.js';
import { renderFormHtml } from './layout.js';

/** Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ — standalone HTML print view (same content as the PDF). */
export function RefusalHtml(form: RefusalForm): string {
  return renderFormHtml(refusalDocument(form));
}
