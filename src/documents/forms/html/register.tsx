import { registerDocument } from '../content.js';
import type { RegisterForm } from '../types.js';
import { renderFormHtml } from './layout.js';

/** Sổ theo dõi hồ sơ (A4 ngang) — standalone HTML print view (same content as the PDF). */
export function RegisterHtml(form: RegisterForm): string {
  return renderFormHtml(registerDocument(form));
}
