import { registerDocument } from '../content.js';
import { renderFormPdf } from '../pdf-blocks.js';
import type { RegisterForm } from '../types.js';

/** Sổ theo dõi hồ sơ — A4 landscape PDF. */
export function renderRegisterPdf(form: RegisterForm): Promise<Buffer> {
  return renderFormPdf(registerDocument(form));
}
