/**
 * Stylesheet of the HTML print views, served by the app at /static/forms.css (our CSP forbids
 * inline <style>). A5 portrait for the forms, A4 landscape for the register (named page).
 */
const COLUMN_WIDTHS = Array.from({ length: 100 }, (_, i) => `col.w${i + 1} { width: ${i + 1}%; }`).join('\n');

export const FORMS_CSS = `@page { size: A5; margin: 15mm; }
@page register { size: A4 landscape; margin: 12mm 12mm 12mm 15mm; }
*, *::before, *::after { box-sizing: border-box; }
html { color: #000; background: #fff; }
body {
  margin: 0;
  font-family: "Times New Roman", "Liberation Serif", Tinos, serif;
  font-size: 10pt;
  line-height: 1.22;
}
.sheet { max-width: 148mm; margin: 0 auto; padding: 8mm 6mm; }
.form-register .sheet { max-width: 297mm; page: register; }
body.form-register { font-size: 10pt; }
p { margin: 0 0 1.5pt; }
.doc-head {
  display: grid; grid-template-columns: minmax(0, 1fr) auto; column-gap: 4mm; row-gap: 3pt;
  align-items: start; text-align: center; font-size: 9.5pt;
}
.doc-head p { margin: 0; }
.doc-head .parent { text-transform: uppercase; }
.doc-head .body, .doc-head .nation-name, .book-head .unit { font-weight: bold; text-transform: uppercase; }
.doc-head .nation-name { white-space: nowrap; }
.doc-head .motto { display: inline-block; font-weight: bold; font-size: 10pt; border-bottom: 0.6pt solid #000; padding-bottom: 1pt; }
.doc-head .body::after, .book-head .unit::after {
  content: ""; display: block; width: 40%; margin: 1pt auto 0; border-top: 0.6pt solid #000;
}
.doc-head .place-date { font-style: italic; }
.book-head { display: flex; }
.book-head .unit { width: 40%; text-align: center; }
h1 { font-size: 12pt; font-weight: bold; text-align: center; margin: 7pt 0 5pt; }
.form-register h1 { font-size: 14pt; }
.subtitle { text-align: center; font-style: italic; }
.intro { display: flex; gap: 4mm; align-items: flex-start; margin-bottom: 2pt; }
.intro-text { flex: 1 1 auto; min-width: 0; }
.qr { flex: 0 0 29mm; margin: 0; text-align: center; }
.qr-img svg { display: block; width: 22mm; height: 22mm; margin: 0 auto; }
.qr figcaption { font-size: 7pt; overflow-wrap: anywhere; }
.transfer { display: flex; flex-wrap: wrap; gap: 4mm; align-items: flex-start; margin: 2pt 0 4pt; padding: 2mm; border: 0.5pt solid #000; break-inside: avoid; }
.transfer-qr svg { display: block; width: 32mm; height: 32mm; }
.transfer figcaption { flex: 1 1 40mm; min-width: 0; overflow-wrap: anywhere; }
.transfer figcaption p { margin: 0 0 1pt; }
.align-justify { text-align: justify; }
.align-center { text-align: center; }
.align-right { text-align: right; }
.indent { text-indent: 7mm; }
.small { font-size: 8pt; overflow-wrap: anywhere; }
ul.dash, ol.numbered { margin: 0 0 2pt; padding-left: 8mm; }
ul.dash { list-style: none; }
ul.dash > li::before { content: "- "; margin-left: -3mm; }
table { width: 100%; border-collapse: collapse; margin: 1pt 0 3pt; font-size: 8.5pt; }
.form-control-sheet table { font-size: 8pt; }
.form-register table { font-size: 8pt; }
caption { caption-side: top; text-align: left; font-size: 10pt; padding-bottom: 1.5pt; }
th, td { border: 0.5pt solid #000; padding: 1.5pt 2.5pt; vertical-align: top; white-space: pre-line; overflow-wrap: anywhere; }
th { font-weight: bold; text-align: center; vertical-align: middle; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.center { text-align: center; }
${COLUMN_WIDTHS}
td.right { text-align: right; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
}
.signatures { display: flex; margin-top: 6pt; break-inside: avoid; }
.signatures .sig { flex: 1 1 0; text-align: center; }
.signatures.single .sig { margin-left: 50%; }
.sig-title { font-weight: bold; white-space: pre-line; }
.sig-note { font-style: italic; font-size: 9pt; }
.sig-name { font-weight: bold; margin-top: 13mm; }
@media screen {
  html { background: #e8e8e8; }
  .sheet { background: #fff; margin: 16px auto; padding: 15mm; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3); }
}
@media print {
  .sheet { max-width: none; padding: 0; margin: 0; }
}
@media screen and (max-width: 600px) {
  .sheet { padding: 4mm; margin: 0; }
  .doc-head { grid-template-columns: 1fr; }
  .doc-head .nation-name { white-space: normal; }
  th { overflow-wrap: normal; }
  .signatures { gap: 4mm; }
}
`;
