/**
 * `xaso backup` / `xaso restore`: a seeded installation (dossiers with events, uploaded papers, signed results) is
 * archived while dossiers keep arriving, restored into an empty installation, and compared table by table, chain
 * by chain, file by file and signature by signature. Runs on PGlite, and on PostgreSQL when XASO_TEST_DATABASE_URL
 * is set.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/db.js';
import { act, addAttachment, createDraft, verifyEventChains } from '../../src/dossiers/index.js';
import { findUnitByCode, principalByUsername } from '../../src/identity/index.js';
import type { Principal } from '../../src/platform/http/index.js';
import type { Database } from '../../src/platform/db/index.js';
import { openKeystore } from '../../src/documents/keys/keystore.js';
import { initTestKeys } from '../../src/documents/keys/init.js';
import { localFileStore } from '../../src/platform/storage/index.js';
import { verifyPdfSignatures } from '../../src/signing/index.js';
import { createBackup, restoreBackup, RestoreRefused, type Manifest } from '../../src/platform/backup/index.js';

const applicant = { fullName: 'Trần Văn Bình', idNumber: '042190000123', phone: '0912345678', email: '', address: 'Thôn 5, xã Tứ Mỹ' };
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** Every row of every table, in primary key order, as JSON text: two installations hold the same data when these agree. */
async function tableContents(db: Database, manifest: Manifest): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of manifest.tables) {
    const cols = t.columns.map((c) => `"${c}"`).join(', ');
    const rows = await db.rows<{ j: string }>(sql.raw(`select to_json(x)::text as j from (select ${cols} from "${t.name}") x order by 1`));
    out[t.name] = rows.map((r) => r.j);
  }
  return out;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('backup and restore', () => {
  let source: TestApp;
  let dirs: { keys: string; storage: string; work: string };
  let unitId: number;
  let reception: Principal;
  let specialist: Principal;
  let leader: Principal;

  beforeAll(async () => {
    dirs = { keys: mkdtempSync(join(tmpdir(), 'xaso-keys-')), storage: mkdtempSync(join(tmpdir(), 'xaso-store-')), work: mkdtempSync(join(tmpdir(), 'xaso-backup-')) };
    // no background job may change the source between the backup and the comparison (e.g. send queued notifications)
    source = await createTestApp({ env: { XASO_KEYS_DIR: dirs.keys, XASO_STORAGE_DIR: dirs.storage, XASO_JOB_INTERVAL_SECONDS: '3600' } });
    await initTestKeys(source.db, openKeystore(dirs.keys));
    unitId = (await findUnitByCode(source.db, '18202'))!.id;
    [reception, specialist, leader] = (await Promise.all(['tumy.tiepnhan', 'tumy.chuyenvien', 'tumy.lanhdao'].map((u) => principalByUsername(source.db, u)))) as [Principal, Principal, Principal];
  }, 60_000);
  afterAll(() => source.dispose());

  /** A counter dossier received with one scanned paper; `approve` takes it to a signed result. */
  async function dossier(n: number, approve: boolean) {
    const hooks = source.server.dossierHooks;
    const d = await createDraft(source.db, { unitId, procedureCode: '1.004873', channel: 'counter', applicant, ownerUserId: null, createdBy: reception.userId });
    await addAttachment(source.db, localFileStore(dirs.storage), { dossier: d, documentIndex: null, fileName: `giay-to-${n}.png`, bytes: Buffer.concat([PNG, Buffer.from(`so ${n}`)]), digitized: true, uploadedBy: reception.userId });
    let r = await act(source.db, { unitId, dossierId: d.id, action: 'receive', actor: reception, payload: {}, idempotencyKey: null, hooks });
    if (!approve) return;
    if (r.dossier.state === 'received') r = await act(source.db, { unitId, dossierId: d.id, action: 'assign', actor: reception, payload: { specialistUserId: specialist.userId }, idempotencyKey: null, hooks });
    const handler = r.dossier.assignedTo === reception.userId ? reception : specialist;
    await act(source.db, { unitId, dossierId: d.id, action: 'submitForApproval', actor: handler, payload: { note: 'Đủ điều kiện' }, idempotencyKey: null, hooks });
    await act(source.db, { unitId, dossierId: d.id, action: 'approve', actor: leader, payload: {}, idempotencyKey: null, hooks });
  }

  it('round-trips every table, event chain, stored file and signature into an empty installation', async () => {
    for (let i = 0; i < 12; i++) await dossier(i, i % 3 === 0);
    const archive = join(dirs.work, 'sao-luu.tar.gz');
    const { manifest, missingFiles } = await createBackup(source.db, { out: archive, storageDir: dirs.storage, keysDir: dirs.keys, appVersion: 'test' });
    expect(missingFiles).toEqual([]);
    expect(manifest.tables.find((t) => t.name === 'sessions')).toBeUndefined();
    expect(manifest.files.length).toBeGreaterThanOrEqual(12 + 4); // 12 papers and 4 signed results at least
    expect(manifest.keys.map((k) => k.name)).toContain('users/tumy.lanhdao.p12');

    const target = await createTestDatabase();
    const restored = { keys: mkdtempSync(join(tmpdir(), 'xaso-keys-')), storage: join(mkdtempSync(join(tmpdir(), 'xaso-store-')), 'files') };
    try {
      const loaded = await restoreBackup(target, { archive, storageDir: restored.storage, keysDir: restored.keys });
      const count = (name: string) => manifest.tables.find((t) => t.name === name)!.rows;
      expect(loaded.tables.map((t) => t.rows)).toEqual(manifest.tables.map((t) => t.rows));
      expect(count('dossiers')).toBeGreaterThanOrEqual(12);

      const chains = await verifyEventChains(target);
      expect(chains.problems).toEqual([]);
      expect(chains.dossiers).toBe(count('dossiers'));
      expect(chains.events).toBe(count('dossier_events'));
      const after = await tableContents(target, manifest);
      const now = await tableContents(source.db, manifest);
      for (const t of manifest.tables) expect(after[t.name], t.name).toEqual(now[t.name]);

      // Every stored file is back with the hash its row records; every signed result still verifies.
      const files = localFileStore(restored.storage);
      const papers = await target.rows<{ storage_key: string; sha256: string }>(sql`select storage_key, sha256 from attachments`);
      expect(papers.length).toBe(count('attachments'));
      for (const p of papers) expect(sha256(await files.get(p.storage_key))).toBe(p.sha256);
      const results = await target.rows<{ storage_key: string; pdf_sha256: string }>(sql`select storage_key, pdf_sha256 from outgoing_documents where state = 'signed'`);
      expect(results.length).toBeGreaterThanOrEqual(4);
      const roots = openKeystore(restored.keys).trustedRoots();
      for (const r of results) {
        const pdf = await files.get(r.storage_key);
        expect(sha256(pdf)).toBe(r.pdf_sha256);
        const sigs = await verifyPdfSignatures(new Uint8Array(pdf), roots);
        expect(sigs.map((s) => [s.intact, s.signatureValid, s.chainTrusted])).toEqual([[true, true, true], [true, true, true]]);
      }
      expect(readFileSync(join(restored.keys, 'users', 'tumy.lanhdao.p12'))).toEqual(readFileSync(join(dirs.keys, 'users', 'tumy.lanhdao.p12')));

      // Identity sequences continue after the restored rows: the next dossier gets a new id and the next code.
      const before = await target.rows<{ id: number; code: string }>(sql`select max(id)::int as id, max(code) as code from dossiers`);
      const next = await createDraft(target, { unitId, procedureCode: '1.004873', channel: 'counter', applicant, ownerUserId: null, createdBy: reception.userId });
      expect(next.id).toBeGreaterThan(before[0]!.id);

      // A second restore into the now filled installation is refused and changes nothing.
      const rowsBefore = await tableContents(target, manifest);
      await expect(restoreBackup(target, { archive, storageDir: mkdtempSync(join(tmpdir(), 'xaso-store-')), keysDir: mkdtempSync(join(tmpdir(), 'xaso-keys-')) }))
        .rejects.toThrow(/đã có dữ liệu/);
      expect(await tableContents(target, manifest)).toEqual(rowsBefore);
    } finally {
      await target.dispose();
    }
  }, 300_000);

  it('archives one consistent moment while dossiers keep arriving', async () => {
    const archive = join(dirs.work, 'dang-chay.tar.gz');
    let arriving = true;
    const writers = [0, 1, 2].map(async (w) => {
      let n = 0;
      while (arriving) await dossier(1000 * (w + 1) + n++, n % 4 === 0);
      return n;
    });
    await new Promise((r) => setTimeout(r, 300));
    const { manifest } = await createBackup(source.db, { out: archive, storageDir: dirs.storage, appVersion: 'test' });
    arriving = false;
    expect((await Promise.all(writers)).reduce((a, b) => a + b)).toBeGreaterThan(0);
    const target = await createTestDatabase();
    try {
      await restoreBackup(target, { archive, storageDir: mkdtempSync(join(tmpdir(), 'xaso-store-')), keysDir: mkdtempSync(join(tmpdir(), 'xaso-keys-')) });
      // No dossier action cut in half: each dossier row ends where its event chain ends, and has its statistics row.
      expect((await verifyEventChains(target)).problems).toEqual([]);
      const orphans = await target.rows<{ n: number }>(sql`select count(*)::int as n from dossiers d where d.state <> 'draft'
        and not exists (select 1 from dossier_stats s where s.unit_id = d.unit_id and s.dossier_id = d.id)`);
      expect(orphans[0]!.n).toBe(0);
      // Append-only history is a prefix of the source's: every restored event and audit entry exists there unchanged.
      const after = await tableContents(target, manifest);
      const now = await tableContents(source.db, manifest);
      for (const name of ['dossier_events', 'audit_log', 'attachments']) {
        const present = new Set(now[name]);
        expect(after[name]!.filter((row) => !present.has(row)), name).toEqual([]);
      }
    } finally {
      await target.dispose();
    }
  }, 300_000);

  it('refuses a damaged archive before touching anything', async () => {
    const archive = join(dirs.work, 'nguyen-ven.tar.gz');
    await createBackup(source.db, { out: archive, storageDir: dirs.storage, appVersion: 'test' });
    await expect(createBackup(source.db, { out: archive, storageDir: dirs.storage, appVersion: 'test' })).rejects.toThrow(/EEXIST/);
    const bytes = readFileSync(archive);
    const damaged = join(dirs.work, 'hong.tar.gz');
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    writeFileSync(damaged, flipped);
    // cut at several places, down to the last bytes (inside the manifest, the last entry)
    const cuts = [0.3, 0.7, 0.95, 0.999].map((share) => {
      const file = join(dirs.work, `cut-${share}.tar.gz`);
      writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * share)));
      return file;
    });
    const target = await createTestDatabase();
    try {
      for (const file of [damaged, ...cuts]) {
        const storage = mkdtempSync(join(tmpdir(), 'xaso-store-'));
        const err = await restoreBackup(target, { archive: file, storageDir: storage, keysDir: mkdtempSync(join(tmpdir(), 'xaso-keys-')) }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RestoreRefused);
        expect(readdirSync(storage)).toEqual([]);
        expect((await target.rows<{ n: number }>(sql`select count(*)::int as n from units`))[0]!.n).toBe(0);
      }
      // The intact archive still restores into the same, untouched target.
      const manifest = await restoreBackup(target, { archive, storageDir: mkdtempSync(join(tmpdir(), 'xaso-store-')), keysDir: mkdtempSync(join(tmpdir(), 'xaso-keys-')) });
      expect(manifest.keys).toEqual([]);
      expect((await verifyEventChains(target)).problems).toEqual([]);
    } finally {
      await target.dispose();
    }
  }, 300_000);
});
