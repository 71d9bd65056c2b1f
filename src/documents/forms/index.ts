/** Printable one-stop forms (Circular 01/2018 & 03/2025 TT-VPCP) as PDF (pdfkit) and HTML print views. */
export type * from './types.js';
export type { FormDocument } from './content.js';
export {
  apologyDocument,
  controlSheetDocument,
  receiptDocument,
  refusalDocument,
  registerDocument,
  supplementDocument,
} from './content.js';
export { renderReceiptPdf } from './pdf/receipt.js';
export { renderSupplementPdf } from './pdf/supplement.js';
export { renderRefusalPdf } from './pdf/refusal.js';
export { renderApologyPdf } from './pdf/apology.js';
export { renderControlSheetPdf } from './pdf/control-sheet.js';
export { renderRegisterPdf } from './pdf/register.js';
export { ReceiptHtml } from './html/receipt.js';
export { SupplementHtml } from './html/supplement.js';
export { RefusalHtml } from './html/refusal.js';
export { ApologyHtml } from './html/apology.js';
export { ControlSheetHtml } from './html/control-sheet.js';
export { RegisterHtml } from './html/register.js';
export { FORMS_CSS } from './html/forms-css.js';
export { FORMS_CSS_HREF } from './html/layout.js';
export { qrSvg } from './qr.js';
