/** Which staff hold a signing certificate that is valid now: the keystore opens their key and the leaf certificate is in its validity period. */
import { X509Certificate } from 'node:crypto';
import type { Keystore } from '../../documents/keys/keystore.js';
import type { CertificateHolders } from '../digital.js';

/** A CertificateHolders for one request: each person's key is opened at most once. */
export function keystoreCertificateHolders(keystore: Keystore, now = new Date()): CertificateHolders {
  const known = new Map<string, Promise<boolean>>();
  const holds = async (username: string): Promise<boolean> => {
    try {
      const signer = await keystore.signer('user', username);
      if (!signer) return false;
      const leaf = (await signer.identity()).certificateChain[0];
      if (!leaf) return false;
      const cert = new X509Certificate(Buffer.from(leaf));
      return new Date(cert.validFrom) <= now && now <= new Date(cert.validTo);
    } catch {
      return false; // a name the keystore refuses, an unreadable or foreign file: no usable certificate
    }
  };
  return async (usernames) => {
    const results = await Promise.all(usernames.map(async (u) => {
      if (!known.has(u)) known.set(u, holds(u));
      return [u, await known.get(u)!] as const;
    }));
    return new Set(results.filter(([, ok]) => ok).map(([u]) => u));
  };
}
