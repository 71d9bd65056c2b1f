import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestCa, exportPkcs12, issueCertificate, pkcs12Signer, signPdf, verifyPdfSignatures,
  type IssuedCertificate, type Signer, type TestCa,
} from '../../src/signing/index.js';
import { extractSignatures, opensslVerify, run, signingFixture } from './helpers.js';

let dir: string;
let ca: TestCa;
let caPem: string;
let nss: string;
let pdf: Uint8Array;
let leaves: Record<'RSA' | 'ECDSA', IssuedCertificate>;
let org: IssuedCertificate;

// Whole seconds (PDF /M precision); after the certificates' notBefore (now − 1 h).
const SIGNING_TIME = new Date(Math.floor(Date.now() / 1000) * 1000);

/** Offset of the binary-comment byte on the PDF's 2nd line: inside the first signed range, harmless to parsers. */
function tamperOffset(pdf: Uint8Array): number {
  const at = Buffer.from(pdf).indexOf('\n') + 2;
  expect(pdf[at]).toBeGreaterThanOrEqual(0x80);
  return at;
}

const meta = (name: string) => ({
  reason: 'Phê duyệt kết quả giải quyết TTHC', location: 'Xã Tứ Mỹ', name,
  contactInfo: 'vanthu@tumy.example.vn', signingTime: SIGNING_TIME,
});

async function signerFor(id: IssuedCertificate): Promise<Signer> {
  return pkcs12Signer(exportPkcs12(id, 'mật-khẩu'), 'mật-khẩu');
}

beforeAll(async () => {
  ({ dir, ca, caPem, nss, pdf, leaves } = await signingFixture());
  org = await issueCertificate(ca, { kind: 'organisation', commonName: 'Ủy ban nhân dân xã Tứ Mỹ', keyAlgorithm: 'ECDSA' });
}, 60_000);

describe.each(['RSA', 'ECDSA'] as const)('single %s signature', (alg) => {
  let signed: Uint8Array;
  let file: string;
  beforeAll(async () => {
    const signer = await signerFor(leaves[alg]);
    const t0 = performance.now();
    signed = await signPdf(pdf, signer, meta('Hoàng Văn Lãnh Đạo'));
    console.log(`${alg} signPdf: ${(performance.now() - t0).toFixed(1)} ms`);
    file = join(dir, `${alg}.pdf`);
    writeFileSync(file, signed);
  });

  it('keeps the original bytes as a prefix (incremental update)', () => {
    expect(Buffer.from(signed.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
  });

  it('our verifier: intact, valid, trusted, whole document', async () => {
    const [r, ...rest] = await verifyPdfSignatures(signed, [ca.certificateDer]);
    expect(rest).toHaveLength(0);
    expect(r).toMatchObject({
      field: 'Signature1', signerName: 'Hoàng Văn Lãnh Đạo', organisation: 'Ủy ban nhân dân xã Tứ Mỹ',
      intact: true, signatureValid: true, chainTrusted: true, coversWholeDocument: true, subFilter: 'ETSI.CAdES.detached',
    });
    expect(r?.signingTime?.getTime()).toBe(SIGNING_TIME.getTime());
  });

  it('pdfsig: valid, total document, trusted', () => {
    const { out } = run('pdfsig', ['-nssdir', nss, file]);
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Certificate is Trusted');
    expect(out).toContain('ETSI.CAdES.detached');
    expect(out).toContain('Hoàng Văn Lãnh Đạo');
  });

  it('openssl cms -verify succeeds; attributes as specified', () => {
    const [sig] = extractSignatures(signed);
    const v = opensslVerify(dir, `${alg}-ok`, sig!, caPem);
    expect(v.out).toContain('Verification successful');
    expect(v.code).toBe(0);
    const p = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', join(dir, `${alg}-ok.p7s`)]);
    expect(p.code).toBe(0);
    expect(p.out).toMatch(/signingCertificateV2/);
    expect(p.out).toMatch(/messageDigest/);
    expect(p.out).not.toMatch(/signingTime/);
    expect(p.out).toContain(alg === 'RSA' ? 'sha256WithRSAEncryption' : 'ecdsa-with-SHA256');
    const certs = run('openssl', ['pkcs7', '-inform', 'DER', '-in', join(dir, `${alg}-ok.p7s`), '-print_certs', '-noout']);
    expect(certs.out.match(/subject=/g)).toHaveLength(2); // leaf + CA
  });

  it('a flipped byte inside the signed range is detected by all three verifiers', async () => {
    const bad = Buffer.from(signed);
    const at = tamperOffset(bad);
    expect(at).toBeLessThan(extractSignatures(signed)[0]!.byteRange[1]!);
    bad.writeUInt8(bad.readUInt8(at) ^ 0x01, at);
    const badFile = join(dir, `${alg}-bad.pdf`);
    writeFileSync(badFile, bad);
    const [r] = await verifyPdfSignatures(bad, [ca.certificateDer]);
    expect(r?.intact).toBe(false);
    expect(r?.signatureValid).toBe(true); // signedAttrs untouched; only the digest mismatches
    const { out } = run('pdfsig', ['-nssdir', nss, badFile]);
    expect(out).toContain('Signature #1');
    expect(out).not.toContain('Signature is Valid');
    const v = opensslVerify(dir, `${alg}-bad`, extractSignatures(bad)[0]!, caPem);
    expect(v.code).not.toBe(0);
    expect(v.out).not.toContain('Verification successful');
  });

  it('a root that is not trusted gives chainTrusted=false', async () => {
    const other = await createTestCa({ commonName: 'Other TEST CA' });
    const [r] = await verifyPdfSignatures(signed, [other.certificateDer]);
    expect(r).toMatchObject({ intact: true, signatureValid: true, chainTrusted: false });
    const [none] = await verifyPdfSignatures(signed, []);
    expect(none?.chainTrusted).toBe(false);
  });
});

describe('two signatures: personal (RSA) then organisation (ECDSA)', () => {
  let once: Uint8Array;
  let twice: Uint8Array;
  let file: string;
  beforeAll(async () => {
    once = await signPdf(pdf, await signerFor(leaves.RSA), meta('Hoàng Văn Lãnh Đạo'));
    twice = await signPdf(once, await signerFor(org), { ...meta('Ủy ban nhân dân xã Tứ Mỹ'), reason: 'Đóng dấu cơ quan' });
    file = join(dir, 'two.pdf');
    writeFileSync(file, twice);
  });

  it('appends without touching the first revision', () => {
    expect(Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).toBe(true);
  });

  it('our verifier: both intact, valid, trusted', async () => {
    const rs = await verifyPdfSignatures(twice, [ca.certificateDer]);
    expect(rs).toHaveLength(2);
    expect(rs[0]).toMatchObject({ field: 'Signature1', signerName: 'Hoàng Văn Lãnh Đạo', intact: true, signatureValid: true, chainTrusted: true, coversWholeDocument: true });
    expect(rs[1]).toMatchObject({ field: 'Signature2', signerName: 'Ủy ban nhân dân xã Tứ Mỹ', organisation: 'Ủy ban nhân dân xã Tứ Mỹ', intact: true, signatureValid: true, chainTrusted: true, coversWholeDocument: true });
  });

  it('pdfsig: both valid and trusted, second covers the whole document', () => {
    const { out } = run('pdfsig', ['-nssdir', nss, file]);
    expect(out.match(/Signature is Valid/g)).toHaveLength(2);
    expect(out.match(/Certificate is Trusted/g)).toHaveLength(2);
    expect(out).toContain('Not total document signed'); // the first one, as expected
    expect(out.indexOf('Total document signed')).toBeGreaterThan(out.indexOf('Signature #2'));
  });

  it('openssl verifies both CMS objects', () => {
    const sigs = extractSignatures(twice);
    expect(sigs).toHaveLength(2);
    sigs.forEach((s, i) => expect(opensslVerify(dir, `two-${i}`, s, caPem).code).toBe(0));
  });

  it('a later appended unsigned change makes the last signature not cover the document', async () => {
    const extra = Buffer.concat([Buffer.from(twice), Buffer.from('\n% appended garbage\n')]);
    const rs = await verifyPdfSignatures(extra, [ca.certificateDer]);
    expect(rs.map((r) => r.coversWholeDocument)).toEqual([false, false]);
    expect(rs.every((r) => r.intact && r.signatureValid)).toBe(true);
  });

  it('tampering in the first revision breaks both signatures', async () => {
    const bad = Buffer.from(twice);
    const at = tamperOffset(bad);
    bad.writeUInt8(bad.readUInt8(at) ^ 0x01, at);
    const rs = await verifyPdfSignatures(bad, [ca.certificateDer]);
    expect(rs.map((r) => r.intact)).toEqual([false, false]);
  });
});
