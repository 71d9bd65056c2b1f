// Manual preview (not a test): npx tsx test/documents/render-samples.ts
// Writes the sample PDFs and HTML print views to .tmp/ (HTML links forms.css next to it); then e.g.
//   pdftoppm -png -r 80 .tmp/form-receipt.pdf .tmp/form-receipt
import { mkdirSync, writeFileSync } from 'node:fs';
import * as F from '../../src/documents/forms/index.js';
import * as fx from './fixtures.js';

const out = new URL('../../.tmp/', import.meta.url);
mkdirSync(out, { recursive: true });
const pdfs: Array<[string, Promise<Buffer>]> = [
  ['form-receipt', F.renderReceiptPdf(fx.receipt())],
  ['form-supplement', F.renderSupplementPdf(fx.supplement())],
  ['form-refusal', F.renderRefusalPdf(fx.refusal())],
  ['form-apology', F.renderApologyPdf(fx.apology())],
  ['form-control', F.renderControlSheetPdf(fx.controlSheet())],
  ['form-register', F.renderRegisterPdf(fx.register(40))],
];
for (const [name, p] of pdfs) writeFileSync(new URL(`${name}.pdf`, out), await p);

const local = (html: string): string => html.replace(F.FORMS_CSS_HREF, 'forms.css');
writeFileSync(new URL('forms.css', out), F.FORMS_CSS);
const pages: Array<[string, string]> = [
  ['h-receipt', F.ReceiptHtml(fx.receipt())],
  ['h-supplement', F.SupplementHtml(fx.supplement())],
  ['h-refusal', F.RefusalHtml(fx.refusal())],
  ['h-apology', F.ApologyHtml(fx.apology())],
  ['h-control', F.ControlSheetHtml(fx.controlSheet())],
  ['h-register', F.RegisterHtml(fx.register(30))],
];
for (const [name, html] of pages) writeFileSync(new URL(`${name}.html`, out), local(html));
console.log(`written to ${out.pathname}`);
