import { controlSheetDocument } from '../content.js';
import type { ControlSheetForm } from '../types.js';
import { renderFormHtml } from './layout.js';

/** Phiếu kiểm soát quá trình giải quyết hồ sơ — standalone HTML print view (same content as the PDF). */
export function ControlSheetHtml(form: ControlSheetForm): string {
  return renderFormHtml(controlSheetDocument(form));
}
