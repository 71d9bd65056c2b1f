/**
 * TEST time-stamp authority (RFC 3161 over HTTP) for tests and the demo.
 * NOT a real TSA: its certificate comes from the TEST CA, its key lives in
 * memory, its clock is whatever `now()` says, and it keeps no records.
 *
 * POST application/timestamp-query → application/timestamp-reply. A granted
 * reply carries a TSTInfo (policy TEST_TSA_POLICY, random serial, genTime,
 * accuracy 1 s, the request's nonce, tsa = the TSA's name) in a CMS
 * SignedData whose signed attributes are contentType id-ct-TSTInfo,
 * messageDigest and ESS signing-certificate-v2. Requests it cannot honour
 * get status rejection (2) with a PKIFailureInfo bit, as RFC 3161 §2.4.2
 * prescribes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, createPrivateKey, randomBytes, sign as cryptoSign } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OIDS, derSorted, signedAttributesSetDer, signingCertificateV2 } from './cms.js';
import { ensurePkijsEngine, toArrayBuffer } from './engine.js';
import type { KeyAlgorithm } from './signer.js';
import { issueCertificate, type IssuedCertificate } from './test-ca.js';
import { TSP_OIDS, imprintDigestName } from './timestamp.js';

export const TEST_TSA_COMMON_NAME = 'Xã Số TEST TSA – KHÔNG DÙNG THẬT';

/**
 * Policy of the TEST TSA, under the private-enterprise arc of IANA's
 * example enterprise number 32473 (RFC 5612, reserved for documentation
 * and examples), so it can never collide with a real TSA policy.
 */
export const TEST_TSA_POLICY = '1.3.6.1.4.1.32473.3161.1';

export interface TestTsaOptions {
  /** The TEST CA that issues the TSA certificate (see createTestCa). */
  ca: IssuedCertificate;
  /** Clock for genTime; default the system clock. */
  now?: () => Date;
  /** Key of the TSA certificate; default RSA. */
  keyAlgorithm?: KeyAlgorithm;
  /**
   * TEST ONLY: misbehave, to exercise client checks. 'wrong-imprint' stamps
   * a different hash than the one requested; 'wrong-nonce' echoes another nonce.
   */
  fault?: 'wrong-imprint' | 'wrong-nonce';
}

export interface TestTsa {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** The TSA certificate (chainDer ends with the CA). */
  certificate: IssuedCertificate;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 64 * 1024;

/** PKIFailureInfo with one bit set (DER named bit string: no trailing zero bits). */
function failInfo(bit: number): asn1js.BitString {
  const bytes = new Uint8Array((bit >> 3) + 1);
  bytes[bit >> 3] = 0x80 >> (bit & 7);
  return new asn1js.BitString({ valueHex: bytes.buffer, unusedBits: 7 - (bit & 7) });
}

const FAIL = { badAlg: 0, badRequest: 2, badDataFormat: 5, unacceptedPolicy: 15, unacceptedExtension: 16, systemFailure: 25 } as const;

function rejection(bit: number, text: string): Uint8Array {
  const resp = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({
      status: pkijs.PKIStatus.rejection,
      statusStrings: [new asn1js.Utf8String({ value: text })],
      failInfo: failInfo(bit),
    }),
  });
  return new Uint8Array(resp.toSchema().toBER(false));
}

function positiveRandomInteger(n: number): asn1js.Integer {
  const b = randomBytes(n);
  b[0] = ((b[0] ?? 0) & 0x7f) | 0x01;
  return new asn1js.Integer({ valueHex: toArrayBuffer(b) });
}

/** Starts the TEST TSA on 127.0.0.1 (random port). */
export async function startTestTsa(opts: TestTsaOptions): Promise<TestTsa> {
  ensurePkijsEngine();
  const now = opts.now ?? (() => new Date());
  const certificate = await issueCertificate(opts.ca, {
    kind: 'organisation', commonName: TEST_TSA_COMMON_NAME, organisation: 'Xã Số – môi trường thử nghiệm',
    keyAlgorithm: opts.keyAlgorithm ?? 'RSA', extendedKeyUsage: 'timeStamping',
  });
  const cert = pkijs.Certificate.fromBER(toArrayBuffer(certificate.certificateDer));
  const key = createPrivateKey({ key: Buffer.from(certificate.privateKeyPkcs8Der), format: 'der', type: 'pkcs8' });
  const essAttr = signingCertificateV2(cert, certificate.certificateDer);

  function grant(req: pkijs.TimeStampReq): Uint8Array {
    let messageImprint = req.messageImprint;
    if (opts.fault === 'wrong-imprint') {
      const other = createHash(imprintDigestName(messageImprint.hashAlgorithm.algorithmId)!).update('not what was asked').digest();
      messageImprint = new pkijs.MessageImprint({
        hashAlgorithm: messageImprint.hashAlgorithm, hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(other) }),
      });
    }
    const tst = new pkijs.TSTInfo({
      version: 1,
      policy: TEST_TSA_POLICY,
      messageImprint,
      serialNumber: positiveRandomInteger(10),
      genTime: now(),
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
      ...(req.nonce ? { nonce: opts.fault === 'wrong-nonce' ? positiveRandomInteger(8) : req.nonce } : {}),
      tsa: new pkijs.GeneralName({ type: 4, value: cert.subject }),
    });
    const tstDer = new Uint8Array(tst.toSchema().toBER(false));
    const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 0,
      attributes: derSorted([
        new pkijs.Attribute({ type: OIDS.contentType, values: [new asn1js.ObjectIdentifier({ value: TSP_OIDS.tstInfo })] }),
        new pkijs.Attribute({ type: OIDS.messageDigest, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(createHash('sha256').update(tstDer).digest()) })] }),
        essAttr,
      ]),
    });
    const signature = cryptoSign('sha256', signedAttributesSetDer(signedAttrs), key);
    const signerInfo = new pkijs.SignerInfo({
      version: 1,
      sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
      digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 }),
      signedAttrs,
      signatureAlgorithm: certificate.keyAlgorithm === 'RSA'
        ? new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256WithRSA, algorithmParams: new asn1js.Null() })
        : new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.ecdsaWithSha256 }),
      signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
    });
    const signedData = new pkijs.SignedData({
      version: 3,
      digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 })],
      encapContentInfo: new pkijs.EncapsulatedContentInfo({
        eContentType: TSP_OIDS.tstInfo, eContent: new asn1js.OctetString({ valueHex: toArrayBuffer(tstDer) }),
      }),
      // RFC 3161 §2.4.1: the certificate only when certReq is true.
      ...(req.certReq ? { certificates: [cert] } : {}),
      signerInfos: [signerInfo],
    });
    const resp = new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
      timeStampToken: new pkijs.ContentInfo({ contentType: OIDS.signedData, content: signedData.toSchema(true) }),
    });
    return new Uint8Array(resp.toSchema().toBER(false));
  }

  function answer(body: Uint8Array, contentType: string | undefined): Uint8Array {
    if ((contentType ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/timestamp-query') {
      return rejection(FAIL.badRequest, 'expected Content-Type application/timestamp-query');
    }
    let req: pkijs.TimeStampReq;
    try {
      const asn = asn1js.fromBER(body);
      if (asn.offset === -1 || asn.offset !== body.length) throw new Error('not a single DER value');
      req = new pkijs.TimeStampReq({ schema: asn.result });
    } catch (e) {
      return rejection(FAIL.badDataFormat, `malformed TimeStampReq: ${(e as Error).message}`);
    }
    if (req.version !== 1) return rejection(FAIL.badRequest, `unsupported version ${req.version}`);
    const digest = imprintDigestName(req.messageImprint.hashAlgorithm.algorithmId);
    if (!digest) return rejection(FAIL.badAlg, `unsupported hash algorithm ${req.messageImprint.hashAlgorithm.algorithmId}`);
    if (req.messageImprint.hashedMessage.valueBlock.valueHexView.length !== createHash(digest).digest().length) {
      return rejection(FAIL.badDataFormat, 'hashedMessage length does not match its algorithm');
    }
    if (req.reqPolicy && req.reqPolicy !== TEST_TSA_POLICY) return rejection(FAIL.unacceptedPolicy, `unknown policy ${req.reqPolicy}`);
    if (req.extensions?.length) return rejection(FAIL.unacceptedExtension, 'extensions are not supported');
    return grant(req);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' }).end('TEST TSA: POST an RFC 3161 TimeStampReq\n');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => { size += c.length; if (size <= MAX_REQUEST_BYTES) chunks.push(c); });
    req.on('end', () => {
      let out: Uint8Array;
      try {
        out = size > MAX_REQUEST_BYTES
          ? rejection(FAIL.badRequest, 'request too large')
          : answer(new Uint8Array(Buffer.concat(chunks)), req.headers['content-type']);
      } catch (e) {
        out = rejection(FAIL.systemFailure, `TEST TSA failure: ${(e as Error).message}`);
      }
      res.writeHead(200, { 'content-type': 'application/timestamp-reply', 'content-length': out.length }).end(out);
    });
  }

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    certificate,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((e) => (e ? reject(e) : resolve()));
      server.closeAllConnections();
    }),
  };
}
