import { X509Certificate, createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Database } from '../../platform/db/index.js';
import { audit } from '../../platform/audit.js';
import { findUnitByCode } from '../../identity/units.js';
import { findUserByUsername } from '../../identity/users.js';
import {
  Pkcs12PassphraseError, exportPkcs12, fromPem, keyObjectSigner, pkcs12Signer, readPkcs12, toPem,
  type IssuedCertificate, type KeyAlgorithm,
} from '../../signing/index.js';
import { toArrayBuffer } from '../../signing/engine.js';
import type { Keystore } from './keystore.js';

/**
 * `xaso keys import` / `xaso keys trust`: real certificates (VNPT-CA, Viettel-CA, Ban Cơ yếu Chính phủ, …)
 * brought in from the PKCS#12 file the CA handed out, checked, and re-saved in the keystore encrypted with
 * the installation passphrase (the same format `keys init` writes). The file's own passphrase is only used
 * to open it: never stored, logged or audited.
 */

/** A refusal with a message for the operator (Vietnamese, English in parentheses); nothing has been written. */
export class KeyImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyImportError';
  }
}

export const WRONG_P12_PASSPHRASE = 'Mật khẩu tệp PKCS#12 không đúng (wrong PKCS#12 passphrase).';

export interface CertificateSummary {
  subjectCn: string;
  issuerCn: string;
  /** Hexadecimal, as the CA prints it. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** e.g. "RSA 2048 bit", "ECDSA P-256". */
  algorithm: string;
  /** SHA-256 fingerprint of the certificate DER, hex. */
  sha256: string;
}

const KEY_USAGE_NAMES = [
  'digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement',
  'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly',
];

function parseCert(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(toArrayBuffer(der));
}

function commonName(name: pkijs.RelativeDistinguishedNames, fallback: string): string {
  const cn = name.typesAndValues.find((t) => t.type === '2.5.4.3');
  return cn ? String(cn.value.valueBlock.value) : fallback;
}

function extensionValue(cert: pkijs.Certificate, oid: string): asn1js.AsnType | null {
  const e = cert.extensions?.find((x) => x.extnID === oid);
  if (!e) return null;
  const parsed = asn1js.fromBER(e.extnValue.valueBlock.valueHexView);
  return parsed.offset === -1 ? null : parsed.result;
}

/** Names of the key usage bits set, or null when the certificate has no key usage extension. */
export function keyUsageOf(der: Uint8Array): string[] | null {
  const v = extensionValue(parseCert(der), '2.5.29.15');
  if (!v) return null;
  const bytes = v instanceof asn1js.BitString ? v.valueBlock.valueHexView : new Uint8Array();
  return KEY_USAGE_NAMES.filter((_, i) => ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0);
}

/** basicConstraints cA, or null when the certificate has no basicConstraints extension (e.g. a v1 root). */
function basicConstraintsCa(der: Uint8Array): boolean | null {
  const v = extensionValue(parseCert(der), '2.5.29.19');
  if (!v) return null;
  try {
    return new pkijs.BasicConstraints({ schema: v }).cA === true;
  } catch {
    return false;
  }
}

function algorithmOf(key: KeyObject): string {
  const d = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa') return `RSA ${d?.modulusLength ?? '?'} bit`;
  if (key.asymmetricKeyType === 'ec') return `ECDSA ${d?.namedCurve === 'prime256v1' ? 'P-256' : d?.namedCurve ?? '?'}`;
  return key.asymmetricKeyType ?? '?';
}

/** Subject and issuer CN, serial, validity, algorithm of a DER certificate — public data only. */
export function describeCertificate(der: Uint8Array): CertificateSummary {
  const x = new X509Certificate(der);
  const c = parseCert(der);
  return {
    subjectCn: commonName(c.subject, x.subject),
    issuerCn: commonName(c.issuer, x.issuer),
    serial: x.serialNumber.toUpperCase(),
    notBefore: c.notBefore.value,
    notAfter: c.notAfter.value,
    algorithm: algorithmOf(x.publicKey),
    sha256: createHash('sha256').update(der).digest('hex'),
  };
}

/** A date as printed to operators: Vietnam time, unambiguous. */
export function formatDate(d: Date): string {
  return `${new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')} (UTC+7)`;
}

function validityText(s: CertificateSummary): string {
  return `hiệu lực từ ${formatDate(s.notBefore)} đến ${formatDate(s.notAfter)}`;
}

/** The lines printed after an import or a trust: never key material. */
export function formatCertificate(s: CertificateSummary): string[] {
  return [
    `  Chủ thể (subject CN):   ${s.subjectCn}`,
    `  Tổ chức cấp (issuer CN): ${s.issuerCn}`,
    `  Số hiệu (serial):       ${s.serial}`,
    `  Hiệu lực (validity):    ${formatDate(s.notBefore)} → ${formatDate(s.notAfter)}`,
    `  Thuật toán (algorithm): ${s.algorithm}`,
    `  SHA-256:                ${s.sha256}`,
  ];
}

function matchesKey(der: Uint8Array, key: KeyObject): boolean {
  try {
    return new X509Certificate(der).checkPrivateKey(key);
  } catch {
    return false;
  }
}

export interface InspectedPkcs12 {
  /** The identity to store: normalised PKCS#8 key, leaf, chain leaf first. */
  identity: IssuedCertificate;
  certificate: CertificateSummary;
}

/**
 * Opens a PKCS#12 and checks it can sign: exactly one private key, a certificate whose public key is that
 * key's, currently valid, key usage (when present) allowing digitalSignature or nonRepudiation, RSA ≥ 2048
 * bit or ECDSA P-256. Throws KeyImportError otherwise.
 */
export async function inspectPkcs12(p12: Uint8Array, passphrase: string, now = new Date()): Promise<InspectedPkcs12> {
  let contents: ReturnType<typeof readPkcs12>;
  try {
    contents = readPkcs12(p12, passphrase);
  } catch (e) {
    if (e instanceof Pkcs12PassphraseError) throw new KeyImportError(WRONG_P12_PASSPHRASE);
    throw new KeyImportError((e as Error).message);
  }
  if (contents.keys.length !== 1) {
    throw new KeyImportError(`Tệp PKCS#12 phải chứa đúng một khóa bí mật, tệp này có ${contents.keys.length} (exactly one private key expected).`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(contents.keys[0]!), format: 'der', type: 'pkcs8' });
  } catch (e) {
    throw new KeyImportError(`Không đọc được khóa bí mật trong tệp PKCS#12 (unreadable private key): ${(e as Error).message}`);
  }
  if (contents.certificates.length === 0) throw new KeyImportError('Tệp PKCS#12 không có chứng thư số (no certificate in the file).');
  const matching = contents.certificates.filter((der) => matchesKey(der, key));
  if (matching.length === 0) {
    const names = contents.certificates.map((der) => describeCertificate(der).subjectCn).join('; ');
    throw new KeyImportError(`Khóa bí mật không khớp với chứng thư số trong tệp (the private key does not match the certificate: ${names}).`);
  }
  // The same key certified twice (a renewal): the certificate that expires last.
  const leaf = matching.map((der) => ({ der, s: describeCertificate(der) })).sort((a, b) => b.s.notAfter.getTime() - a.s.notAfter.getTime())[0]!;
  const summary = leaf.s;
  if (now < summary.notBefore) throw new KeyImportError(`Chứng thư số của ${summary.subjectCn} chưa có hiệu lực (not yet valid): ${validityText(summary)}.`);
  if (now > summary.notAfter) throw new KeyImportError(`Chứng thư số của ${summary.subjectCn} đã hết hạn (expired): ${validityText(summary)}.`);
  const usage = keyUsageOf(leaf.der);
  if (usage && !usage.includes('digitalSignature') && !usage.includes('nonRepudiation')) {
    throw new KeyImportError(`Chứng thư số không được phép dùng để ký (key usage: ${usage.join(', ') || 'none'}; digitalSignature or nonRepudiation required).`);
  }
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new KeyImportError(`Khóa ${algorithmOf(key)} quá ngắn, cần RSA từ 2048 bit (RSA key too short).`);
  }
  let chain: Uint8Array[];
  let keyAlgorithm: KeyAlgorithm;
  try {
    const others = contents.certificates.filter((der) => !matchesKey(der, key));
    const identity = await keyObjectSigner(key, [leaf.der, ...others]).identity();
    chain = identity.certificateChain;
    keyAlgorithm = identity.keyAlgorithm;
  } catch (e) {
    throw new KeyImportError(`Khóa không được hỗ trợ (${algorithmOf(key)}): ${(e as Error).message}`);
  }
  return {
    identity: {
      keyAlgorithm,
      privateKeyPkcs8Der: new Uint8Array(key.export({ type: 'pkcs8', format: 'der' })),
      certificateDer: leaf.der, certificatePem: toPem('CERTIFICATE', leaf.der), chainDer: chain,
    },
    certificate: summary,
  };
}

/** True when the chain ends in, or was issued by, one of `roots` (signature checked). */
export function chainAnchored(chain: Uint8Array[], roots: Uint8Array[]): boolean {
  const rootCerts = roots.map((der) => ({ der, x: new X509Certificate(der) }));
  if (chain.some((c) => rootCerts.some((r) => Buffer.from(r.der).equals(Buffer.from(c))))) return true;
  const last = new X509Certificate(chain[chain.length - 1]!);
  return rootCerts.some((r) => last.checkIssued(r.x) && last.verify(r.x.publicKey));
}

export interface ImportOptions {
  kind: 'unit' | 'user';
  /** Unit code (e.g. 18202) or username. */
  name: string;
  p12: Uint8Array;
  /** The file's passphrase, or a function asking for it (called only once the target has been checked). */
  passphrase: string | (() => Promise<string>);
  replace?: boolean;
  now?: Date;
  /** Where the file came from (a file name), for the audit log. */
  source?: string;
}

export interface ImportResult {
  kind: 'unit' | 'user';
  /** The name the key is stored under (the unit code / the username as in the database). */
  name: string;
  /** The unit's or the user's full name. */
  owner: string;
  certificate: CertificateSummary;
  /** The certificate replaced, if any. */
  replaced: CertificateSummary | null;
  chainLength: number;
  /** The chain reaches a root in keys/trusted (otherwise verification will report it untrusted). */
  trusted: boolean;
}

async function resolveTarget(db: Database, kind: 'unit' | 'user', name: string): Promise<{ name: string; owner: string; unitId: number | null; userId: number | null }> {
  if (kind === 'unit') {
    const unit = await findUnitByCode(db, name);
    if (!unit) throw new KeyImportError(`Không tìm thấy đơn vị có mã "${name}" (unknown unit).`);
    return { name: unit.code, owner: unit.fullName, unitId: unit.id, userId: null };
  }
  const user = await findUserByUsername(db, name);
  if (!user) throw new KeyImportError(`Không tìm thấy tài khoản "${name}" (unknown user).`);
  if (user.accountType !== 'staff') throw new KeyImportError(`Tài khoản "${user.username}" không phải tài khoản cán bộ (not a staff account).`);
  return { name: user.username, owner: user.fullName, unitId: null, userId: user.id };
}

/**
 * Imports the organisation certificate of a unit or the personal certificate of a user from a PKCS#12.
 * Every check runs before anything is written; on success the keystore holds the key under `kind/name`
 * and one audit entry records subject and serial.
 */
export async function importPkcs12(db: Database, ks: Keystore, opts: ImportOptions): Promise<ImportResult> {
  const target = await resolveTarget(db, opts.kind, opts.name);
  const label = opts.kind === 'unit' ? `Đơn vị ${target.name}` : `Tài khoản ${target.name}`;
  const exists = ks.has(opts.kind, target.name);
  if (exists && !opts.replace) {
    throw new KeyImportError(`${label} đã có khóa ký số; thêm --replace để thay thế (a key exists already; use --replace).`);
  }
  const passphrase = typeof opts.passphrase === 'string' ? opts.passphrase : await opts.passphrase();
  const inspected = await inspectPkcs12(opts.p12, passphrase, opts.now ?? new Date());
  let replaced: CertificateSummary | null = null;
  if (exists) {
    try {
      const old = await ks.signer(opts.kind, target.name);
      const oldLeaf = old ? (await old.identity()).certificateChain[0] : undefined;
      replaced = oldLeaf ? describeCertificate(oldLeaf) : null;
    } catch {
      replaced = null; // unreadable old file: replaced all the same
    }
  }
  // What `ks.signer()` will read must open before anything is written.
  const check = await pkcs12Signer(exportPkcs12(inspected.identity, ks.passphrase(), target.name), ks.passphrase());
  const checkLeaf = (await check.identity()).certificateChain[0]!;
  if (!Buffer.from(checkLeaf).equals(Buffer.from(inspected.identity.certificateDer))) throw new Error('internal: re-encoded PKCS#12 differs');
  ks.save(opts.kind, target.name, inspected.identity);
  const c = inspected.certificate;
  await audit(db, {
    unitId: target.unitId,
    action: exists ? 'signingKey.replace' : 'signingKey.import',
    target: `${opts.kind}:${target.name}`,
    details: {
      subjectCn: c.subjectCn, issuerCn: c.issuerCn, serial: c.serial, sha256: c.sha256,
      notBefore: c.notBefore.toISOString(), notAfter: c.notAfter.toISOString(), algorithm: c.algorithm,
      ...(target.userId !== null ? { userId: target.userId } : {}),
      ...(replaced ? { replacedSerial: replaced.serial } : {}),
      ...(opts.source ? { source: opts.source } : {}),
      via: 'cli',
    },
  });
  return {
    kind: opts.kind, name: target.name, owner: target.owner, certificate: c, replaced,
    chainLength: inspected.identity.chainDer.length,
    trusted: chainAnchored(inspected.identity.chainDer, ks.trustedRoots()),
  };
}

/** Certificates in a PEM (one or more blocks) or DER (.cer) file. */
export function parseCertificateFile(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString('latin1');
  const ders = text.includes('-----BEGIN CERTIFICATE-----')
    ? fromPem(text.replace(/-----BEGIN (?!CERTIFICATE-----)[A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g, ''))
    : [bytes];
  for (const der of ders) {
    try {
      new X509Certificate(der);
    } catch {
      throw new KeyImportError('Không đọc được chứng thư số: tệp phải là X.509 dạng PEM hoặc DER (.pem, .cer, .crt).');
    }
  }
  if (ders.length === 0) throw new KeyImportError('Tệp không có chứng thư số (no certificate in the file).');
  return ders;
}

/** A file name for a trusted root: ASCII of its CN plus a fingerprint prefix. */
export function trustedRootName(s: CertificateSummary): string {
  const slug = s.subjectCn.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd')
    .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50);
  return `${slug || 'root'}-${s.sha256.slice(0, 8)}`;
}

export interface TrustResult {
  name: string;
  certificate: CertificateSummary;
  /** False when the same certificate was trusted already. */
  added: boolean;
  selfSigned: boolean;
  expired: boolean;
}

/**
 * Adds the CA certificate(s) of a PEM or DER file to keys/trusted. Refuses (writing nothing) a certificate
 * that is not a CA (basicConstraints cA; a self-signed certificate without the extension counts as a root).
 */
export async function trustRoots(db: Database, ks: Keystore, bytes: Uint8Array, opts: { now?: Date; source?: string } = {}): Promise<TrustResult[]> {
  const now = opts.now ?? new Date();
  const existing = ks.trustedRoots().map((d) => Buffer.from(d));
  const unique = parseCertificateFile(bytes).filter((der, i, all) => all.findIndex((d) => Buffer.from(d).equals(Buffer.from(der))) === i);
  const planned = unique.map((der) => {
    const x = new X509Certificate(der);
    const certificate = describeCertificate(der);
    // Not checkIssued: OpenSSL's version also wants keyCertSign, which a self-signed end-entity certificate lacks.
    const selfSigned = x.subject === x.issuer && x.verify(x.publicKey);
    // A CA certificate, or a self-signed root without basicConstraints (X.509 v1); path validation refuses an
    // anchor marked cA:FALSE, so such a certificate would never make a signature trusted.
    const ca = basicConstraintsCa(der);
    if (!(ca === true || (ca === null && selfSigned))) {
      throw new KeyImportError(`"${certificate.subjectCn}" không phải chứng thư của CA nên không thể là chứng thư gốc tin cậy (not a CA certificate).`);
    }
    return {
      der, name: trustedRootName(certificate), certificate, selfSigned,
      expired: now > certificate.notAfter, added: !existing.some((e) => e.equals(Buffer.from(der))),
    };
  });
  for (const p of planned.filter((r) => r.added)) {
    ks.addTrustedRoot(p.name, p.der);
    const c = p.certificate;
    await audit(db, {
      action: 'trustedRoot.add', target: `trusted:${p.name}`,
      details: { subjectCn: c.subjectCn, issuerCn: c.issuerCn, serial: c.serial, sha256: c.sha256, notAfter: c.notAfter.toISOString(), ...(opts.source ? { source: opts.source } : {}), via: 'cli' },
    });
  }
  return planned.map(({ name, certificate, added, selfSigned, expired }) => ({ name, certificate, added, selfSigned, expired }));
}
