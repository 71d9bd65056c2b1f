import { supplementDocument } from '../content.js';
import { renderFormPdf } from '../pdf-blocks.js';
import type { SupplementForm } from '../types.js';

/** Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — A5 portrait PDF. */
export function renderSupplementPdf(form: SupplementForm): Promise<Buffer> {
  return renderFormPdf(supplementDocument(form));
}
