import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KeyImportError, formatDate, importPkcs12, inspectPkcs12, trustRoots } from '../../src/documents/keys/import.js';
import { openKeystore, type Keystore } from '../../src/documents/keys/keystore.js';
import { seedDemoUsers, seedUnitsData } from '../../src/identity/index.js';
import {
  createTestCa, exportPkcs12, issueCertificate, signPdf, verifyPdfSignatures, type IssuedCertificate, type TestCa,
} from '../../src/signing/index.js';
import { createProcessDatabase, createTestDatabase } from '../helpers/db.js';
import { makePdf, run, tempDir } from './helpers.js';

const ROOT = join(import.meta.dirname, '../..');
/** The CA's passphrase for the files it hands out: deliberately non-ASCII (OpenSSL encodes it as UTF-8). */
const P12_PASS = 'Mật-khẩu CA 2026';
/** Signed now: certificates made during the run start at the current second. */
const meta = () => ({ reason: 'Phê duyệt', location: 'Tứ Mỹ', name: 'Test', signingTime: new Date() });
const DAY = 86_400_000;

let dir: string;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let ca: TestCa;
let unitCert: IssuedCertificate;
let userCert: IssuedCertificate;
let other: IssuedCertificate;
let expired: IssuedCertificate;
let notYet: IssuedCertificate;

const scratch: string[] = [];
/** A temporary folder removed after the run. */
function scratchDir(prefix = 'xaso-ks-'): string {
  const d = tempDir(prefix);
  scratch.push(d);
  return d;
}

function writeP12(name: string, id: IssuedCertificate, pass = P12_PASS): string {
  const f = join(dir, name);
  writeFileSync(f, exportPkcs12(id, pass));
  return f;
}

/** A keystore in a fresh folder that trusts `ca`. */
async function freshKeystore(trust = true): Promise<Keystore> {
  const ks = openKeystore(scratchDir());
  if (trust) await trustRoots(db, ks, Buffer.from(ca.certificatePem));
  return ks;
}

async function signsAndVerifies(ks: Keystore, kind: 'unit' | 'user', name: string): Promise<void> {
  const signer = await ks.signer(kind, name);
  expect(signer).not.toBeNull();
  const signed = await signPdf(await makePdf(), signer!, meta());
  const [r] = await verifyPdfSignatures(signed, ks.trustedRoots());
  expect(r).toMatchObject({ intact: true, signatureValid: true, chainTrusted: true, coversWholeDocument: true });
}

function listFiles(d: string): string[] {
  if (!existsSync(d)) return [];
  return readdirSync(d, { recursive: true, encoding: 'utf8' }).sort();
}

async function auditRows(target: string): Promise<Array<{ action: string; details: Record<string, unknown> }>> {
  return db.rows(sql`select action, details from audit_log where target = ${target} order by id`);
}

function openssl(args: string[]): void {
  const r = run('openssl', args);
  if (r.code !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.out}`);
}

const OFFICER_SUBJECT = '/C=VN/O=Ủy ban nhân dân xã Tứ Mỹ/CN=Đặng Thị Văn Thư';

/** A self-signed RSA certificate + key made by `openssl req -x509`, exported by `openssl pkcs12 -export`. */
function opensslSelfSignedP12(name: string, keyUsage: string): string {
  const key = join(dir, `${name}.key`); const crt = join(dir, `${name}.crt`); const p12 = join(dir, `${name}.p12`);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-days', '365', '-utf8', '-subj', OFFICER_SUBJECT,
    '-addext', 'basicConstraints=critical,CA:FALSE', '-addext', `keyUsage=critical,${keyUsage}`]);
  openssl(['pkcs12', '-export', '-inkey', key, '-in', crt, '-out', p12, '-passout', `pass:${P12_PASS}`]);
  return p12;
}

/**
 * A CA made by `openssl req -x509 -newkey rsa:2048` and a personal certificate it issues, the way a
 * public CA hands them out: PKCS#12 with leaf + CA certificate (`extra`: e.g. -legacy, 3DES/RC2 as Windows exports).
 */
function opensslIssuedP12(name: string, extra: string[]): { p12: string; caDer: string } {
  const f = (ext: string) => join(dir, `${name}.${ext}`);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.crt'), '-days', '3650', '-utf8',
    '-subj', '/C=VN/O=Nhà cung cấp chứng thư THỬ NGHIỆM/CN=OpenSSL TEST Root CA']);
  openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('key'), '-out', f('csr'), '-utf8', '-subj', OFFICER_SUBJECT]);
  writeFileSync(f('ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=emailProtection,clientAuth\n');
  openssl(['x509', '-req', '-in', f('csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '365', '-extfile', f('ext'), '-out', f('crt')]);
  openssl(['pkcs12', '-export', ...extra, '-inkey', f('key'), '-in', f('crt'), '-certfile', f('ca.crt'), '-out', f('p12'), '-passout', `pass:${P12_PASS}`]);
  openssl(['x509', '-in', f('ca.crt'), '-outform', 'DER', '-out', f('cer')]);
  return { p12: f('p12'), caDer: f('cer') };
}

beforeAll(async () => {
  dir = tempDir('xaso-keys-import-');
  db = await createTestDatabase();
  await seedUnitsData(db);
  await seedDemoUsers(db);
  ca = await createTestCa({ commonName: 'CA THỬ NGHIỆM kiểu VNPT-CA – KHÔNG DÙNG THẬT' });
  unitCert = await issueCertificate(ca, { kind: 'organisation', commonName: 'Ủy ban nhân dân xã Tứ Mỹ' });
  userCert = await issueCertificate(ca, { kind: 'personal', commonName: 'Hoàng Văn Lãnh Đạo', keyAlgorithm: 'ECDSA' });
  other = await issueCertificate(ca, { kind: 'organisation', commonName: 'Ủy ban nhân dân phường Thành Sen' });
  expired = await issueCertificate(ca, { kind: 'organisation', commonName: 'Hết hạn', notBefore: new Date(Date.now() - 400 * DAY), validityDays: 30 });
  notYet = await issueCertificate(ca, { kind: 'organisation', commonName: 'Chưa hiệu lực', notBefore: new Date(Date.now() + 10 * DAY) });
}, 120_000);

afterAll(async () => {
  await db?.dispose();
  for (const d of [dir, ...scratch]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('keys import (functions)', () => {
  it('imports a unit seal certificate; the keystore signer signs a PDF that verifies; audit has subject and serial', async () => {
    const ks = await freshKeystore();
    const file = writeP12('unit.p12', unitCert);
    // The CA's file is a standard PKCS#12: OpenSSL opens it with the UTF-8 passphrase.
    const opened = run('openssl', ['pkcs12', '-in', file, '-passin', `pass:${P12_PASS}`, '-nodes']);
    expect(opened.code, opened.out).toBe(0);
    expect(opened.out).toContain('BEGIN PRIVATE KEY');
    const r = await importPkcs12(db, ks, { kind: 'unit', name: '18202', p12: readFileSync(file), passphrase: P12_PASS, source: 'unit.p12' });
    const serial = new X509Certificate(unitCert.certificateDer).serialNumber.toUpperCase();
    expect(r).toMatchObject({
      kind: 'unit', name: '18202', replaced: null, chainLength: 2, trusted: true,
      certificate: { subjectCn: 'Ủy ban nhân dân xã Tứ Mỹ', issuerCn: 'CA THỬ NGHIỆM kiểu VNPT-CA – KHÔNG DÙNG THẬT', serial, algorithm: 'RSA 2048 bit' },
    });
    expect(r.owner).toContain('Tứ Mỹ');
    const stored = join(ks.dir, 'units', '18202.p12');
    expect(statSync(stored).mode & 0o777).toBe(0o600);
    // Same format as `keys init`: our PKCS#12, encrypted with the installation passphrase (not the CA's).
    await expect(inspectPkcs12(readFileSync(stored), P12_PASS)).rejects.toThrow(/Mật khẩu tệp PKCS#12 không đúng/);
    expect((await inspectPkcs12(readFileSync(stored), ks.passphrase())).certificate.serial).toBe(serial);
    await signsAndVerifies(ks, 'unit', '18202');
    const rows = await auditRows('unit:18202');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'signingKey.import', details: { serial, subjectCn: 'Ủy ban nhân dân xã Tứ Mỹ', source: 'unit.p12' } });
    expect(JSON.stringify(rows[0])).not.toContain(P12_PASS);
    expect(JSON.stringify(rows[0])).not.toContain(ks.passphrase());
  });

  it('imports an ECDSA personal certificate under the username as stored in the database', async () => {
    const ks = await freshKeystore();
    const r = await importPkcs12(db, ks, { kind: 'user', name: 'TUMY.LanhDao', p12: readFileSync(writeP12('user.p12', userCert)), passphrase: P12_PASS });
    expect(r).toMatchObject({ kind: 'user', name: 'tumy.lanhdao', owner: 'Hoàng Văn Lãnh Đạo', certificate: { algorithm: 'ECDSA P-256' } });
    await signsAndVerifies(ks, 'user', 'tumy.lanhdao');
    expect(await auditRows('user:tumy.lanhdao')).toHaveLength(1);
  });

  it('refuses a wrong passphrase and writes nothing (not even the installation passphrase)', async () => {
    const ks = openKeystore(join(scratchDir(), 'keys'));
    const p12 = readFileSync(writeP12('wrong.p12', unitCert));
    const err = await importPkcs12(db, ks, { kind: 'unit', name: '18073', p12, passphrase: 'sai-mat-khau' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyImportError);
    expect((err as Error).message).toMatch(/^Mật khẩu tệp PKCS#12 không đúng/);
    expect((err as Error).message).not.toContain('sai-mat-khau');
    expect(existsSync(ks.dir)).toBe(false);
    expect(await auditRows('unit:18073')).toHaveLength(0);
  });

  it('refuses an expired or not yet valid certificate, showing its dates', async () => {
    const ks = await freshKeystore();
    const before = listFiles(ks.dir);
    const x = new X509Certificate(expired.certificateDer);
    const err = await importPkcs12(db, ks, { kind: 'unit', name: '18073', p12: readFileSync(writeP12('expired.p12', expired)), passphrase: P12_PASS }).then(() => new Error('imported'), (e: unknown) => e as Error);
    expect(err).toBeInstanceOf(KeyImportError);
    expect(err.message).toContain('đã hết hạn');
    expect(err.message).toContain(formatDate(new Date(x.validFrom)).slice(0, 10));
    expect(err.message).toContain(formatDate(new Date(x.validTo)));
    await expect(importPkcs12(db, ks, { kind: 'unit', name: '18073', p12: readFileSync(writeP12('notyet.p12', notYet)), passphrase: P12_PASS }))
      .rejects.toThrow(/chưa có hiệu lực.*hiệu lực từ \d{4}-\d{2}-\d{2}/);
    expect(listFiles(ks.dir)).toEqual(before);
  });

  it('refuses a PKCS#12 whose private key does not match its certificate', async () => {
    const ks = await freshKeystore();
    const mixed: IssuedCertificate = { ...unitCert, privateKeyPkcs8Der: other.privateKeyPkcs8Der };
    await expect(importPkcs12(db, ks, { kind: 'unit', name: '18073', p12: readFileSync(writeP12('mixed.p12', mixed)), passphrase: P12_PASS }))
      .rejects.toThrow(/Khóa bí mật không khớp với chứng thư số/);
    expect(ks.has('unit', '18073')).toBe(false);
  });

  it('refuses to overwrite an existing key unless replace is given; replace records the old serial', async () => {
    const ks = await freshKeystore();
    await importPkcs12(db, ks, { kind: 'unit', name: '18073', p12: readFileSync(writeP12('a.p12', other)), passphrase: P12_PASS });
    const stored = readFileSync(join(ks.dir, 'units', '18073.p12'));
    const ask = vi.fn(async () => P12_PASS);
    await expect(importPkcs12(db, ks, { kind: 'unit', name: '18073', p12: readFileSync(writeP12('b.p12', unitCert)), passphrase: ask }))
      .rejects.toThrow(/đã có khóa ký số; thêm --replace/);
    expect(ask).not.toHaveBeenCalled(); // refused before asking for the passphrase
    expect(readFileSync(join(ks.dir, 'units', '18073.p12')).equals(stored)).toBe(true);
    const r = await importPkcs12(db, ks, { kind: 'unit', name: '18073', p12: readFileSync(join(dir, 'b.p12')), passphrase: ask, replace: true });
    const oldSerial = new X509Certificate(other.certificateDer).serialNumber.toUpperCase();
    expect(r.replaced?.serial).toBe(oldSerial);
    const leaf = (await (await ks.signer('unit', '18073'))!.identity()).certificateChain[0]!;
    expect(Buffer.from(leaf).equals(Buffer.from(unitCert.certificateDer))).toBe(true);
    const rows = await auditRows('unit:18073');
    expect(rows.at(-1)).toMatchObject({ action: 'signingKey.replace', details: { replacedSerial: oldSerial } });
  });

  it('refuses an unknown unit, an unknown user and a citizen account, before asking for the passphrase', async () => {
    const ks = await freshKeystore();
    const p12 = readFileSync(writeP12('u.p12', unitCert));
    const ask = vi.fn(async () => P12_PASS);
    await expect(importPkcs12(db, ks, { kind: 'unit', name: '99999', p12, passphrase: ask })).rejects.toThrow(/Không tìm thấy đơn vị có mã "99999"/);
    await expect(importPkcs12(db, ks, { kind: 'user', name: 'khong.co', p12, passphrase: ask })).rejects.toThrow(/Không tìm thấy tài khoản "khong.co"/);
    await expect(importPkcs12(db, ks, { kind: 'user', name: 'congdan', p12, passphrase: ask })).rejects.toThrow(/không phải tài khoản cán bộ/);
    expect(ask).not.toHaveBeenCalled();
    expect(listFiles(join(ks.dir, 'units'))).toEqual([]);
  });

  it('imports PKCS#12 files made by the openssl command line (leaf + CA, default AES and -legacy); trusting the CA as DER makes them verify', async () => {
    for (const extra of [[], ['-legacy']]) {
      const ks = openKeystore(scratchDir());
      let made: { p12: string; caDer: string };
      try {
        made = opensslIssuedP12(`ossl${extra.length}`, extra);
      } catch (e) {
        if (extra.length) continue; // no legacy provider in this OpenSSL
        throw e;
      }
      const r = await importPkcs12(db, ks, { kind: 'user', name: 'tumy.vanthu', p12: readFileSync(made.p12), passphrase: P12_PASS });
      expect(r).toMatchObject({
        trusted: false, chainLength: 2,
        certificate: { subjectCn: 'Đặng Thị Văn Thư', issuerCn: 'OpenSSL TEST Root CA', algorithm: 'RSA 2048 bit' },
      });
      const [t] = await trustRoots(db, ks, readFileSync(made.caDer));
      expect(t).toMatchObject({ added: true, selfSigned: true, expired: false, certificate: { subjectCn: 'OpenSSL TEST Root CA' } });
      await signsAndVerifies(ks, 'user', 'tumy.vanthu');
    }
  });

  it('imports a self-signed certificate from `openssl req -x509` (signature valid, chain untrusted) and refuses a key usage that cannot sign', async () => {
    const ks = await freshKeystore();
    const r = await importPkcs12(db, ks, { kind: 'user', name: 'tumy.vanthu', p12: readFileSync(opensslSelfSignedP12('self', 'digitalSignature,nonRepudiation')), passphrase: P12_PASS });
    expect(r).toMatchObject({ trusted: false, chainLength: 1, certificate: { subjectCn: 'Đặng Thị Văn Thư', issuerCn: 'Đặng Thị Văn Thư' } });
    const signed = await signPdf(await makePdf(), (await ks.signer('user', 'tumy.vanthu'))!, meta());
    const [v] = await verifyPdfSignatures(signed, ks.trustedRoots());
    expect(v).toMatchObject({ intact: true, signatureValid: true, chainTrusted: false });
    // It is no CA (basicConstraints CA:FALSE), so it cannot be made a trusted root either.
    await expect(trustRoots(db, ks, readFileSync(join(dir, 'self.crt')))).rejects.toThrow(/không phải chứng thư của CA/);

    const enc = opensslSelfSignedP12('encipher', 'keyEncipherment');
    await expect(importPkcs12(db, ks, { kind: 'user', name: 'tumy.chuyenvien', p12: readFileSync(enc), passphrase: P12_PASS }))
      .rejects.toThrow(/không được phép dùng để ký \(key usage: keyEncipherment/);
    expect(ks.has('user', 'tumy.chuyenvien')).toBe(false);
  });

  it('keys trust: PEM or DER, once; refuses an end-entity certificate', async () => {
    const ks = openKeystore(scratchDir());
    const audited = (await db.rows(sql`select id from audit_log where action = 'trustedRoot.add'`)).length;
    const [a] = await trustRoots(db, ks, Buffer.from(ca.certificatePem), { source: 'ca.pem' });
    expect(a).toMatchObject({ added: true, selfSigned: true, certificate: { subjectCn: 'CA THỬ NGHIỆM kiểu VNPT-CA – KHÔNG DÙNG THẬT' } });
    expect(a!.name).toMatch(/^ca-thu-nghiem-kieu-vnpt-ca-khong-dung-that-[0-9a-f]{8}$/);
    const [b] = await trustRoots(db, ks, ca.certificateDer);
    expect(b).toMatchObject({ added: false, name: a!.name });
    expect(ks.trustedRoots()).toHaveLength(1);
    await expect(trustRoots(db, ks, Buffer.from(unitCert.certificatePem))).rejects.toThrow(/không phải chứng thư của CA/);
    await expect(trustRoots(db, ks, Buffer.from('not a certificate'))).rejects.toThrow(/PEM hoặc DER/);
    expect(ks.trustedRoots()).toHaveLength(1);
    expect(await db.rows(sql`select id from audit_log where action = 'trustedRoot.add'`)).toHaveLength(audited + 1);
    expect((await auditRows(`trusted:${a!.name}`)).at(-1)).toMatchObject({ details: { source: 'ca.pem', subjectCn: a!.certificate.subjectCn } });
  });
});

interface Cli { code: number; stdout: string; stderr: string }

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<Cli> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts'), ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = ''; let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdin.end();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

// On the pass's database: an embedded one in a data folder, or PostgreSQL when XASO_TEST_DATABASE_URL is set.
describe('xaso keys import (command line)', () => {
  const SECRET = 'Bí-mật-của-CA-7391';

  it('imports with XASO_P12_PASSPHRASE, never prints the passphrase, refuses a wrong one with exit code 1', async () => {
    const work = tempDir('xaso-keys-cli-');
    const keysDir = join(work, 'keys');
    const { XASO_P12_PASSPHRASE: _ignored, ...inherited } = process.env;
    const appData = await createProcessDatabase(join(work, 'data'));
    const env = { ...inherited, ...appData.env, XASO_KEYS_DIR: keysDir, LOG_LEVEL: 'silent' };
    mkdirSync(join(work, 'data'));
    writeFileSync(join(work, 'ca.pem'), ca.certificatePem);
    writeFileSync(join(work, 'unit.p12'), exportPkcs12(unitCert, SECRET));
    writeFileSync(join(work, 'user.p12'), exportPkcs12(userCert, SECRET));
    try {
      const seeded = await cli(['seed'], env);
      expect(seeded.code, seeded.stderr).toBe(0);

      const trusted = await cli(['keys', 'trust', join(work, 'ca.pem')], env);
      expect(trusted.code, trusted.stderr).toBe(0);
      expect(trusted.stdout).toContain('Đã thêm chứng thư gốc tin cậy');

      const ok = await cli(['keys', 'import', '--unit', '18202', join(work, 'unit.p12')], { ...env, XASO_P12_PASSPHRASE: SECRET });
      expect(ok.code, ok.stderr).toBe(0);
      const serial = new X509Certificate(unitCert.certificateDer).serialNumber.toUpperCase();
      for (const s of ['Ủy ban nhân dân xã Tứ Mỹ', 'CA THỬ NGHIỆM kiểu VNPT-CA', serial, 'RSA 2048 bit', 'Hiệu lực']) expect(ok.stdout).toContain(s);
      expect(ok.stdout).not.toContain('không tin cậy');

      const again = await cli(['keys', 'import', '--unit', '18202', join(work, 'unit.p12')], { ...env, XASO_P12_PASSPHRASE: SECRET });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('--replace');

      const wrong = await cli(['keys', 'import', '--user', 'tumy.lanhdao', join(work, 'user.p12')], { ...env, XASO_P12_PASSPHRASE: `${SECRET}-sai` });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('Mật khẩu tệp PKCS#12 không đúng');
      expect(existsSync(join(keysDir, 'users'))).toBe(false);

      const noPass = await cli(['keys', 'import', '--user', 'tumy.lanhdao', join(work, 'user.p12')], env);
      expect(noPass.code).toBe(1);
      expect(noPass.stderr).toContain('XASO_P12_PASSPHRASE');

      // A passphrase is never accepted on the command line.
      const asArg = await cli(['keys', 'import', '--user', 'tumy.lanhdao', '--passphrase', SECRET, join(work, 'user.p12')], env);
      expect(asArg.code).not.toBe(0);
      expect(existsSync(join(keysDir, 'users'))).toBe(false);

      const user = await cli(['keys', 'import', '--user', 'tumy.lanhdao', join(work, 'user.p12')], { ...env, XASO_P12_PASSPHRASE: SECRET });
      expect(user.code, user.stderr).toBe(0);
      expect(user.stdout).toContain('ECDSA P-256');

      const usage = await cli(['keys', 'import', join(work, 'user.p12')], env);
      expect(usage.code).toBe(2);

      for (const r of [trusted, ok, again, wrong, noPass, user, usage]) {
        expect(r.stdout + r.stderr).not.toContain(SECRET);
        expect(r.stdout + r.stderr).not.toMatch(/PRIVATE KEY/);
      }
      const installation = readFileSync(join(keysDir, 'passphrase'), 'utf8').trim();
      for (const r of [ok, user]) expect(r.stdout + r.stderr).not.toContain(installation);

      // The stored keys open with the installation passphrase and sign; the audit log has no secret.
      const ks = openKeystore(keysDir);
      await signsAndVerifies(ks, 'unit', '18202');
      await signsAndVerifies(ks, 'user', 'tumy.lanhdao');
      const appDb = await appData.open();
      try {
        const rows = await appDb.rows<{ action: string; target: string; details: unknown }>(sql`select action, target, details from audit_log where action like 'signingKey.%' or action like 'trustedRoot.%' order by id`);
        expect(rows.map((r) => [r.action, r.target])).toEqual([
          ['trustedRoot.add', expect.stringMatching(/^trusted:ca-thu-nghiem/)], ['signingKey.import', 'unit:18202'], ['signingKey.import', 'user:tumy.lanhdao'],
        ]);
        expect(JSON.stringify(rows)).toContain(serial);
        expect(JSON.stringify(rows)).not.toContain(SECRET);
        expect(JSON.stringify(rows)).not.toContain(installation);
      } finally {
        await appDb.close();
      }
    } finally {
      await appData.dispose();
      rmSync(work, { recursive: true, force: true });
    }
  }, 240_000);

  it.runIf(existsSync('/usr/bin/script'))('prompts for the passphrase on a terminal without echoing it', async () => {
    const work = tempDir('xaso-keys-tty-');
    const { XASO_P12_PASSPHRASE: _ignored, ...inherited } = process.env;
    const appData = await createProcessDatabase(join(work, 'data'));
    const env = { ...inherited, ...appData.env, XASO_KEYS_DIR: join(work, 'keys'), LOG_LEVEL: 'silent' };
    mkdirSync(join(work, 'data'));
    writeFileSync(join(work, 'user.p12'), exportPkcs12(userCert, SECRET));
    try {
      expect((await cli(['seed'], env)).code).toBe(0);
      const cmd = [process.execPath, '--import', 'tsx', join(ROOT, 'src/main.ts'), 'keys', 'import', '--user', 'tumy.lanhdao', join(work, 'user.p12')]
        .map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      const child = spawn('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
      let screen = '';
      let sent = false;
      child.stdout.on('data', (d: Buffer) => {
        screen += d.toString();
        if (!sent && screen.includes('Mật khẩu tệp user.p12:')) {
          sent = true;
          setTimeout(() => child.stdin.write(`${SECRET}\r`), 200);
        }
      });
      const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
      expect(sent).toBe(true);
      expect(screen).toContain('Đã nhập chứng thư số cá nhân');
      expect(screen).not.toContain(SECRET);
      expect(code).toBe(0);
    } finally {
      await appData.dispose();
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
