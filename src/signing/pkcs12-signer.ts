/**
 * Software signers: PKCS#12 files (RSA or EC, legacy or OpenSSL 3
 * AES/PBKDF2) and PEM certificate + (encrypted) PKCS#8 key pairs.
 * Private-key operations use node:crypto (OpenSSL).
 */
import { X509Certificate, createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import { fromPem, toArrayBuffer } from './engine.js';
import type { KeyAlgorithm, Signer, SigningIdentity } from './signer.js';

/** Common name of a DER certificate (UTF-8 aware), or the full subject. */
export function certificateCommonName(der: Uint8Array): string {
  const cert = pkijs.Certificate.fromBER(toArrayBuffer(der));
  const cn = cert.subject.typesAndValues.find((t) => t.type === '2.5.4.3');
  return cn ? String(cn.value.valueBlock.value) : new X509Certificate(der).subject;
}

/** Orders certificates leaf first (the one matching `key`), then issuers. */
function orderChain(certs: Uint8Array[], key: KeyObject): Uint8Array[] {
  const parsed = certs.map((der) => ({ der, x: new X509Certificate(der) }));
  const leaf = parsed.find((c) => c.x.checkPrivateKey(key));
  if (!leaf) throw new Error('Không tìm thấy chứng thư số khớp với khóa bí mật (no certificate matches the private key)');
  const chain = [leaf];
  const rest = parsed.filter((c) => c !== leaf);
  for (;;) {
    const last = chain[chain.length - 1]!;
    if (last.x.checkIssued(last.x)) break; // self-signed root reached
    const idx = rest.findIndex((c) => last.x.checkIssued(c.x));
    if (idx < 0) break;
    chain.push(rest.splice(idx, 1)[0]!);
  }
  return chain.map((c) => c.der);
}

/** A Signer backed by a node:crypto private key and its certificate chain. */
export function keyObjectSigner(key: KeyObject, certificates: Uint8Array[]): Signer {
  let keyAlgorithm: KeyAlgorithm;
  if (key.asymmetricKeyType === 'rsa') keyAlgorithm = 'RSA';
  else if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') keyAlgorithm = 'ECDSA';
  else throw new Error(`Unsupported key type ${key.asymmetricKeyType ?? '?'} (RSA or ECDSA P-256 only)`);
  const certificateChain = orderChain(certificates, key);
  const identity: SigningIdentity = {
    certificateChain, keyAlgorithm, displayName: certificateCommonName(certificateChain[0]!),
  };
  return {
    identity: async () => ({ ...identity, certificateChain: [...identity.certificateChain] }),
    // RSA: PKCS#1 v1.5; EC: DER-encoded ECDSA-Sig-Value (node's default dsaEncoding 'der').
    signDigestInput: async (data) => new Uint8Array(cryptoSign('sha256', data, key)),
  };
}

function forgeAsn1ToDer(obj: forge.asn1.Asn1): Uint8Array {
  return new Uint8Array(Buffer.from(forge.asn1.toDer(obj).getBytes(), 'binary'));
}

/** The PKCS#12 passphrase is wrong (the MAC or the encrypted contents do not open with it). */
export class Pkcs12PassphraseError extends Error {
  constructor() {
    super('Mật khẩu tệp PKCS#12 không đúng (wrong PKCS#12 passphrase)');
    this.name = 'Pkcs12PassphraseError';
  }
}

/**
 * Runs `fn` (synchronous node-forge PKCS#12 code) with PBKDF2 passwords encoded as UTF-8, as OpenSSL does
 * (PKCS#5 v2 / AES PKCS#12). node-forge would pass the JS string's code units truncated to bytes, so a
 * non-ASCII passphrase (e.g. Vietnamese) would not interoperate; the MAC and the legacy PKCS#12 PBE already
 * use BMPString. ASCII passphrases are unaffected.
 */
export function withUtf8Pbkdf2<T>(fn: () => T): T {
  const pkcs5 = forge.pkcs5 as unknown as Record<string, unknown>;
  const original = pkcs5['pbkdf2'] as (p: string, ...rest: unknown[]) => unknown;
  pkcs5['pbkdf2'] = (p: string, ...rest: unknown[]) => original(forge.util.encodeUtf8(p), ...rest);
  try {
    return fn();
  } finally {
    pkcs5['pbkdf2'] = original;
  }
}

export interface Pkcs12Contents {
  /** PKCS#8 DER of every key bag (shrouded or not), in file order. */
  keys: Uint8Array[];
  /** DER of every X.509 certificate bag, byte-identical to the file, in file order. */
  certificates: Uint8Array[];
}

/**
 * Opens a PKCS#12 (legacy or OpenSSL 3 AES/PBKDF2). Throws Pkcs12PassphraseError for a wrong passphrase,
 * a plain Error for a damaged or unsupported file.
 */
export function readPkcs12(p12: Uint8Array, passphrase: string): Pkcs12Contents {
  const keys: Uint8Array[] = [];
  const certificates: Uint8Array[] = [];
  // node-forge would re-serialise the RSA keys/certificates it understands, and
  // its re-encoding of a certificate is not byte-identical (breaking the CA
  // signature). Make its model parsers decline for the duration of this
  // synchronous call, so every bag keeps its original ASN.1 in bag.asn1.
  const pki = forge.pki as unknown as Record<string, unknown>;
  const saved = { c: pki['certificateFromAsn1'], k: pki['privateKeyFromAsn1'] };
  const decline = () => { throw new Error('raw'); };
  try {
    pki['certificateFromAsn1'] = decline;
    pki['privateKeyFromAsn1'] = decline;
    const asn = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString('binary')));
    const parsed = withUtf8Pbkdf2(() => forge.pkcs12.pkcs12FromAsn1(asn, false, passphrase));
    for (const sc of parsed.safeContents) {
      for (const bag of sc.safeBags) {
        const raw = (bag as forge.pkcs12.Bag & { asn1?: forge.asn1.Asn1 }).asn1;
        if (!raw) continue;
        if (bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag) keys.push(forgeAsn1ToDer(raw));
        else if (bag.type === forge.pki.oids.certBag) certificates.push(forgeAsn1ToDer(raw));
      }
    }
  } catch (e) {
    const message = (e as Error).message;
    // node-forge's wording for a MAC mismatch, an undecryptable SafeContents or key bag (files without MAC).
    if (/Invalid password|wrong password|Failed to decrypt/i.test(message)) throw new Pkcs12PassphraseError();
    throw new Error(`Không đọc được tệp PKCS#12 (tệp hỏng hoặc không được hỗ trợ): ${message}`);
  } finally {
    pki['certificateFromAsn1'] = saved.c;
    pki['privateKeyFromAsn1'] = saved.k;
  }
  return { keys, certificates };
}

/** Reads a PKCS#12 (RSA or EC key) and returns a reusable Signer. */
export async function pkcs12Signer(p12: Uint8Array, passphrase: string): Promise<Signer> {
  const { keys, certificates } = readPkcs12(p12, passphrase);
  if (keys.length !== 1) throw new Error(`PKCS#12 must contain exactly one private key (found ${keys.length})`);
  const key = createPrivateKey({ key: Buffer.from(keys[0]!), format: 'der', type: 'pkcs8' });
  return keyObjectSigner(key, certificates);
}

/**
 * Signer from PEM: certificate(s) (leaf + chain, any order) and a PKCS#8
 * private key PEM, encrypted ("ENCRYPTED PRIVATE KEY") or not.
 */
export async function pemSigner(certPems: string | string[], keyPem: string, passphrase?: string): Promise<Signer> {
  const certs = (Array.isArray(certPems) ? certPems : [certPems]).flatMap((p) => fromPem(p));
  const key = createPrivateKey({ key: keyPem, format: 'pem', ...(passphrase !== undefined ? { passphrase } : {}) });
  return keyObjectSigner(key, certs);
}
