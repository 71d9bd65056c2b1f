/**
 * PAdES signing (ETSI.CAdES.detached) as a true incremental update: the
 * original bytes are kept verbatim and a new revision (signature value
 * dictionary, signature field/widget, updated page and AcroForm, classic
 * xref section with /Prev, trailer) is appended. Earlier signatures
 * therefore stay valid, and any number of signatures can be chained.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { buildCadesSignedData, type BuildCmsOptions } from './cms.js';
import type { Signer } from './signer.js';

export interface SignatureMeta {
  reason: string;
  location: string;
  name: string;
  contactInfo?: string;
  signingTime: Date;
}

export interface SignPdfOptions extends BuildCmsOptions {
  /** Bytes reserved for the CMS (binary); hex placeholder is twice this. */
  signatureLength?: number;
  /** 0-based page carrying the signature widget (invisible unless `appearance` is given). */
  pageIndex?: number;
  /**
   * Visible signature: page 1 of `pdf` (e.g. the signature image or the seal) becomes the widget's
   * appearance, drawn in `rect` (PDF points, origin bottom-left) on page `pageIndex`.
   */
  appearance?: { pdf: Uint8Array; rect: { x: number; y: number; width: number; height: number } };
}

const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 ********** ********** **********]';

/** PDF date in Vietnam time (UTC+7, no DST), e.g. D:20250101093000+07'00'. */
export function pdfDate(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3_600_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `D:${p(t.getUTCFullYear(), 4)}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}` +
    `${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}+07'00'`;
}

function lastStartXref(pdf: Buffer): number {
  const tail = pdf.subarray(Math.max(0, pdf.length - 2048)).toString('latin1');
  const all = [...tail.matchAll(/startxref\s+(\d+)/g)];
  const m = all[all.length - 1];
  if (!m?.[1]) throw new Error('PDF không hợp lệ: thiếu startxref');
  return Number(m[1]);
}

function fieldNames(doc: PDFDocument, acro: PDFDict | undefined): Set<string> {
  const names = new Set<string>();
  const fields = acro?.lookup(PDFName.of('Fields'));
  if (fields instanceof PDFArray) {
    for (const f of fields.asArray()) {
      const t = doc.context.lookup(f, PDFDict).lookup(PDFName.of('T'));
      if (t instanceof PDFString || t instanceof PDFHexString) names.add(t.decodeText());
    }
  }
  return names;
}

interface Prepared { pdf: Buffer; contentsStart: number; contentsEnd: number; byteRangeAt: number }

async function addIncrementalPlaceholder(
  input: Buffer, meta: SignatureMeta, opts: Required<Pick<SignPdfOptions, 'signatureLength' | 'pageIndex'>> & Pick<SignPdfOptions, 'appearance'>,
): Promise<Prepared> {
  const doc = await PDFDocument.load(input, { updateMetadata: false });
  if (doc.isEncrypted) throw new Error('Không ký được tệp PDF đã mã hóa (encrypted PDF)');
  const ctx = doc.context;
  const rootRef = ctx.trailerInfo.Root;
  if (!(rootRef instanceof PDFRef)) throw new Error('PDF trailer has no indirect /Root');
  const page = doc.getPages()[opts.pageIndex];
  if (!page) throw new Error(`PDF has no page ${opts.pageIndex}`);

  const objects = new Map<PDFRef, string | Uint8Array>();
  let appearanceRef: PDFRef | null = null;
  if (opts.appearance) {
    // embedPdf copies the appearance page (and its fonts, images) into new objects of this document
    const before = ctx.largestObjectNumber;
    const [embedded] = await doc.embedPdf(opts.appearance.pdf, [0]);
    if (!embedded) throw new Error('appearance PDF has no page');
    await embedded.embed();
    appearanceRef = embedded.ref;
    for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
      if (ref.objectNumber <= before) continue;
      const bytes = new Uint8Array(obj.sizeInBytes());
      obj.copyBytesInto(bytes, 0);
      objects.set(ref, bytes);
    }
  }
  let next = ctx.largestObjectNumber + 1;
  const sigRef = PDFRef.of(next++);
  const widgetRef = PDFRef.of(next++);

  // AcroForm: rewrite the indirect object, or inline a new one into the catalog.
  const catalog = doc.catalog.clone(ctx);
  const acroRaw = catalog.get(PDFName.of('AcroForm'));
  const acroOld = acroRaw ? ctx.lookup(acroRaw, PDFDict) : undefined;
  const existing = fieldNames(doc, acroOld);
  let n = existing.size + 1;
  while (existing.has(`Signature${n}`)) n++;
  const acro = acroOld ? acroOld.clone(ctx) : ctx.obj({});
  const oldFields = acro.lookup(PDFName.of('Fields'));
  acro.set(PDFName.of('Fields'), ctx.obj([...(oldFields instanceof PDFArray ? oldFields.asArray() : []), widgetRef]));
  acro.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  if (acroRaw instanceof PDFRef) objects.set(acroRaw, acro.toString());
  else {
    catalog.set(PDFName.of('AcroForm'), acro);
    objects.set(rootRef, catalog.toString());
  }

  const pageDict = page.node.clone(ctx);
  const oldAnnots = page.node.Annots();
  pageDict.set(PDFName.of('Annots'), ctx.obj([...(oldAnnots ? oldAnnots.asArray() : []), widgetRef]));
  objects.set(page.ref, pageDict.toString());

  const r = opts.appearance?.rect;
  const widget = ctx.obj({
    Type: 'Annot', Subtype: 'Widget', FT: 'Sig', F: 132, Rect: r ? [r.x, r.y, r.x + r.width, r.y + r.height] : [0, 0, 0, 0],
    T: PDFString.of(`Signature${n}`), V: sigRef, P: page.ref,
  });
  if (appearanceRef) widget.set(PDFName.of('AP'), ctx.obj({ N: appearanceRef }));
  objects.set(widgetRef, widget.toString());

  const text = (s: string) => PDFHexString.fromText(s).toString();
  const hexPlaceholder = `<${'0'.repeat(opts.signatureLength * 2)}>`;
  const sigHead = '<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n' + BYTE_RANGE_PLACEHOLDER + '\n/Contents ';
  const sigTail = `\n/M (${pdfDate(meta.signingTime)})\n/Name ${text(meta.name)}\n/Reason ${text(meta.reason)}\n` +
    `/Location ${text(meta.location)}\n` + (meta.contactInfo ? `/ContactInfo ${text(meta.contactInfo)}\n` : '') + '>>';
  objects.set(sigRef, sigHead + hexPlaceholder + sigTail);

  // Serialise the new revision.
  const base = input[input.length - 1] === 0x0a ? input : Buffer.concat([input, Buffer.from('\n')]);
  const parts: Buffer[] = [];
  let length = base.length;
  const push = (b: Buffer) => { parts.push(b); length += b.length; };
  const offsets: Array<{ ref: PDFRef; offset: number }> = [];
  let sigObjectOffset = 0;
  for (const [ref, obj] of objects) {
    offsets.push({ ref, offset: length });
    if (ref === sigRef) sigObjectOffset = length;
    push(Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1'));
    push(typeof obj === 'string' ? Buffer.from(obj, 'latin1') : Buffer.from(obj));
    push(Buffer.from('\nendobj\n', 'latin1'));
  }
  const xrefOffset = length;
  offsets.sort((a, b) => a.ref.objectNumber - b.ref.objectNumber);
  let xref = 'xref\n';
  for (let i = 0; i < offsets.length;) {
    let j = i;
    while (j + 1 < offsets.length && offsets[j + 1]!.ref.objectNumber === offsets[j]!.ref.objectNumber + 1) j++;
    xref += `${offsets[i]!.ref.objectNumber} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const e = offsets[k]!;
      xref += `${String(e.offset).padStart(10, '0')} ${String(e.ref.generationNumber).padStart(5, '0')} n\r\n`;
    }
    i = j + 1;
  }
  const trailer: Array<[string, PDFObject | string | undefined]> = [
    ['Size', String(Math.max(next, ctx.largestObjectNumber + 1))], ['Root', rootRef],
    ['Info', ctx.trailerInfo.Info], ['ID', ctx.trailerInfo.ID], ['Prev', String(lastStartXref(input))],
  ];
  xref += 'trailer\n<<\n' + trailer.filter(([, v]) => v !== undefined).map(([k, v]) => `/${k} ${String(v)}`).join('\n') +
    `\n>>\nstartxref\n${xrefOffset}\n%%EOF\n`;

  const pdf = Buffer.concat([base, ...parts, Buffer.from(xref, 'latin1')]);
  const byteRangeAt = sigObjectOffset + pdf.subarray(sigObjectOffset).indexOf(BYTE_RANGE_PLACEHOLDER);
  const contentsStart = sigObjectOffset + pdf.subarray(sigObjectOffset).indexOf(hexPlaceholder);
  return { pdf, contentsStart, contentsEnd: contentsStart + hexPlaceholder.length, byteRangeAt };
}

/**
 * Signs `pdf` with `signer` (PAdES, ETSI.CAdES.detached, /M = signingTime)
 * as an incremental update. Already-signed PDFs get an additional signature;
 * earlier ones remain intact.
 */
export async function signPdf(pdf: Uint8Array, signer: Signer, meta: SignatureMeta, options: SignPdfOptions = {}): Promise<Uint8Array> {
  const signatureLength = options.signatureLength ?? 16384;
  const prep = await addIncrementalPlaceholder(Buffer.from(pdf), meta, { signatureLength, pageIndex: options.pageIndex ?? 0, appearance: options.appearance });
  const { pdf: out, contentsStart, contentsEnd, byteRangeAt } = prep;
  const range = [0, contentsStart, contentsEnd, out.length - contentsEnd];
  const br = `/ByteRange [${range.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  if (br.length > BYTE_RANGE_PLACEHOLDER.length) throw new Error('ByteRange does not fit its placeholder');
  out.write(br, byteRangeAt, 'latin1');

  const digest = createHash('sha256').update(out.subarray(0, contentsStart)).update(out.subarray(contentsEnd)).digest();
  const cms = await buildCadesSignedData(new Uint8Array(digest), signer, options);
  const hex = Buffer.from(cms).toString('hex');
  if (hex.length > contentsEnd - contentsStart - 2) {
    throw new Error(`CMS (${cms.length} bytes) is larger than the reserved signatureLength (${signatureLength})`);
  }
  out.write(hex, contentsStart + 1, 'latin1');
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
