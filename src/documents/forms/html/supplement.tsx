import { supplementDocument } from '../content.js';
import type { SupplementForm } from '../types.js';
import { renderFormHtml } from './layout.js';

/** Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — standalone HTML print view (same content as the PDF). */
export function SupplementHtml(form: SupplementForm): string {
  return renderFormHtml(supplementDocument(form));
}
