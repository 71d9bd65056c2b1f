/**
 * TEST certificate authority built with pkijs (no openssl CLI). Everything
 * issued here is for development and tests only: the CA subject says so.
 */
import { createHash, generateKeyPairSync, randomBytes, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ensurePkijsEngine, toArrayBuffer, toPem } from './engine.js';
import type { KeyAlgorithm } from './signer.js';

export const TEST_CA_COMMON_NAME = 'Xã Số TEST CA – KHÔNG DÙNG THẬT';

export interface KeyMaterial {
  keyAlgorithm: KeyAlgorithm;
  /** Unencrypted PKCS#8 DER — test material only. */
  privateKeyPkcs8Der: Uint8Array;
}

export interface IssuedCertificate extends KeyMaterial {
  certificateDer: Uint8Array;
  certificatePem: string;
  /** DER, leaf first, ending with the CA certificate. */
  chainDer: Uint8Array[];
}

export type TestCa = IssuedCertificate;

export interface NameSpec {
  commonName: string;
  organisation?: string;
  organisationalUnit?: string;
  locality?: string;
  country?: string;
}

export interface IssueOptions extends NameSpec {
  kind: 'personal' | 'organisation';
  keyAlgorithm?: KeyAlgorithm;
  validityDays?: number;
  notBefore?: Date;
  /**
   * Extended key usage of the leaf: 'emailProtection' (default, document
   * signing, non-critical) or 'timeStamping' (a TSA certificate: the only
   * purpose, critical, as RFC 3161 §2.3 requires).
   */
  extendedKeyUsage?: 'emailProtection' | 'timeStamping';
}

const OID = {
  cn: '2.5.4.3', o: '2.5.4.10', ou: '2.5.4.11', l: '2.5.4.7', c: '2.5.4.6',
  basicConstraints: '2.5.29.19', keyUsage: '2.5.29.15', extKeyUsage: '2.5.29.37',
  ski: '2.5.29.14', aki: '2.5.29.35', certPolicies: '2.5.29.32',
  emailProtection: '1.3.6.1.5.5.7.3.4', timeStamping: '1.3.6.1.5.5.7.3.8',
};

function buildName(n: NameSpec): pkijs.RelativeDistinguishedNames {
  const tv: pkijs.AttributeTypeAndValue[] = [];
  const add = (type: string, value: asn1js.BaseStringBlock | undefined) => {
    if (value) tv.push(new pkijs.AttributeTypeAndValue({ type, value }));
  };
  add(OID.c, new asn1js.PrintableString({ value: n.country ?? 'VN' }));
  if (n.locality) add(OID.l, new asn1js.Utf8String({ value: n.locality }));
  if (n.organisation) add(OID.o, new asn1js.Utf8String({ value: n.organisation }));
  if (n.organisationalUnit) add(OID.ou, new asn1js.Utf8String({ value: n.organisationalUnit }));
  add(OID.cn, new asn1js.Utf8String({ value: n.commonName }));
  // One RDN (SET) per attribute: pkijs would otherwise emit a single multi-valued RDN.
  const seq = new asn1js.Sequence({ value: tv.map((a) => new asn1js.Set({ value: [a.toSchema()] })) });
  return pkijs.RelativeDistinguishedNames.fromBER(seq.toBER(false));
}

function generateKeys(alg: KeyAlgorithm): { spki: Uint8Array; pkcs8: Uint8Array } {
  const kp = alg === 'RSA'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    spki: new Uint8Array(kp.publicKey.export({ type: 'spki', format: 'der' })),
    pkcs8: new Uint8Array(kp.privateKey.export({ type: 'pkcs8', format: 'der' })),
  };
}

/** Imports a PKCS#8 key into WebCrypto for pkijs (SHA-256). */
export async function importSigningKey(k: KeyMaterial): Promise<webcrypto.CryptoKey> {
  const alg = k.keyAlgorithm === 'RSA'
    ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
    : { name: 'ECDSA', namedCurve: 'P-256' };
  return webcrypto.subtle.importKey('pkcs8', toArrayBuffer(k.privateKeyPkcs8Der), alg, false, ['sign']) as Promise<webcrypto.CryptoKey>;
}

function keyIdentifier(spki: pkijs.PublicKeyInfo): ArrayBuffer {
  const bits = spki.subjectPublicKey.valueBlock.valueHexView;
  return toArrayBuffer(createHash('sha1').update(bits).digest());
}

function ext(extnID: string, critical: boolean, value: asn1js.BaseBlock): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });
}

function keyUsageBits(bits: number, unused: number): asn1js.BitString {
  return new asn1js.BitString({ valueHex: new Uint8Array([bits]).buffer, unusedBits: unused });
}

async function buildCertificate(opts: {
  subject: NameSpec; issuer: pkijs.RelativeDistinguishedNames; spkiDer: Uint8Array;
  isCa: boolean; issuerKey: KeyMaterial; issuerSpki: pkijs.PublicKeyInfo | null;
  notBefore: Date; validityDays: number; extendedKeyUsage?: IssueOptions['extendedKeyUsage'];
}): Promise<Uint8Array> {
  ensurePkijsEngine();
  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  cert.serialNumber = new asn1js.Integer({ valueHex: toArrayBuffer(serial) });
  cert.subject = buildName(opts.subject);
  cert.issuer = opts.isCa && !opts.issuerSpki ? buildName(opts.subject) : opts.issuer;
  cert.notBefore.value = opts.notBefore;
  cert.notAfter.value = new Date(opts.notBefore.getTime() + opts.validityDays * 86_400_000);
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(toArrayBuffer(opts.spkiDer));
  const ski = keyIdentifier(cert.subjectPublicKeyInfo);
  const extensions: pkijs.Extension[] = [
    ext(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: opts.isCa }).toSchema()),
    // CA: keyCertSign + cRLSign; leaf: digitalSignature + nonRepudiation
    ext(OID.keyUsage, true, opts.isCa ? keyUsageBits(0x06, 1) : keyUsageBits(0xc0, 6)),
    ext(OID.ski, false, new asn1js.OctetString({ valueHex: ski })),
  ];
  const akiSource = opts.issuerSpki ?? cert.subjectPublicKeyInfo;
  extensions.push(ext(OID.aki, false, new pkijs.AuthorityKeyIdentifier({
    keyIdentifier: new asn1js.OctetString({ valueHex: keyIdentifier(akiSource) }),
  }).toSchema()));
  if (!opts.isCa) {
    const tsa = opts.extendedKeyUsage === 'timeStamping';
    extensions.push(ext(OID.extKeyUsage, tsa, new pkijs.ExtKeyUsage({ keyPurposes: [tsa ? OID.timeStamping : OID.emailProtection] }).toSchema()));
  }
  cert.extensions = extensions;
  await cert.sign(await importSigningKey(opts.issuerKey), 'SHA-256');
  return new Uint8Array(cert.toSchema(true).toBER(false));
}

function finish(der: Uint8Array, key: KeyMaterial, chainRest: Uint8Array[]): IssuedCertificate {
  return { ...key, certificateDer: der, certificatePem: toPem('CERTIFICATE', der), chainDer: [der, ...chainRest] };
}

/** Creates a self-signed TEST root CA (RSA-2048 by default). */
export async function createTestCa(opts: Partial<NameSpec> & { keyAlgorithm?: KeyAlgorithm; validityDays?: number; notBefore?: Date } = {}): Promise<TestCa> {
  const keyAlgorithm = opts.keyAlgorithm ?? 'RSA';
  const keys = generateKeys(keyAlgorithm);
  const key: KeyMaterial = { keyAlgorithm, privateKeyPkcs8Der: keys.pkcs8 };
  const subject: NameSpec = {
    commonName: opts.commonName ?? TEST_CA_COMMON_NAME,
    organisation: opts.organisation ?? 'Xã Số – môi trường thử nghiệm',
    country: opts.country ?? 'VN',
  };
  const der = await buildCertificate({
    subject, issuer: buildName(subject), spkiDer: keys.spki, isCa: true, issuerKey: key, issuerSpki: null,
    notBefore: opts.notBefore ?? new Date(Date.now() - 3_600_000), validityDays: opts.validityDays ?? 3650,
  });
  return finish(der, key, []);
}

/**
 * Issues an organisation certificate (O = the agency, CN = the agency name)
 * or a personal certificate (CN = the person, O = their agency) from `ca`.
 */
export async function issueCertificate(ca: TestCa, opts: IssueOptions): Promise<IssuedCertificate> {
  ensurePkijsEngine();
  const keyAlgorithm = opts.keyAlgorithm ?? 'RSA';
  const keys = generateKeys(keyAlgorithm);
  const caCert = pkijs.Certificate.fromBER(toArrayBuffer(ca.certificateDer));
  const subject: NameSpec = opts.kind === 'organisation'
    ? { ...opts, organisation: opts.organisation ?? opts.commonName }
    : opts;
  const der = await buildCertificate({
    subject, issuer: caCert.subject, spkiDer: keys.spki, isCa: false, issuerKey: ca,
    issuerSpki: caCert.subjectPublicKeyInfo,
    notBefore: opts.notBefore ?? new Date(Date.now() - 3_600_000), validityDays: opts.validityDays ?? 365,
    extendedKeyUsage: opts.extendedKeyUsage,
  });
  return finish(der, { keyAlgorithm, privateKeyPkcs8Der: keys.pkcs8 }, ca.chainDer);
}
