import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { act, addAttachment, createDraft } from '../../src/dossiers/index.js';
import { nextCounter } from '../../src/platform/db/index.js';
import { formatDossierCode } from '../../src/dossiers/code.js';
import { findUnitByCode, principalByUsername } from '../../src/identity/index.js';
import { localFileStore } from '../../src/platform/storage/index.js';
import type { Principal } from '../../src/platform/http/index.js';

const applicant = { fullName: 'Lê Văn Cường', idNumber: '', phone: '0911222333', email: '', address: '' };
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj<<>>endobj\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('dossier codes', () => {
  it('formats the Circular 01/2018 code and other configured formats', () => {
    expect(formatDossierCode('{agency}-{yy}{mm}{dd}-{seq:4}', { agencyCode: '000.00.04.H40', date: '2023-04-14', seq: 2 })).toBe('000.00.04.H40-230414-0002');
    expect(formatDossierCode('{agency}-{yyyy}{mm}{dd}-{seq:7}', { agencyCode: 'G09.20', date: '2026-06-09', seq: 92637 })).toBe('G09.20-20260609-0092637');
  });

  describe('allocation', () => {
    let app: TestApp;
    let unitId: number;
    let reception: Principal;
    beforeAll(async () => {
      app = await createTestApp();
      unitId = (await findUnitByCode(app.db, '18202'))!.id;
      reception = (await principalByUsername(app.db, 'tumy.tiepnhan'))!;
    });
    afterAll(() => app.dispose());

    it('gives 100 concurrent receipts 100 distinct consecutive codes', async () => {
      const now = new Date('2026-05-05T08:00:00+07:00');
      const drafts = [];
      for (let i = 0; i < 100; i++) drafts.push(await createDraft(app.db, { unitId, procedureCode: '1.004873', channel: 'counter', applicant, ownerUserId: null, createdBy: reception.userId, now }));
      const results = await Promise.all(drafts.map((d) => act(app.db, { unitId, dossierId: d.id, action: 'receive', actor: reception, payload: {}, idempotencyKey: null, now })));
      const seqs = results.map((r) => Number(r.dossier.code!.slice(-4))).sort((a, b) => a - b);
      expect(new Set(results.map((r) => r.dossier.code)).size).toBe(100);
      expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(results.every((r) => r.dossier.code!.startsWith('H42.18202-260505-'))).toBe(true);
    });

    it('leaves no gap when the transaction that took a number rolls back', async () => {
      const first = await app.db.withRawTransaction((tx) => nextCounter(tx, unitId, 'test:gap'));
      await expect(app.db.withRawTransaction(async (tx) => {
        await nextCounter(tx, unitId, 'test:gap');
        throw new Error('rolled back');
      })).rejects.toThrow('rolled back');
      const next = await app.db.withRawTransaction((tx) => nextCounter(tx, unitId, 'test:gap'));
      expect(next).toBe(first + 1);
    });
  });
});

describe('attachments', () => {
  let app: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'xaso-files-'));
  beforeAll(async () => {
    app = await createTestApp({ env: { XASO_STORAGE_DIR: dir } });
  });
  afterAll(async () => {
    await app.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const filesOnDisk = () => (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /[0-9a-f]{64}$/.test(f));

  it('accepts PDF, JPEG and PNG by content, and refuses anything else or too big, leaving nothing behind', async () => {
    const store = localFileStore(dir);
    const unitId = (await findUnitByCode(app.db, '18202'))!.id;
    const reception = (await principalByUsername(app.db, 'tumy.tiepnhan'))!;
    const d = await createDraft(app.db, { unitId, procedureCode: '1.004873', channel: 'counter', applicant, ownerUserId: null, createdBy: reception.userId });
    const ok = await addAttachment(app.db, store, { dossier: d, documentIndex: 0, fileName: 'to-khai.pdf', bytes: PDF, digitized: true, uploadedBy: reception.userId });
    expect(ok.mime).toBe('application/pdf');
    expect((await store.get(ok.storageKey)).equals(PDF)).toBe(true);
    const png = await addAttachment(app.db, store, { dossier: d, documentIndex: null, fileName: 'anh.jpg', bytes: PNG, digitized: false, uploadedBy: reception.userId });
    expect(png.mime).toBe('image/png'); // the name says .jpg; the content decides
    const before = filesOnDisk().length;
    await expect(addAttachment(app.db, store, { dossier: d, documentIndex: 0, fileName: 'virus.pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf'), digitized: false, uploadedBy: reception.userId })).rejects.toMatchObject({ status: 415 });
    await expect(addAttachment(app.db, store, { dossier: d, documentIndex: 0, fileName: 'big.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]), digitized: false, uploadedBy: reception.userId })).rejects.toMatchObject({ status: 413 });
    await expect(addAttachment(app.db, store, { dossier: d, documentIndex: 99, fileName: 'x.pdf', bytes: PDF, digitized: false, uploadedBy: reception.userId })).rejects.toMatchObject({ status: 400 });
    expect(filesOnDisk()).toHaveLength(before);
    const rows = await app.db.rows(sql`select 1 from attachments where unit_id = ${unitId} and dossier_id = ${d.id}`);
    expect(rows).toHaveLength(2);
  });

  it('explains a refused upload on the page', async () => {
    const c = new TestClient(app);
    await c.login('congdan');
    const created = await c.postForm('/ho-so-cua-toi/moi', { procedureCode: '1.004873' });
    const url = created.headers.location as string;
    const res = await c.postMultipart(`${url}/tep`, { name: 'giay.pdf', content: Buffer.from('xin chào, tôi không phải PDF'), type: 'application/pdf' });
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain('Chỉ nhận tệp PDF, JPEG hoặc PNG');
    expect((await c.get(url)).body).not.toContain('giay.pdf');
  });
});
