import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PageSizes, StandardFonts } from 'pdf-lib';
import { createTestCa, issueCertificate, type IssuedCertificate, type TestCa } from '../../src/signing/index.js';

export function tempDir(prefix = 'xaso-sign-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function makePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage(PageSizes.A4).drawText('Quyet dinh so 01/QD-UBND', { x: 72, y: 760, size: 14, font });
  doc.setProducer('pdf-lib test producer');
  return doc.save({ useObjectStreams: false });
}

export function run(cmd: string, args: string[]): { code: number; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { code: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

export function makeNssDb(dir: string, caPemPath: string): string {
  const db = join(dir, 'nss');
  run('mkdir', ['-p', db]);
  const a = run('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
  if (a.code !== 0) throw new Error(a.out);
  const b = run('certutil', ['-A', '-d', `sql:${db}`, '-n', 'ca', '-t', 'CT,C,C', '-i', caPemPath]);
  if (b.code !== 0) throw new Error(b.out);
  return db;
}

/** All signatures' (ranges, CMS DER) from a PDF, in file order. */
export function extractSignatures(pdf: Uint8Array): Array<{ ranges: Buffer; cms: Buffer; byteRange: number[] }> {
  const buf = Buffer.from(pdf);
  const text = buf.toString('latin1');
  const out: Array<{ ranges: Buffer; cms: Buffer; byteRange: number[] }> = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const [a, b, c, d] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    const hex = Buffer.from(text.slice(b + 1, c - 1), 'hex');
    const l0 = hex[1] ?? 0;
    const k = l0 & 0x7f;
    let len = l0;
    if (l0 >= 0x80) { len = 0; for (let i = 0; i < k; i++) len = len * 256 + (hex[2 + i] ?? 0); }
    const total = l0 >= 0x80 ? 2 + k + len : 2 + len;
    out.push({ ranges: Buffer.concat([buf.subarray(a, a + b), buf.subarray(c, c + d)]), cms: hex.subarray(0, total), byteRange: [a, b, c, d] });
  }
  return out;
}

export function opensslVerify(dir: string, name: string, sig: { ranges: Buffer; cms: Buffer }, caPem: string): { code: number; out: string } {
  const p7s = join(dir, `${name}.p7s`);
  const bin = join(dir, `${name}.bin`);
  writeFileSync(p7s, sig.cms);
  writeFileSync(bin, sig.ranges);
  return run('openssl', ['cms', '-verify', '-inform', 'DER', '-in', p7s, '-content', bin, '-binary', '-CAfile', caPem, '-purpose', 'any', '-out', '/dev/null']);
}

export interface SigningFixture {
  dir: string;
  ca: TestCa;
  caPem: string;
  /** NSS database trusting the test CA (for pdfsig). */
  nss: string;
  pdf: Uint8Array;
  /** A leader's personal certificate per key algorithm. */
  leaves: Record<'RSA' | 'ECDSA', IssuedCertificate>;
}

/** A temp folder with a TEST CA (also as PEM and in an NSS database), a small PDF and RSA and ECDSA leader certificates. */
export async function signingFixture(prefix?: string): Promise<SigningFixture> {
  const dir = tempDir(prefix);
  const ca = await createTestCa();
  const caPem = join(dir, 'ca.pem');
  writeFileSync(caPem, ca.certificatePem);
  const leaves = {} as SigningFixture['leaves'];
  for (const alg of ['RSA', 'ECDSA'] as const) {
    leaves[alg] = await issueCertificate(ca, { kind: 'personal', commonName: 'Hoàng Văn Lãnh Đạo', organisation: 'Ủy ban nhân dân xã Tứ Mỹ', keyAlgorithm: alg });
  }
  return { dir, ca, caPem, nss: makeNssDb(dir, caPem), pdf: await makePdf(), leaves };
}
