import { controlSheetDocument } from '../content.js';
import { renderFormPdf } from '../pdf-blocks.js';
import type { ControlSheetForm } from '../types.js';

/** Phiếu kiểm soát quá trình giải quyết hồ sơ — A5 portrait PDF. */
export function renderControlSheetPdf(form: ControlSheetForm): Promise<Buffer> {
  return renderFormPdf(controlSheetDocument(form));
}
