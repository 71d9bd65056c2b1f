/**
 * Export of TEST identities: PKCS#12 (RSA and EC) and encrypted PKCS#8 PEM.
 */
import { createPrivateKey } from 'node:crypto';
import forge from 'node-forge';
import { withUtf8Pbkdf2 } from './pkcs12-signer.js';
import type { IssuedCertificate } from './test-ca.js';

function derToForgeAsn1(der: Uint8Array): forge.asn1.Asn1 {
  return forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')));
}

/** Encrypted PKCS#8 PEM (AES-256-CBC, PBKDF2) of the identity's private key. */
export function exportEncryptedKeyPem(id: IssuedCertificate, passphrase: string): string {
  const key = createPrivateKey({ key: Buffer.from(id.privateKeyPkcs8Der), format: 'der', type: 'pkcs8' });
  return key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }) as string;
}

/**
 * PKCS#12 with AES-256 / PBKDF2 (readable by OpenSSL 3 and node-forge; the passphrase is UTF-8 as in OpenSSL),
 * leaf + chain. node-forge's writer only models RSA keys/certificates, so
 * for EC material its three RSA-only serialisers are swapped for the
 * prepared DER for the duration of this synchronous call.
 */
export function exportPkcs12(id: IssuedCertificate, passphrase: string, friendlyName = 'xaso-test'): Uint8Array {
  const pki = forge.pki as unknown as Record<string, unknown>;
  const saved = { p: pki['privateKeyToAsn1'], w: pki['wrapRsaPrivateKey'], c: pki['certificateToAsn1'] };
  const certMarkers = id.chainDer.map((der) => ({ __der: der }));
  const keyMarker = { __der: id.privateKeyPkcs8Der };
  try {
    pki['privateKeyToAsn1'] = (k: { __der?: Uint8Array }) => (k.__der ? k : (saved.p as (x: unknown) => unknown)(k));
    pki['wrapRsaPrivateKey'] = (k: { __der?: Uint8Array }) => (k.__der ? derToForgeAsn1(k.__der) : (saved.w as (x: unknown) => unknown)(k));
    pki['certificateToAsn1'] = (c: { __der?: Uint8Array }) => (c.__der ? derToForgeAsn1(c.__der) : (saved.c as (x: unknown) => unknown)(c));
    const asn = withUtf8Pbkdf2(() => forge.pkcs12.toPkcs12Asn1(
      keyMarker as unknown as Parameters<typeof forge.pkcs12.toPkcs12Asn1>[0],
      certMarkers as unknown as Parameters<typeof forge.pkcs12.toPkcs12Asn1>[1],
      passphrase,
      { algorithm: 'aes256', friendlyName, generateLocalKeyId: true },
    ));
    return new Uint8Array(Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary'));
  } finally {
    pki['privateKeyToAsn1'] = saved.p;
    pki['wrapRsaPrivateKey'] = saved.w;
    pki['certificateToAsn1'] = saved.c;
  }
}
