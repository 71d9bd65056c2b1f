/**
 * RFC 3161 time-stamp client for PAdES baseline B-T signatures.
 *
 * `tsaTimestamper(url)` plugs into `BuildCmsOptions.unsignedAttributes`: it
 * asks the TSA for a token over SHA-256(signature value) and returns it as
 * the unsigned attribute id-aa-signatureTimeStampToken (RFC 3161 appendix A,
 * ETSI EN 319 122-1). The response is checked before it is embedded: PKI
 * status, content type, nonce and message imprint echoed back, token
 * structure (SignedData over a TSTInfo), the token's own signature with its
 * ESS signing-certificate binding and the TSA certificate's purpose. Whether
 * the TSA is *trusted* is the verifier's business (verify.ts), not the
 * client's.
 *
 * The parsing and signature helpers below are shared with verify.ts.
 */
import { X509Certificate, constants, createHash, randomBytes, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OIDS } from './cms.js';
import { ensurePkijsEngine, toArrayBuffer } from './engine.js';

export const TSP_OIDS = {
  /** id-ct-TSTInfo, the eContentType of a TimeStampToken. */
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  /** id-aa-signingCertificate (ESS v1, SHA-1 certificate hash). */
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  /** id-kp-timeStamping. */
  timeStamping: '1.3.6.1.5.5.7.3.8',
  extKeyUsage: '2.5.29.37',
  subjectKeyIdentifier: '2.5.29.14',
  rsassaPss: '1.2.840.113549.1.1.10',
  sha1: '1.3.14.3.2.26',
} as const;

/** Digest OIDs accepted in tokens, by node:crypto name. */
const DIGESTS: Record<string, string> = {
  [TSP_OIDS.sha1]: 'sha1',
  [OIDS.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithms that name their own digest. */
const SIGNATURE_DIGESTS: Record<string, string> = {
  [OIDS.sha256WithRSA]: 'sha256', '1.2.840.113549.1.1.12': 'sha384', '1.2.840.113549.1.1.13': 'sha512',
  [OIDS.ecdsaWithSha256]: 'sha256', '1.2.840.10045.4.3.3': 'sha384', '1.2.840.10045.4.3.4': 'sha512',
};

/** Digest algorithms accepted for a message imprint (SHA-1 is not). */
export function imprintDigestName(oid: string): string | undefined {
  return oid === TSP_OIDS.sha1 ? undefined : DIGESTS[oid];
}

/** PKIFailureInfo bit names (RFC 3161 §2.4.2). */
export const PKI_FAILURE_INFO: Record<number, string> = {
  0: 'badAlg', 2: 'badRequest', 5: 'badDataFormat', 14: 'timeNotAvailable', 15: 'unacceptedPolicy',
  16: 'unacceptedExtension', 17: 'addInfoNotAvailable', 25: 'systemFailure',
};

/** A TSA could not give a usable token; the message is Vietnamese first, English in parentheses. */
export class TsaError extends Error {
  override name = 'TsaError';
}

export interface ParsedTimeStampToken {
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  tstInfo: pkijs.TSTInfo;
  /** The signed eContent (DER of the TSTInfo). */
  tstInfoDer: Uint8Array;
  certificates: pkijs.Certificate[];
  /** The TSA certificate named by the SignerInfo, when the token carries it. */
  signerCertificate: pkijs.Certificate | null;
}

function bytesOf(b: asn1js.OctetString): Uint8Array {
  return new Uint8Array(b.valueBlock.isConstructed ? b.getValue() : b.valueBlock.valueHexView);
}

function certificateDer(c: pkijs.Certificate): Uint8Array {
  return new Uint8Array(c.toSchema().toBER(false));
}

function findSignerCertificate(sid: unknown, certs: pkijs.Certificate[]): pkijs.Certificate | null {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  // subjectKeyIdentifier [0]: pkijs hands over the inner block.
  const hex = (sid as { valueBlock?: { valueHexView?: Uint8Array } } | null)?.valueBlock?.valueHexView;
  if (!hex) return null;
  return certs.find((c) => {
    const ski = c.extensions?.find((e) => e.extnID === TSP_OIDS.subjectKeyIdentifier)?.parsedValue;
    return ski instanceof asn1js.OctetString && Buffer.from(ski.valueBlock.valueHexView).equals(hex);
  }) ?? null;
}

/**
 * Parses a TimeStampToken (a ContentInfo, DER or already decoded). Throws
 * when it is not a SignedData with exactly one signer over a TSTInfo.
 */
export function parseTimeStampToken(token: Uint8Array | asn1js.AsnType | pkijs.ContentInfo): ParsedTimeStampToken {
  ensurePkijsEngine();
  const ci = token instanceof pkijs.ContentInfo ? token
    : token instanceof Uint8Array ? pkijs.ContentInfo.fromBER(toArrayBuffer(token))
      : new pkijs.ContentInfo({ schema: token });
  if (ci.contentType !== OIDS.signedData) throw new Error(`time-stamp token is not a CMS SignedData (${ci.contentType})`);
  const signedData = new pkijs.SignedData({ schema: ci.content });
  const { eContentType, eContent } = signedData.encapContentInfo;
  if (eContentType !== TSP_OIDS.tstInfo) throw new Error(`time-stamp token content is not a TSTInfo (${eContentType})`);
  if (!eContent) throw new Error('time-stamp token has no TSTInfo content');
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo || signedData.signerInfos.length !== 1) throw new Error('time-stamp token must have exactly one SignerInfo');
  const tstInfoDer = bytesOf(eContent);
  const tstInfo = pkijs.TSTInfo.fromBER(toArrayBuffer(tstInfoDer));
  const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  return { signedData, signerInfo, tstInfo, tstInfoDer, certificates, signerCertificate: findSignerCertificate(signerInfo.sid, certificates) };
}

/** Whether the first ESSCertID(v2) of the signed attributes names `certDer` (RFC 5035 / RFC 2634). */
function essBindingProblem(attrs: pkijs.Attribute[], certDer: Uint8Array): string | null {
  const v2 = attrs.find((a) => a.type === OIDS.signingCertificateV2)?.values[0];
  const v1 = attrs.find((a) => a.type === TSP_OIDS.signingCertificate)?.values[0];
  const value = v2 ?? v1;
  if (!(value instanceof asn1js.Sequence)) return 'no ESS signing-certificate attribute';
  const certIds = value.valueBlock.value[0];
  const first = certIds instanceof asn1js.Sequence ? certIds.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) return 'malformed ESS signing-certificate attribute';
  const items = first.valueBlock.value;
  let hashOid: string = TSP_OIDS.sha1;
  if (v2) {
    const alg = items[0] instanceof asn1js.Sequence ? items[0].valueBlock.value[0] : undefined;
    hashOid = alg instanceof asn1js.ObjectIdentifier ? alg.valueBlock.toString() : OIDS.sha256;
  }
  const hash = items.find((x): x is asn1js.OctetString => x instanceof asn1js.OctetString);
  const name = DIGESTS[hashOid];
  if (!name || !hash) return 'malformed ESS signing-certificate attribute';
  return Buffer.from(hash.valueBlock.valueHexView).equals(createHash(name).update(certDer).digest())
    ? null : 'ESS signing-certificate does not match the TSA certificate';
}

function verifySignatureValue(si: pkijs.SignerInfo, data: Uint8Array, publicKey: KeyObject, digestName: string): boolean {
  const sigAlg = si.signatureAlgorithm.algorithmId;
  const signature = si.signature.valueBlock.valueHexView;
  if (sigAlg === TSP_OIDS.rsassaPss) {
    const params = new pkijs.RSASSAPSSParams({ schema: si.signatureAlgorithm.algorithmParams });
    const hash = DIGESTS[params.hashAlgorithm.algorithmId];
    if (!hash) throw new Error(`unsupported RSASSA-PSS hash ${params.hashAlgorithm.algorithmId}`);
    return cryptoVerify(hash, data, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength }, signature);
  }
  return cryptoVerify(SIGNATURE_DIGESTS[sigAlg] ?? digestName, data, publicKey, signature);
}

/** Whether `cert` is a TSA certificate: extendedKeyUsage is critical and only id-kp-timeStamping (RFC 3161 §2.3). */
export function isTimeStampingCertificate(cert: pkijs.Certificate): boolean {
  const eku = cert.extensions?.find((e) => e.extnID === TSP_OIDS.extKeyUsage);
  const purposes = eku?.parsedValue instanceof pkijs.ExtKeyUsage ? eku.parsedValue.keyPurposes : [];
  return !!eku?.critical && purposes.length === 1 && purposes[0] === TSP_OIDS.timeStamping;
}

/**
 * Cryptographic checks of a token, without trust: the TSA certificate is
 * present, the signed attributes bind the TSTInfo (contentType,
 * messageDigest) and the certificate (ESS), the signature verifies with the
 * certificate's key, and the certificate is for time-stamping. Returns the
 * problems found (empty when all hold).
 */
export function checkTimeStampTokenSignature(t: ParsedTimeStampToken): string[] {
  const problems: string[] = [];
  const si = t.signerInfo;
  const cert = t.signerCertificate;
  if (!cert) return ['TSA certificate not included in the time-stamp token'];
  const attrs = si.signedAttrs?.attributes;
  const digestName = DIGESTS[si.digestAlgorithm.algorithmId];
  if (!attrs) return ['time-stamp token has no signed attributes'];
  if (!digestName) return [`unsupported digest ${si.digestAlgorithm.algorithmId} in the time-stamp token`];
  const ct = attrs.find((a) => a.type === OIDS.contentType)?.values[0];
  if (!(ct instanceof asn1js.ObjectIdentifier) || ct.valueBlock.toString() !== TSP_OIDS.tstInfo) {
    problems.push('time-stamp token contentType attribute is not id-ct-TSTInfo');
  }
  const md = attrs.find((a) => a.type === OIDS.messageDigest)?.values[0];
  if (!(md instanceof asn1js.OctetString) || !Buffer.from(md.valueBlock.valueHexView).equals(createHash(digestName).update(t.tstInfoDer).digest())) {
    problems.push('time-stamp token messageDigest does not match its TSTInfo');
  }
  const der = certificateDer(cert);
  const signed = new Uint8Array(si.signedAttrs!.encodedValue.slice(0));
  signed[0] = 0x31;
  let ok = false;
  try {
    ok = verifySignatureValue(si, signed, new X509Certificate(der).publicKey, digestName);
  } catch (e) {
    problems.push(`time-stamp token signature check error: ${(e as Error).message}`);
  }
  if (!ok) problems.push('time-stamp token signature is invalid');
  const ess = essBindingProblem(attrs, der);
  if (ess) problems.push(ess);
  if (!isTimeStampingCertificate(cert)) problems.push('TSA certificate lacks a critical extendedKeyUsage of only id-kp-timeStamping');
  return problems;
}

/** CN of the TSA certificate, else of the TSTInfo's tsa directoryName. */
export function tsaDisplayName(t: ParsedTimeStampToken): string | null {
  const cn = (name: pkijs.RelativeDistinguishedNames | undefined) => {
    const tv = name?.typesAndValues.find((x) => x.type === '2.5.4.3');
    return tv ? String(tv.value.valueBlock.value) : null;
  };
  if (t.signerCertificate) return cn(t.signerCertificate.subject);
  const tsa = t.tstInfo.tsa;
  return tsa?.type === 4 ? cn(tsa.value as pkijs.RelativeDistinguishedNames) : null;
}

export interface TsaTimestamperOptions {
  /** Abort the whole exchange (connect, send, receive) after this many milliseconds; default 10 000. */
  timeoutMs?: number;
}

export interface TimeStampTokenResult {
  /** The TimeStampToken (ContentInfo) as received from the TSA. */
  token: asn1js.Sequence;
  tokenDer: Uint8Array;
  tstInfo: pkijs.TSTInfo;
  /** PKI status was grantedWithMods (1) rather than granted (0). */
  grantedWithMods: boolean;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function checkTsaUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TsaError(`Địa chỉ máy chủ cấp dấu thời gian không hợp lệ: ${url} (invalid TSA URL)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new TsaError(`Máy chủ cấp dấu thời gian phải dùng http hoặc https: ${url} (TSA URL must be http(s))`);
  }
  return u;
}

function failInfoNames(bits: asn1js.BitString | undefined): string[] {
  if (!bits) return [];
  const bytes = bits.valueBlock.valueHexView;
  const out: string[] = [];
  for (let i = 0; i < bytes.length * 8 - bits.valueBlock.unusedBits; i++) {
    if (((bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1) out.push(PKI_FAILURE_INFO[i] ?? `bit ${i}`);
  }
  return out;
}

async function postQuery(url: string, body: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
  const where = `máy chủ cấp dấu thời gian ${url}`;
  let res: Response;
  let reply: Uint8Array;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: toArrayBuffer(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    reply = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') {
      throw new TsaError(`Quá thời gian chờ ${where} (${timeoutMs} ms) (TSA request timed out)`);
    }
    const why = err.cause?.code ?? err.cause?.message ?? err.message;
    throw new TsaError(`Không kết nối được ${where}: ${why} (cannot reach the TSA)`);
  }
  if (!res.ok) throw new TsaError(`Lỗi từ ${where}: HTTP ${res.status} (TSA HTTP error)`);
  const ct = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (ct !== 'application/timestamp-reply' && ct !== 'application/timestamp-response') {
    throw new TsaError(`Phản hồi từ ${where} có kiểu nội dung "${ct}", không phải application/timestamp-reply (unexpected TSA content type)`);
  }
  return reply;
}

/**
 * Requests an RFC 3161 token over SHA-256(`data`) (certReq true, random
 * nonce) and checks the reply; throws TsaError on any failure.
 */
export async function requestTimeStampToken(url: string, data: Uint8Array, opts: TsaTimestamperOptions = {}): Promise<TimeStampTokenResult> {
  ensurePkijsEngine();
  checkTsaUrl(url);
  const imprint = createHash('sha256').update(data).digest();
  const nonceBytes = randomBytes(8);
  nonceBytes[0] = ((nonceBytes[0] ?? 0) & 0x7f) | 0x01; // positive, minimal DER
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(imprint) }),
    }),
    nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonceBytes) }),
    certReq: true,
  });
  const reply = await postQuery(url, new Uint8Array(request.toSchema().toBER(false)), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);

  const bad = (why: string) => new TsaError(`Phản hồi của máy chủ cấp dấu thời gian không hợp lệ: ${why} (invalid TSA response)`);
  const asn = asn1js.fromBER(reply);
  if (asn.offset === -1 || !(asn.result instanceof asn1js.Sequence)) throw bad('không đọc được TimeStampResp');
  let resp: pkijs.TimeStampResp;
  try {
    resp = new pkijs.TimeStampResp({ schema: asn.result });
  } catch (e) {
    throw bad(`TimeStampResp: ${(e as Error).message}`);
  }
  const status = resp.status.status;
  if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) {
    const text = (resp.status.statusStrings ?? []).map((s) => String(s.valueBlock.value)).join('; ');
    const fail = failInfoNames(resp.status.failInfo).join(', ');
    throw new TsaError(`Máy chủ cấp dấu thời gian từ chối yêu cầu: trạng thái ${status}` +
      `${fail ? `, ${fail}` : ''}${text ? `, "${text}"` : ''} (TSA rejected the request)`);
  }
  const token = asn.result.valueBlock.value[1];
  if (!(token instanceof asn1js.Sequence) || !resp.timeStampToken) throw bad('thiếu TimeStampToken');
  let parsed: ParsedTimeStampToken;
  try {
    parsed = parseTimeStampToken(token);
  } catch (e) {
    throw bad((e as Error).message);
  }
  const { tstInfo } = parsed;
  const mi = tstInfo.messageImprint;
  if (mi.hashAlgorithm.algorithmId !== OIDS.sha256 || !Buffer.from(mi.hashedMessage.valueBlock.valueHexView).equals(imprint)) {
    throw new TsaError('Dấu thời gian nhận được không khớp với chữ ký (TSA token message imprint does not match the signature value)');
  }
  if (!tstInfo.nonce || !Buffer.from(tstInfo.nonce.valueBlock.valueHexView).equals(nonceBytes)) {
    throw new TsaError('Số nonce trong dấu thời gian không khớp với yêu cầu (TSA token nonce does not match the request)');
  }
  const problems = checkTimeStampTokenSignature(parsed);
  if (problems.length > 0) throw bad(problems.join('; '));
  return {
    token, tokenDer: new Uint8Array(token.toBER(false)), tstInfo, grantedWithMods: status === pkijs.PKIStatus.grantedWithMods,
  };
}

/**
 * `BuildCmsOptions.unsignedAttributes` that adds an RFC 3161 signature
 * time-stamp from the TSA at `url` (PAdES B-T):
 *
 *   signPdf(pdf, signer, meta, { unsignedAttributes: tsaTimestamper(config.tsaUrl) })
 *
 * A TSA failure fails the signing (TsaError) rather than silently producing
 * a B-B signature.
 */
export function tsaTimestamper(url: string, opts: TsaTimestamperOptions = {}): (signatureValue: Uint8Array) => Promise<pkijs.Attribute[]> {
  checkTsaUrl(url);
  return async (signatureValue) => {
    const { token } = await requestTimeStampToken(url, signatureValue, opts);
    return [new pkijs.Attribute({ type: OIDS.signatureTimeStampToken, values: [token] })];
  };
}
