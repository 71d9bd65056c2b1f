import { constants, createHash, createPrivateKey, privateEncrypt } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PageSizes } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCadesSignedData, createTestCa, exportEncryptedKeyPem, exportPkcs12, issueCertificate, pemSigner,
  pkcs12Signer, signPdf, toPem, verifyPdfSignatures, type IssuedCertificate, type Signer, type TestCa,
} from '../../src/signing/index.js';
import { makeNssDb, run, tempDir } from './helpers.js';

let dir: string;
let ca: TestCa;
let rsa: IssuedCertificate;
let ec: IssuedCertificate;
const meta = { reason: 'Thử', location: 'Tứ Mỹ', name: 'Test', signingTime: new Date() };

beforeAll(async () => {
  dir = tempDir();
  ca = await createTestCa({ keyAlgorithm: 'ECDSA' });
  writeFileSync(join(dir, 'ca.pem'), ca.certificatePem);
  rsa = await issueCertificate(ca, { kind: 'personal', commonName: 'Hoàng Văn Lãnh Đạo', organisation: 'Ủy ban nhân dân xã Tứ Mỹ', keyAlgorithm: 'RSA' });
  ec = await issueCertificate(ca, { kind: 'organisation', commonName: 'Ủy ban nhân dân xã Tứ Mỹ', keyAlgorithm: 'ECDSA' });
}, 60_000);

async function signedOk(signer: Signer): Promise<void> {
  const doc = await PDFDocument.create();
  doc.addPage(PageSizes.A4);
  const out = await signPdf(await doc.save(), signer, meta);
  const [r] = await verifyPdfSignatures(out, [ca.certificateDer]);
  expect(r).toMatchObject({ intact: true, signatureValid: true, chainTrusted: true });
}

describe('test CA', () => {
  it('CA and leaf certificates carry the required names and extensions', () => {
    writeFileSync(join(dir, 'rsa.pem'), rsa.certificatePem);
    const caText = run('openssl', ['x509', '-in', join(dir, 'ca.pem'), '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus']).out;
    expect(caText).toContain('CN=Xã Số TEST CA – KHÔNG DÙNG THẬT');
    expect(caText).toMatch(/CA:TRUE/);
    const leafText = run('openssl', ['x509', '-in', join(dir, 'rsa.pem'), '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus']).out;
    expect(leafText).toContain('C=VN,O=Ủy ban nhân dân xã Tứ Mỹ,CN=Hoàng Văn Lãnh Đạo');
    expect(leafText).toContain('Digital Signature, Non Repudiation');
    expect(leafText).toContain('E-mail Protection');
    expect(leafText).toContain('CA:FALSE');
    expect(leafText).toContain('Public-Key: (2048 bit)');
    expect(run('openssl', ['verify', '-CAfile', join(dir, 'ca.pem'), join(dir, 'rsa.pem')]).code).toBe(0);
  });
});

describe('PKCS#12 and PEM signers', () => {
  it.each(['rsa', 'ec'] as const)('our %s PKCS#12 is readable by OpenSSL 3 and by pkcs12Signer', async (k) => {
    const id = k === 'rsa' ? rsa : ec;
    const file = join(dir, `${k}.p12`);
    writeFileSync(file, exportPkcs12(id, 'mk'));
    const info = run('openssl', ['pkcs12', '-in', file, '-passin', 'pass:mk', '-nodes']);
    expect(info.code).toBe(0);
    expect(info.out).toContain('PRIVATE KEY');
    const signer = await pkcs12Signer(readFileSync(file), 'mk');
    const ident = await signer.identity();
    expect(ident.keyAlgorithm).toBe(k === 'rsa' ? 'RSA' : 'ECDSA');
    expect(ident.certificateChain).toHaveLength(2);
    expect(Buffer.from(ident.certificateChain[0]!).equals(Buffer.from(id.certificateDer))).toBe(true);
    await signedOk(signer);
  });

  it.each([['default (AES/PBKDF2)', []], ['legacy', ['-legacy']]] as const)('reads an EC + RSA PKCS#12 made by openssl CLI, %s', async (_n, extra) => {
    for (const id of [rsa, ec]) {
      const key = join(dir, 'k.pem'); const crt = join(dir, 'c.pem'); const p12 = join(dir, 'o.p12');
      writeFileSync(key, toPem('PRIVATE KEY', id.privateKeyPkcs8Der));
      writeFileSync(crt, id.certificatePem);
      const r = run('openssl', ['pkcs12', '-export', ...extra, '-inkey', key, '-in', crt, '-certfile', join(dir, 'ca.pem'), '-out', p12, '-passout', 'pass:mk']);
      if (r.code !== 0 && extra.length > 0) return; // legacy provider unavailable
      expect(r.code).toBe(0);
      await signedOk(await pkcs12Signer(readFileSync(p12), 'mk'));
    }
  });

  it('rejects a wrong passphrase with a clear error', async () => {
    await expect(pkcs12Signer(exportPkcs12(rsa, 'right'), 'wrong')).rejects.toThrow(/PKCS#12/);
  });

  it('pemSigner accepts encrypted PKCS#8 PEM + certificate PEMs (EC)', async () => {
    const keyPem = exportEncryptedKeyPem(ec, 'bí mật');
    expect(keyPem).toContain('ENCRYPTED PRIVATE KEY');
    await signedOk(await pemSigner([ca.certificatePem, ec.certificatePem], keyPem, 'bí mật'));
    await expect(pemSigner(ec.certificatePem, keyPem, 'sai')).rejects.toThrow();
  });

  it('a signer can be used many times', async () => {
    const s = await pkcs12Signer(exportPkcs12(ec, 'x'), 'x');
    await signedOk(s);
    await signedOk(s);
  });
});

describe('Signer interface for tokens / remote services', () => {
  it('a remote-style signer that only receives the SHA-256 hash works (RSA, provider does PKCS#1 v1.5 over DigestInfo)', async () => {
    const key = createPrivateKey({ key: Buffer.from(rsa.privateKeyPkcs8Der), format: 'der', type: 'pkcs8' });
    const sentHashes: string[] = [];
    const provider = (hashHex: string): Buffer => {
      const digestInfo = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), Buffer.from(hashHex, 'hex')]);
      return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo);
    };
    const remote: Signer = {
      identity: async () => ({ certificateChain: rsa.chainDer, keyAlgorithm: 'RSA', displayName: 'Hoàng Văn Lãnh Đạo' }),
      async signDigestInput(bytes) {
        const hashHex = createHash('sha256').update(bytes).digest('hex');
        sentHashes.push(hashHex); // data_to_be_signed sent to the provider
        return new Uint8Array(provider(hashHex));
      },
    };
    await signedOk(remote);
    expect(sentHashes).toHaveLength(1);
    expect(sentHashes[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('buildCadesSignedData refuses a signature that does not match the certificate', async () => {
    const liar: Signer = {
      identity: async () => ({ certificateChain: rsa.chainDer, keyAlgorithm: 'RSA', displayName: 'x' }),
      signDigestInput: async () => new Uint8Array(256),
    };
    await expect(buildCadesSignedData(new Uint8Array(32), liar)).rejects.toThrow(/does not verify/);
  });
});

describe('other PDF layouts', () => {
  it('signs twice a PDF saved with xref streams (pdf-lib default) — pdfsig accepts both', async () => {
    const doc = await PDFDocument.create();
    doc.addPage(PageSizes.A4);
    const once = await signPdf(await doc.save(), await pemSigner(rsa.chainDer.map((d) => toPem('CERTIFICATE', d)), toPem('PRIVATE KEY', rsa.privateKeyPkcs8Der)), meta);
    const twice = await signPdf(once, await pkcs12Signer(exportPkcs12(ec, 'x'), 'x'), meta);
    const rs = await verifyPdfSignatures(twice, [ca.certificateDer]);
    expect(rs.map((r) => [r.intact, r.signatureValid, r.chainTrusted, r.coversWholeDocument])).toEqual([[true, true, true, true], [true, true, true, true]]);
    const file = join(dir, 'xrefstream.pdf');
    writeFileSync(file, twice);
    const out = run('pdfsig', ['-nssdir', makeNssDb(dir, join(dir, 'ca.pem')), file]).out;
    expect(out.match(/Signature is Valid/g)).toHaveLength(2);
    expect(out.match(/Certificate is Trusted/g)).toHaveLength(2);
    const reloaded = await PDFDocument.load(twice);
    expect(reloaded.getPageCount()).toBe(1);
  });
});
