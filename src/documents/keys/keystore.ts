import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createPrivateKey, randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { exportPkcs12, fromPem, pkcs12Signer, toPem, type IssuedCertificate, type Signer } from '../../signing/index.js';

/**
 * Signing keys on disk, never in the database: PKCS#12 files encrypted with the installation's passphrase
 * (`passphrase`, readable by the service account only), trusted roots as PEM files in `trusted/`.
 *   keys/passphrase            random, mode 600; never logged
 *   keys/trusted/*.pem         roots our verification trusts (the TEST CA after `xaso keys init`)
 *   keys/units/<code>.p12      organisation (seal) certificates
 *   keys/users/<username>.p12  personal certificates of signing officers
 */
export interface Keystore {
  readonly dir: string;
  /** The installation's key passphrase (created on first use). Never log it. */
  passphrase(): string;
  trustedRoots(): Uint8Array[];
  addTrustedRoot(name: string, der: Uint8Array): void;
  has(kind: 'unit' | 'user', name: string): boolean;
  save(kind: 'unit' | 'user', name: string, identity: IssuedCertificate): void;
  signer(kind: 'unit' | 'user', name: string): Promise<Signer | null>;
}

const SAFE_NAME = /^[A-Za-z0-9._-]{1,80}$/;

export function openKeystore(dir: string): Keystore {
  const root = resolve(dir);
  const file = (kind: 'unit' | 'user', name: string) => {
    if (!SAFE_NAME.test(name)) throw new Error(`invalid key name: ${name}`);
    return join(root, kind === 'unit' ? 'units' : 'users', `${name}.p12`);
  };
  const passphrase = (): string => {
    const p = join(root, 'passphrase');
    if (!existsSync(p)) {
      mkdirSync(root, { recursive: true, mode: 0o700 });
      writeFileSync(p, randomBytes(24).toString('base64url'), { mode: 0o600 });
    }
    return readFileSync(p, 'utf8').trim();
  };
  return {
    dir: root,
    passphrase,
    trustedRoots() {
      const t = join(root, 'trusted');
      if (!existsSync(t)) return [];
      return readdirSync(t).filter((f) => f.endsWith('.pem')).sort().map((f) => fromPem(readFileSync(join(t, f), 'utf8'))[0]!);
    },
    addTrustedRoot(name, der) {
      if (!SAFE_NAME.test(name)) throw new Error(`invalid root name: ${name}`);
      mkdirSync(join(root, 'trusted'), { recursive: true });
      writeFileSync(join(root, 'trusted', `${name}.pem`), toPem('CERTIFICATE', der));
    },
    has: (kind, name) => existsSync(file(kind, name)),
    save(kind, name, identity) {
      const f = file(kind, name);
      mkdirSync(join(f, '..'), { recursive: true, mode: 0o700 });
      // Written beside and renamed, so that replacing a key never leaves a half-written file.
      const tmp = `${f}.${randomBytes(6).toString('hex')}.tmp`;
      writeFileSync(tmp, exportPkcs12(identity, passphrase(), name), { mode: 0o600 });
      renameSync(tmp, f);
    },
    async signer(kind, name) {
      const f = file(kind, name);
      return existsSync(f) ? pkcs12Signer(new Uint8Array(readFileSync(f)), passphrase()) : null;
    },
  };
}

/** The TEST CA kept beside the keys (its key encrypted with the passphrase) so that more test certificates can be issued later. */
export function saveTestCa(ks: Keystore, ca: IssuedCertificate): void {
  const key = createPrivateKey({ key: Buffer.from(ca.privateKeyPkcs8Der), format: 'der', type: 'pkcs8' });
  const passphrase = ks.passphrase();
  writeFileSync(join(ks.dir, 'test-ca-key.pem'), key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }) as string, { mode: 0o600 });
  writeFileSync(join(ks.dir, 'test-ca.pem'), ca.certificatePem);
}

export function loadTestCa(ks: Keystore): IssuedCertificate | null {
  const keyFile = join(ks.dir, 'test-ca-key.pem');
  if (!existsSync(keyFile)) return null;
  const key = createPrivateKey({ key: readFileSync(keyFile, 'utf8'), passphrase: ks.passphrase() });
  const certificatePem = readFileSync(join(ks.dir, 'test-ca.pem'), 'utf8');
  const certificateDer = fromPem(certificatePem)[0]!;
  return {
    keyAlgorithm: key.asymmetricKeyType === 'ec' ? 'ECDSA' : 'RSA',
    privateKeyPkcs8Der: new Uint8Array(key.export({ type: 'pkcs8', format: 'der' })),
    certificateDer, certificatePem, chainDer: [certificateDer],
  };
}
