import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  OIDS, TEST_TSA_COMMON_NAME, TEST_TSA_POLICY, TsaError, createTestCa, exportPkcs12, issueCertificate, pkcs12Signer,
  requestTimeStampToken, signPdf, startTestTsa, tsaTimestamper, verifyPdfSignatures,
  type IssuedCertificate, type Signer, type TestCa, type TestTsa,
} from '../../src/signing/index.js';
import { toArrayBuffer } from '../../src/signing/engine.js';
import { extractSignatures, opensslVerify, run, signingFixture } from './helpers.js';

let dir: string;
let ca: TestCa;
let caPem: string;
let tsaPem: string;
let nss: string;
let pdf: Uint8Array;
let tsa: TestTsa;
let leaves: Record<'RSA' | 'ECDSA', IssuedCertificate>;
const servers: Server[] = [];

const SIGNING_TIME = new Date(Math.floor(Date.now() / 1000) * 1000);
const meta = {
  reason: 'Phê duyệt kết quả giải quyết TTHC', location: 'Xã Tứ Mỹ', name: 'Hoàng Văn Lãnh Đạo', signingTime: SIGNING_TIME,
};

async function signerFor(id: IssuedCertificate): Promise<Signer> {
  return pkcs12Signer(exportPkcs12(id, 'mật-khẩu'), 'mật-khẩu');
}

/** The signer's signature value and the DER of its signatureTimeStampToken, read back with pkijs. */
function tokenOf(cms: Uint8Array): { signature: Buffer; token: Buffer | null } {
  const ci = pkijs.ContentInfo.fromBER(toArrayBuffer(cms));
  const si = new pkijs.SignedData({ schema: ci.content }).signerInfos[0]!;
  const attr = si.unsignedAttrs?.attributes.find((a) => a.type === OIDS.signatureTimeStampToken);
  return {
    signature: Buffer.from(si.signature.valueBlock.valueHexView),
    token: attr ? Buffer.from((attr.values[0] as asn1js.BaseBlock).toBER(false)) : null,
  };
}

/** A throw-away HTTP server on 127.0.0.1 (closed in afterAll). */
async function tinyServer(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

function closeServer(s: Server): Promise<void> {
  return new Promise((resolve) => { s.close(() => resolve()); s.closeAllConnections(); });
}

async function postToTsa(url: string, body: Uint8Array, contentType = 'application/timestamp-query'): Promise<pkijs.TimeStampResp> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body: toArrayBuffer(body) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/timestamp-reply');
  return pkijs.TimeStampResp.fromBER(await res.arrayBuffer());
}

function failBits(resp: pkijs.TimeStampResp): number[] {
  const fi = resp.status.failInfo;
  if (!fi) return [];
  const bytes = fi.valueBlock.valueHexView;
  const out: number[] = [];
  for (let i = 0; i < bytes.length * 8 - fi.valueBlock.unusedBits; i++) if (((bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1) out.push(i);
  return out;
}

beforeAll(async () => {
  ({ dir, ca, caPem, nss, pdf, leaves } = await signingFixture('xaso-tsa-'));
  tsa = await startTestTsa({ ca });
  tsaPem = join(dir, 'tsa.pem');
  writeFileSync(tsaPem, tsa.certificate.certificatePem);
}, 60_000);

afterAll(async () => {
  await tsa?.close();
  await Promise.all(servers.map(closeServer));
});

describe.each(['RSA', 'ECDSA'] as const)('%s signature with an RFC 3161 time-stamp (PAdES B-T)', (alg) => {
  let signed: Uint8Array;
  let file: string;
  let before: number;
  let after: number;
  let sig: { signature: Buffer; token: Buffer | null };
  let cmsLength: number;
  beforeAll(async () => {
    before = Date.now();
    signed = await signPdf(pdf, await signerFor(leaves[alg]), meta, { unsignedAttributes: tsaTimestamper(tsa.url) });
    after = Date.now();
    file = join(dir, `${alg}-t.pdf`);
    writeFileSync(file, signed);
    const [s] = extractSignatures(signed);
    cmsLength = s!.cms.length;
    sig = tokenOf(s!.cms);
    writeFileSync(join(dir, `${alg}-sig.bin`), sig.signature);
    if (sig.token) writeFileSync(join(dir, `${alg}-token.der`), sig.token);
  });

  it('embeds one signatureTimeStampToken and fits the default 16384-byte reservation', () => {
    expect(sig.token).not.toBeNull();
    console.log(`${alg} CMS with time-stamp: ${cmsLength} bytes`);
    expect(cmsLength).toBeLessThan(16384);
  });

  it('our verifier: signature as before, time-stamp valid, recent and trusted', async () => {
    const [r, ...rest] = await verifyPdfSignatures(signed, [ca.certificateDer]);
    expect(rest).toHaveLength(0);
    expect(r).toMatchObject({ intact: true, signatureValid: true, chainTrusted: true, coversWholeDocument: true, problems: [] });
    expect(r?.timestamp).toMatchObject({ valid: true, chainTrusted: true, tsaName: TEST_TSA_COMMON_NAME, policy: TEST_TSA_POLICY, problems: [] });
    const t = r!.timestamp!.time.getTime();
    expect(t).toBeGreaterThanOrEqual(before - 1000);
    expect(t).toBeLessThanOrEqual(after + 1000);
    expect(Math.abs(t - Date.now())).toBeLessThan(10_000);
  });

  it('our verifier: a TSA under an untrusted root is valid but not trusted', async () => {
    const other = await createTestCa({ commonName: 'Other TEST CA' });
    const [r] = await verifyPdfSignatures(signed, [other.certificateDer]);
    expect(r?.timestamp).toMatchObject({ valid: true, chainTrusted: false });
    expect(r?.timestamp?.problems.join(' ')).toMatch(/TSA chain/);
  });

  it('our verifier: a token altered inside /Contents (outside the signed ranges) is invalid', async () => {
    const hex = sig.token!.toString('hex');
    const bad = Buffer.from(signed);
    const at = bad.toString('latin1').indexOf(hex);
    expect(at).toBeGreaterThan(0);
    const last = at + hex.length - 2; // last byte of the token: its own signature value
    bad.write((Number.parseInt(bad.toString('latin1', last, last + 2), 16) ^ 0x01).toString(16).padStart(2, '0'), last, 'latin1');
    const [r] = await verifyPdfSignatures(bad, [ca.certificateDer]);
    expect(r).toMatchObject({ intact: true, signatureValid: true, chainTrusted: true });
    expect(r?.timestamp?.valid).toBe(false);
    expect(r?.timestamp?.problems).toContain('time-stamp token signature is invalid');
  });

  it('openssl ts -verify accepts the token over the signature value (-data and -digest)', () => {
    const token = join(dir, `${alg}-token.der`);
    const common = ['-in', token, '-token_in', '-CAfile', caPem, '-untrusted', tsaPem];
    const byData = run('openssl', ['ts', '-verify', ...common, '-data', join(dir, `${alg}-sig.bin`)]);
    expect(byData.out).toContain('Verification: OK');
    expect(byData.code).toBe(0);
    const digest = createHash('sha256').update(sig.signature).digest('hex');
    const byDigest = run('openssl', ['ts', '-verify', ...common, '-digest', digest]);
    expect(byDigest.out).toContain('Verification: OK');
    const text = run('openssl', ['ts', '-reply', '-in', token, '-token_in', '-token_out', '-text']);
    expect(text.out).toContain(TEST_TSA_POLICY);
    expect(text.out).toMatch(/Nonce: 0x[0-9A-F]+/);
    expect(text.out).toMatch(/Accuracy: 0x01 seconds/);
    // Another value must not verify.
    const wrong = run('openssl', ['ts', '-verify', ...common, '-digest', createHash('sha256').update('x').digest('hex')]);
    expect(wrong.code).not.toBe(0);
  });

  it('openssl cms -verify and pdfsig still accept the signature', () => {
    const [s] = extractSignatures(signed);
    const v = opensslVerify(dir, `${alg}-t`, s!, caPem);
    expect(v.out).toContain('Verification successful');
    const { out } = run('pdfsig', ['-nssdir', nss, file]);
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Certificate is Trusted');
    expect(out).toContain('Total document signed');
  });
});

describe('a token that belongs to another signature', () => {
  it('is reported as not matching by our verifier and by openssl', async () => {
    const foreign = await requestTimeStampToken(tsa.url, new TextEncoder().encode('some other signature value'));
    const signed = await signPdf(pdf, await signerFor(leaves.RSA), meta, {
      unsignedAttributes: async () => [new pkijs.Attribute({ type: OIDS.signatureTimeStampToken, values: [foreign.token] })],
    });
    const [r] = await verifyPdfSignatures(signed, [ca.certificateDer]);
    expect(r).toMatchObject({ intact: true, signatureValid: true, chainTrusted: true });
    expect(r?.timestamp).toMatchObject({ valid: false, chainTrusted: true });
    expect(r?.timestamp?.problems).toContain('messageImprint does not match this signature value');
    const { signature, token } = tokenOf(extractSignatures(signed)[0]!.cms);
    writeFileSync(join(dir, 'foreign-token.der'), token!);
    writeFileSync(join(dir, 'foreign-sig.bin'), signature);
    const v = run('openssl', ['ts', '-verify', '-in', join(dir, 'foreign-token.der'), '-token_in', '-data', join(dir, 'foreign-sig.bin'),
      '-CAfile', caPem, '-untrusted', tsaPem]);
    expect(v.code).not.toBe(0);
  });

  it('a signature without a time-stamp reports timestamp: null', async () => {
    const signed = await signPdf(pdf, await signerFor(leaves.ECDSA), meta);
    const [r] = await verifyPdfSignatures(signed, [ca.certificateDer]);
    expect(r).toMatchObject({ intact: true, signatureValid: true, chainTrusted: true, timestamp: null });
  });
});

describe('the TEST TSA', () => {
  it('answers malformed or unacceptable requests with status rejection (2) and a failInfo', async () => {
    const garbage = await postToTsa(tsa.url, new TextEncoder().encode('not DER'));
    expect(garbage.status.status).toBe(pkijs.PKIStatus.rejection);
    expect(failBits(garbage)).toEqual([5]); // badDataFormat
    expect(garbage.timeStampToken).toBeUndefined();

    const sha1 = new pkijs.TimeStampReq({
      version: 1, certReq: true,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '1.3.14.3.2.26' }),
        hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(createHash('sha1').update('x').digest()) }),
      }),
    });
    const badAlg = await postToTsa(tsa.url, new Uint8Array(sha1.toSchema().toBER(false)));
    expect(badAlg.status.status).toBe(pkijs.PKIStatus.rejection);
    expect(failBits(badAlg)).toEqual([0]); // badAlg

    const policy = new pkijs.TimeStampReq({
      version: 1, reqPolicy: '1.2.3.4',
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(createHash('sha256').update('x').digest()) }),
      }),
    });
    const unaccepted = await postToTsa(tsa.url, new Uint8Array(policy.toSchema().toBER(false)));
    expect(failBits(unaccepted)).toEqual([15]); // unacceptedPolicy
    const wrongType = await postToTsa(tsa.url, new Uint8Array(policy.toSchema().toBER(false)), 'application/octet-stream');
    expect(failBits(wrongType)).toEqual([2]); // badRequest

    expect((await fetch(tsa.url)).status).toBe(405);
  });

  it('omits certificates when certReq is false, and uses the given clock', async () => {
    const fixed = new Date('2025-03-04T05:06:07.250Z');
    const clocked = await startTestTsa({ ca, now: () => fixed, keyAlgorithm: 'ECDSA' });
    try {
      const req = new pkijs.TimeStampReq({
        version: 1,
        messageImprint: new pkijs.MessageImprint({
          hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 }),
          hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(createHash('sha256').update('x').digest()) }),
        }),
      });
      const resp = await postToTsa(clocked.url, new Uint8Array(req.toSchema().toBER(false)));
      expect(resp.status.status).toBe(pkijs.PKIStatus.granted);
      const sd = new pkijs.SignedData({ schema: resp.timeStampToken!.content });
      expect(sd.certificates).toBeUndefined();
      const tst = pkijs.TSTInfo.fromBER(sd.encapContentInfo.eContent!.getValue());
      expect(tst.genTime.getTime()).toBe(fixed.getTime());
      expect(tst.nonce).toBeUndefined();
      // The client, by contrast, always asks for the certificate and gets a token it can check.
      const ok = await requestTimeStampToken(clocked.url, new Uint8Array([1, 2, 3]));
      expect(ok.tstInfo.genTime.getTime()).toBe(fixed.getTime());
    } finally {
      await clocked.close();
    }
  });
});

describe('tsaTimestamper failures are clear errors', () => {
  const sign = (url: string, timeoutMs?: number) =>
    signerFor(leaves.RSA).then((s) => signPdf(pdf, s, meta, { unsignedAttributes: tsaTimestamper(url, { timeoutMs }) }));

  it('a TSA that stamps a different imprint', async () => {
    const bad = await startTestTsa({ ca, fault: 'wrong-imprint' });
    try {
      await expect(sign(bad.url)).rejects.toThrow(/không khớp với chữ ký \(TSA token message imprint does not match/);
    } finally {
      await bad.close();
    }
  });

  it('a TSA that echoes another nonce', async () => {
    const bad = await startTestTsa({ ca, fault: 'wrong-nonce' });
    try {
      await expect(sign(bad.url)).rejects.toThrow(/nonce does not match/);
    } finally {
      await bad.close();
    }
  });

  it('an unreachable TSA fails fast', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await closeServer(probe);
    const t0 = Date.now();
    const err = await sign(`http://127.0.0.1:${port}/`, 2000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TsaError);
    expect((err as Error).message).toMatch(/^Không kết nối được máy chủ cấp dấu thời gian .*ECONNREFUSED \(cannot reach the TSA\)$/);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('a TSA that never answers times out', async () => {
    const url = await tinyServer(() => { /* never respond */ });
    const t0 = Date.now();
    await expect(sign(url, 300)).rejects.toThrow(/Quá thời gian chờ .*\(300 ms\) \(TSA request timed out\)/);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('a server that is not a TSA (wrong content type, HTTP error)', async () => {
    const html = await tinyServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>'); });
    await expect(sign(html)).rejects.toThrow(/"text\/html".*\(unexpected TSA content type\)/);
    const err500 = await tinyServer((_req, res) => { res.writeHead(500).end(); });
    await expect(sign(err500)).rejects.toThrow(/HTTP 500 \(TSA HTTP error\)/);
    const junk = await tinyServer((_req, res) => { res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end('junk'); });
    await expect(sign(junk)).rejects.toThrow(/\(invalid TSA response\)/);
  });

  it('a TSA that rejects the request', async () => {
    const url = await tinyServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const resp = new pkijs.TimeStampResp({
          status: new pkijs.PKIStatusInfo({
            status: pkijs.PKIStatus.rejection,
            statusStrings: [new asn1js.Utf8String({ value: 'service suspended' })],
            failInfo: new asn1js.BitString({ valueHex: new Uint8Array([0x00, 0x00, 0x00, 0x40]).buffer, unusedBits: 6 }),
          }),
        });
        res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from(resp.toSchema().toBER(false)));
      });
    });
    await expect(sign(url)).rejects.toThrow(/từ chối yêu cầu: trạng thái 2, systemFailure, "service suspended" \(TSA rejected the request\)/);
  });

  it('an invalid URL is refused up front', () => {
    expect(() => tsaTimestamper('ftp://tsa.example/')).toThrow(/http hoặc https/);
    expect(() => tsaTimestamper('not a url')).toThrow(/không hợp lệ.*\(invalid TSA URL\)/);
  });
});

describe('config: XASO_TSA_URL', () => {
  it('is optional and must be a URL', () => {
    expect(loadConfig({}).tsaUrl).toBeUndefined();
    expect(loadConfig({ XASO_TSA_URL: 'http://tsa.example.vn/tsa' }).tsaUrl).toBe('http://tsa.example.vn/tsa');
    expect(() => loadConfig({ XASO_TSA_URL: 'nope' })).toThrow(/XASO_TSA_URL/);
  });
});
