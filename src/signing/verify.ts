/**
 * Independent verifier for PDF signatures (ours and third parties'):
 * ByteRange/Contents structure, CMS messageDigest, signature over the
 * signedAttrs, ESS signingCertificateV2 binding, chain to trusted roots,
 * and the RFC 3161 signature time-stamp (PAdES B-T) when there is one.
 * Not covered: revocation (OCSP/CRL), document time-stamps (/DocTimeStamp,
 * PAdES B-LTA), DocMDP/diff analysis of later revisions.
 */
import { X509Certificate, createHash, verify as cryptoVerify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { OIDS } from './cms.js';
import { ensurePkijsEngine, toArrayBuffer } from './engine.js';
import { checkTimeStampTokenSignature, imprintDigestName, parseTimeStampToken, tsaDisplayName, type ParsedTimeStampToken } from './timestamp.js';

/** The RFC 3161 token in the signer's unsigned attribute id-aa-signatureTimeStampToken. */
export interface TimestampReport {
  /** genTime of the token: the signature existed no later than this. */
  time: Date;
  /**
   * The token's messageImprint is the hash of this signature value, its
   * own signature (with the ESS signing-certificate binding) verifies, and
   * the TSA certificate is a time-stamping certificate.
   */
  valid: boolean;
  /** The TSA certificate chains to the trusted roots (checked at genTime). */
  chainTrusted: boolean;
  /** CN of the TSA certificate (or of the token's tsa name). */
  tsaName: string | null;
  /** TSA policy OID of the token. */
  policy: string;
  /** Human-readable reasons for any false flag. */
  problems: string[];
}

export interface PdfSignatureReport {
  field: string;
  signerName: string;
  organisation: string | null;
  signingTime: Date | null;
  /** The CMS messageDigest matches the hash of the signed byte ranges. */
  intact: boolean;
  /** ByteRange ends at EOF, or everything appended later is covered by later whole-document signatures. */
  coversWholeDocument: boolean;
  signatureValid: boolean;
  chainTrusted: boolean;
  subFilter: string;
  /** Human-readable reasons for any false flag. */
  problems: string[];
  /**
   * RFC 3161 signature time-stamp (PAdES B-T), or null when the signature
   * has none (or it cannot be parsed at all: then `problems` says so).
   */
  timestamp: TimestampReport | null;
}

const HASHES: Record<string, string> = {
  [OIDS.sha256]: 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Parses a PDF date (D:YYYYMMDDHHmmSSOHH'mm'). */
export function parsePdfDate(s: string): Date | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(s.trim());
  if (!m) return null;
  const n = (i: number, d: number) => (m[i] ? Number(m[i]) : d);
  let t = Date.UTC(n(1, 0), n(2, 1) - 1, n(3, 1), n(4, 0), n(5, 0), n(6, 0));
  if (m[7] === '+' || m[7] === '-') t -= (m[7] === '+' ? 1 : -1) * (n(8, 0) * 60 + n(9, 0)) * 60_000;
  return new Date(t);
}

function derLength(b: Uint8Array): number {
  const l0 = b[1] ?? 0;
  if (l0 < 0x80) return 2 + l0;
  const k = l0 & 0x7f;
  let len = 0;
  for (let i = 0; i < k; i++) len = len * 256 + (b[2 + i] ?? 0);
  return 2 + k + len;
}

function nameAttr(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
  const tv = name.typesAndValues.find((t) => t.type === oid);
  return tv ? String(tv.value.valueBlock.value) : null;
}

function certDer(c: pkijs.Certificate): Uint8Array {
  return new Uint8Array(c.toSchema().toBER(false));
}

interface SigDictInfo { field: string; subFilter: string; signingTime: Date | null }

function pdfText(o: unknown): string | null {
  return o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : null;
}

async function readSigDicts(pdf: Uint8Array): Promise<Map<number, SigDictInfo>> {
  const map = new Map<number, SigDictInfo>();
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
  } catch {
    return map;
  }
  const fields = new Map<number, string>();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    const v = obj.get(PDFName.of('V'));
    const t = pdfText(obj.get(PDFName.of('T')));
    if (v instanceof PDFRef && t !== null) fields.set(v.objectNumber, t);
  }
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || !obj.get(PDFName.of('ByteRange'))) continue;
    const sf = obj.get(PDFName.of('SubFilter'));
    const m = pdfText(obj.get(PDFName.of('M')));
    map.set(ref.objectNumber, {
      field: fields.get(ref.objectNumber) ?? `(object ${ref.objectNumber})`,
      subFilter: sf instanceof PDFName ? sf.decodeText() : '',
      signingTime: m ? parsePdfDate(m) : null,
    });
  }
  return map;
}

/** Path validation of `leaf` to one of `roots` at `when`; the reason when it fails. */
async function validateChain(leaf: pkijs.Certificate, pool: pkijs.Certificate[], roots: pkijs.Certificate[], when: Date): Promise<{ ok: boolean; message: string }> {
  const others = pool.filter((c) => c !== leaf);
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: roots, certs: [...others, leaf], checkDate: when });
  const r = await engine.verify();
  return { ok: r.result, message: r.resultMessage };
}

async function checkTimestamp(si: pkijs.SignerInfo, cmsCerts: pkijs.Certificate[], roots: pkijs.Certificate[], outer: string[]): Promise<TimestampReport | null> {
  const attr = si.unsignedAttrs?.attributes.find((a) => a.type === OIDS.signatureTimeStampToken);
  if (!attr) return null;
  let t: ParsedTimeStampToken;
  try {
    t = parseTimeStampToken(attr.values[0]);
  } catch (e) {
    outer.push(`unreadable signature time-stamp token: ${(e as Error).message}`);
    return null;
  }
  const problems: string[] = [];
  const mi = t.tstInfo.messageImprint;
  const hashName = imprintDigestName(mi.hashAlgorithm.algorithmId);
  const imprintOk = !!hashName && Buffer.from(mi.hashedMessage.valueBlock.valueHexView)
    .equals(createHash(hashName).update(si.signature.valueBlock.valueHexView).digest());
  if (!hashName) problems.push(`unsupported messageImprint hash ${mi.hashAlgorithm.algorithmId}`);
  else if (!imprintOk) problems.push('messageImprint does not match this signature value');
  const sigProblems = checkTimeStampTokenSignature(t);
  problems.push(...sigProblems);
  let chainTrusted = false;
  if (!t.signerCertificate) { /* reported by checkTimeStampTokenSignature */ }
  else if (roots.length === 0) problems.push('no trusted roots given');
  else {
    const r = await validateChain(t.signerCertificate, [...t.certificates, ...cmsCerts], roots, t.tstInfo.genTime);
    chainTrusted = r.ok;
    if (!r.ok) problems.push(`TSA chain: ${r.message}`);
  }
  return {
    time: t.tstInfo.genTime, valid: imprintOk && sigProblems.length === 0, chainTrusted,
    tsaName: tsaDisplayName(t), policy: t.tstInfo.policy, problems,
  };
}

async function checkCms(cmsDer: Uint8Array, data: Buffer[], roots: pkijs.Certificate[], signingTime: Date | null, problems: string[]) {
  const out = {
    intact: false, signatureValid: false, chainTrusted: false, signerName: '', organisation: null as string | null,
    timestamp: null as TimestampReport | null,
  };
  const ci = pkijs.ContentInfo.fromBER(toArrayBuffer(cmsDer));
  if (ci.contentType !== OIDS.signedData) throw new Error('Contents is not a CMS SignedData');
  const sd = new pkijs.SignedData({ schema: ci.content });
  const si = sd.signerInfos[0];
  if (!si || sd.signerInfos.length !== 1) throw new Error('Expected exactly one SignerInfo');
  const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  out.timestamp = await checkTimestamp(si, certs, roots, problems);
  const sid = si.sid;
  const leaf = sid instanceof pkijs.IssuerAndSerialNumber
    ? certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber))
    : undefined;
  if (!leaf) { problems.push('signer certificate not found in the CMS'); return out; }
  out.signerName = nameAttr(leaf.subject, '2.5.4.3') ?? '';
  out.organisation = nameAttr(leaf.subject, '2.5.4.10');

  const hashName = HASHES[si.digestAlgorithm.algorithmId];
  const attrs = si.signedAttrs;
  if (!hashName) problems.push(`unsupported digest ${si.digestAlgorithm.algorithmId}`);
  else if (!attrs) problems.push('no signed attributes (not CAdES)');
  else {
    const h = createHash(hashName);
    for (const d of data) h.update(d);
    const digest = h.digest();
    const md = attrs.attributes.find((a) => a.type === OIDS.messageDigest)?.values[0];
    out.intact = md instanceof asn1js.OctetString && Buffer.from(md.valueBlock.valueHexView).equals(digest);
    if (!out.intact) problems.push('messageDigest does not match the signed byte ranges');

    const leafDer = certDer(leaf);
    const signed = new Uint8Array(attrs.encodedValue.slice(0));
    signed[0] = 0x31;
    try {
      out.signatureValid = cryptoVerify(hashName, signed, new X509Certificate(leafDer).publicKey, si.signature.valueBlock.valueHexView);
    } catch (e) { problems.push(`signature check error: ${(e as Error).message}`); }
    if (!out.signatureValid) problems.push('signature over signedAttrs is invalid');
    const scv2 = attrs.attributes.find((a) => a.type === OIDS.signingCertificateV2)?.values[0];
    if (scv2 instanceof asn1js.Sequence) {
      const first = (scv2.valueBlock.value[0] as asn1js.Sequence | undefined)?.valueBlock.value[0] as asn1js.Sequence | undefined;
      const items = first?.valueBlock.value ?? [];
      const hashOid = items[0] instanceof asn1js.Sequence ? String((items[0].valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString()) : OIDS.sha256;
      const hashVal = items.find((x): x is asn1js.OctetString => x instanceof asn1js.OctetString);
      const alg = HASHES[hashOid];
      if (!alg || !hashVal || !Buffer.from(hashVal.valueBlock.valueHexView).equals(createHash(alg).update(leafDer).digest())) {
        out.signatureValid = false;
        problems.push('signingCertificateV2 does not match the signer certificate');
      }
    }
  }

  if (roots.length === 0) problems.push('no trusted roots given');
  else {
    const r = await validateChain(leaf, certs, roots, signingTime ?? new Date());
    out.chainTrusted = r.ok;
    if (!r.ok) problems.push(`chain: ${r.message}`);
  }
  return out;
}

/** Verifies every signature in `pdf` against `trustedRootsDer`. */
export async function verifyPdfSignatures(pdf: Uint8Array, trustedRootsDer: Uint8Array[]): Promise<PdfSignatureReport[]> {
  ensurePkijsEngine();
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const text = buf.toString('latin1');
  const roots = trustedRootsDer.map((d) => pkijs.Certificate.fromBER(toArrayBuffer(d)));
  const dicts = await readSigDicts(pdf);
  const reports: Array<PdfSignatureReport & { end: number }> = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const [a, b, c, d] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    const key = `${a} ${b} ${c} ${d}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // (?<!\d): a match starts where a run of digits starts (same matches). Without it a long run of digits, such as
    // the zero padding of a signature's /Contents, made the search quadratic: over a second per signature.
    const objHead = [...text.slice(Math.max(0, (m.index ?? 0) - 200_000), m.index).matchAll(/(?<!\d)(\d+)\s+\d+\s+obj\b/g)].pop();
    const info = dicts.get(Number(objHead?.[1] ?? -1));
    const problems: string[] = [];
    const r: PdfSignatureReport & { end: number } = {
      field: info?.field ?? '(unknown)', signerName: '', organisation: null, signingTime: info?.signingTime ?? null,
      intact: false, coversWholeDocument: false, signatureValid: false, chainTrusted: false,
      subFilter: info?.subFilter ?? '', problems, timestamp: null, end: c + d,
    };
    reports.push(r);
    if (a !== 0 || b >= c || c + d > buf.length || buf[b] !== 0x3c || buf[c - 1] !== 0x3e) {
      problems.push('malformed ByteRange');
      continue;
    }
    try {
      const cms = Buffer.from(text.slice(b + 1, c - 1).replace(/\s+/g, ''), 'hex');
      const res = await checkCms(new Uint8Array(cms.subarray(0, derLength(cms))), [buf.subarray(a, b), buf.subarray(c, c + d)], roots, r.signingTime, problems);
      Object.assign(r, res);
    } catch (e) {
      problems.push(`CMS error: ${(e as Error).message}`);
    }
  }
  // Whole-document coverage, latest revision first.
  const byEnd = [...reports].sort((x, y) => y.end - x.end);
  for (const r of byEnd) {
    r.coversWholeDocument = r.end === buf.length ||
      byEnd.some((o) => o.end > r.end && o.coversWholeDocument && o.intact && o.signatureValid);
  }
  return reports.map(({ end: _end, ...rest }) => rest);
}
