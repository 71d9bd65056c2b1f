import { mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { act, createDraft } from '../../src/dossiers/index.js';
import { findUnitByCode, principalByUsername } from '../../src/identity/index.js';
import type { Principal } from '../../src/platform/http/index.js';
import { openKeystore, type Keystore } from '../../src/documents/keys/keystore.js';
import { initTestKeys } from '../../src/documents/keys/init.js';
import { createOutgoingDraft, getDossierResult, type OutgoingDocument } from '../../src/documents/register/store.js';
import { localFileStore } from '../../src/platform/storage/index.js';
import { startTestTsa, tsaTimestamper, verifyPdfSignatures } from '../../src/signing/index.js';
import { loadTestCa } from '../../src/documents/keys/keystore.js';
import { createIssuer } from '../../src/documents/issuing/issuer.js';
import { inspectPdf } from './pdf-text.js';

const applicant = { fullName: 'Lê Thị Cúc', idNumber: '042190000009', phone: '0987654321', email: '', address: 'Thôn 3, xã Tứ Mỹ' };

describe('signed dossier results', () => {
  let app: TestApp;
  let ks: Keystore;
  let keysDir: string;
  let storageDir: string;
  let unitId: number;
  let reception: Principal;
  let specialist: Principal;
  let leader: Principal;

  beforeAll(async () => {
    keysDir = mkdtempSync(join(tmpdir(), 'xaso-keys-'));
    storageDir = mkdtempSync(join(tmpdir(), 'xaso-store-'));
    app = await createTestApp({ env: { XASO_KEYS_DIR: keysDir, XASO_STORAGE_DIR: storageDir } });
    ks = openKeystore(keysDir);
    await initTestKeys(app.db, ks);
    unitId = (await findUnitByCode(app.db, '18202'))!.id;
    [reception, specialist, leader] = (await Promise.all(['tumy.tiepnhan', 'tumy.chuyenvien', 'tumy.lanhdao'].map((u) => principalByUsername(app.db, u)))) as Principal[] as [Principal, Principal, Principal];
  }, 60_000);
  afterAll(() => app.dispose());

  /** A counter dossier taken to the leader's approval, through the same hooks the pages and API use. */
  async function approvedDossier(procedureCode = '1.004873') {
    const d = await createDraft(app.db, { unitId, procedureCode, channel: 'counter', applicant, ownerUserId: null, createdBy: reception.userId });
    const hooks = app.server.dossierHooks;
    let r = await act(app.db, { unitId, dossierId: d.id, action: 'receive', actor: reception, payload: {}, idempotencyKey: null, hooks });
    if (r.dossier.state === 'received') r = await act(app.db, { unitId, dossierId: d.id, action: 'assign', actor: reception, payload: { specialistUserId: specialist.userId }, idempotencyKey: null, hooks });
    const handler = r.dossier.assignedTo === reception.userId ? reception : specialist;
    await act(app.db, { unitId, dossierId: d.id, action: 'submitForApproval', actor: handler, payload: { note: 'Đủ điều kiện' }, idempotencyKey: null, hooks });
    const approved = await act(app.db, { unitId, dossierId: d.id, action: 'approve', actor: leader, payload: {}, idempotencyKey: null, hooks });
    expect(approved.dossier.state).toBe('resultReady');
    return approved.dossier;
  }

  const stored = (doc: OutgoingDocument) => localFileStore(storageDir).get(doc.storageKey!);

  /** An approved dossier whose signing failed because the leader's key was missing at the time. */
  async function stuckDossier() {
    const leaderKey = join(keysDir, 'users', 'tumy.lanhdao.p12');
    renameSync(leaderKey, `${leaderKey}.away`);
    try {
      const d = await approvedDossier();
      return { d, doc: (await getDossierResult(app.db, unitId, d.id))! };
    } finally {
      renameSync(`${leaderKey}.away`, leaderKey);
    }
  }

  it('signs the result at approval: register number, the leader\'s signature then the unit seal, both valid', async () => {
    const d = await approvedDossier();
    const doc = (await getDossierResult(app.db, unitId, d.id))!;
    expect(doc).toMatchObject({ state: 'signed', number: 1, symbol: 'TB-UBND', signerName: leader.fullName, lastError: null });
    const pdf = await stored(doc);
    const sigs = await verifyPdfSignatures(new Uint8Array(pdf), ks.trustedRoots());
    expect(sigs.map((s) => [s.signerName, s.intact, s.signatureValid, s.chainTrusted])).toEqual([
      [leader.fullName, true, true, true],
      ['Ủy ban nhân dân xã Tứ Mỹ', true, true, true],
    ]);
    expect(sigs[1]!.coversWholeDocument).toBe(true);
    const { text } = await inspectPdf(pdf);
    expect(text).toContain('Số: 01/TB-UBND');
    expect(text).toContain(d.code!);
    expect(text).toContain(leader.fullName);
    // the QR link opens the verification page of this very document, which shows its register entry
    const page = await new TestClient(app).get(`/kiem-tra-chu-ky/van-ban/${doc.publicToken}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('01/TB-UBND');
    expect(page.body).toContain('Chữ ký 2: hợp lệ');
    // staff of the unit download it; the dossier page links it
    const staff = new TestClient(app);
    await staff.login('tumy.tiepnhan');
    expect((await staff.get(`/can-bo/ho-so/${d.code}`)).body).toContain(`/can-bo/ho-so/${d.code}/ket-qua.pdf`);
    const dl = await staff.get(`/can-bo/ho-so/${d.code}/ket-qua.pdf`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    const other = new TestClient(app);
    await other.login('thanhsen.tiepnhan');
    expect((await other.get(`/can-bo/ho-so/${d.code}/ket-qua.pdf`)).statusCode).toBe(404);
    // an uploaded copy is recognised as ours
    const uploaded = await new TestClient(app).postMultipart('/kiem-tra-chu-ky', { name: 'ket-qua.pdf', content: pdf, type: 'application/pdf' });
    expect(uploaded.body).toContain('Văn bản có trong sổ đăng ký văn bản đi');
  });

  it('puts the register number into the certified-copy attestation', async () => {
    const d = await approvedDossier('2.000815');
    const doc = (await getDossierResult(app.db, unitId, d.id))!;
    expect(doc.kind).toBe('certificate');
    const { text } = await inspectPdf(await stored(doc));
    expect(text).toContain(`Số chứng thực: ${String(doc.number).padStart(2, '0')}/XN-UBND`);
    expect(text).not.toContain('{số văn bản}');
  });

  it('leaves a failed signing unsigned and unnumbered, lists it for the admin, and the retry signs it with the next number', async () => {
    const before = await app.db.rows<{ n: number }>(sql`select count(*)::int as n from outgoing_documents where state = 'signed' and unit_id = ${unitId}`);
    const { d, doc: stuck } = await stuckDossier();
    expect(stuck).toMatchObject({ state: 'awaitingSignature', number: null, year: null, storageKey: null, signAttempts: 1 });
    expect(stuck.lastError).toContain('chưa có chứng thư số');
    expect(stuck.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    const clerk = new TestClient(app);
    await clerk.login('tumy.vanthu');
    const list = await clerk.get('/quan-tri/van-ban-cho-ky');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(stuck.summary);
    expect(list.body).toContain('chưa có chứng thư số');
    // not due yet: the job leaves it
    expect(await app.issuer.runDue()).toBe(0);
    await app.db.rows(sql`update outgoing_documents set next_attempt_at = now() - interval '1 second' where unit_id = ${unitId} and id = ${stuck.id}`);
    expect(await app.issuer.runDue()).toBe(1);
    const signed = (await getDossierResult(app.db, unitId, d.id))!;
    expect(signed.state).toBe('signed');
    const numbers = await app.db.rows<{ number: number }>(sql`select number from outgoing_documents where unit_id = ${unitId} and state = 'signed' order by number`);
    expect(numbers.map((r) => Number(r.number))).toEqual(Array.from({ length: before[0]!.n + 1 }, (_, i) => i + 1));
    expect((await clerk.get('/quan-tri/van-ban-cho-ky')).body).not.toContain(stuck.summary);
  });

  it('signs once when two workers race for the same document', async () => {
    const { doc } = await stuckDossier();
    const outcomes = await Promise.all([app.issuer.sign(unitId, doc.id), app.issuer.sign(unitId, doc.id)]);
    expect(outcomes.filter((o) => o.status === 'signed')).toHaveLength(1);
    const rows = await app.db.rows(sql`select number from outgoing_documents where unit_id = ${unitId} and id = ${doc.id}`);
    expect(rows[0]!.number).not.toBeNull();
  });

  it('timestamps both signatures (PAdES B-T) when a TSA is configured', async () => {
    const tsa = await startTestTsa({ ca: loadTestCa(ks)! });
    try {
      const { d, doc } = await stuckDossier();
      const issuer = createIssuer({ db: app.db, keystore: ks, store: localFileStore(storageDir), publicBaseUrl: 'https://tumy.example.vn', cms: { unsignedAttributes: tsaTimestamper(tsa.url) } });
      expect((await issuer.sign(unitId, doc.id)).status).toBe('signed');
      const signed = (await getDossierResult(app.db, unitId, d.id))!;
      const sigs = await verifyPdfSignatures(new Uint8Array(await stored(signed)), ks.trustedRoots());
      expect(sigs).toHaveLength(2);
      for (const s of sigs) {
        expect(s.intact && s.signatureValid && s.chainTrusted).toBe(true);
        expect(s.timestamp).toMatchObject({ valid: true, chainTrusted: true });
        expect(Math.abs(s.timestamp!.time.getTime() - signed.signedAt!.getTime())).toBeLessThan(10_000);
      }
      const { text } = await inspectPdf(await stored(signed));
      expect(text).toContain('Quét để kiểm tra chữ ký');
    } finally {
      await tsa.close();
    }
  });

  it('numbers 50 outgoing documents signed concurrently 01…50 after the existing ones, with no gap or duplicate', async () => {
    const existing = await app.db.rows<{ n: number }>(sql`select coalesce(max(number), 0)::int as n from outgoing_documents where unit_id = ${unitId} and register = 'chung'`);
    const docs = await Promise.all(Array.from({ length: 50 }, (_, i) => createOutgoingDraft(app.db, {
      unitId, kind: 'decision', symbol: 'QĐ-UBND', summary: `Quyết định thử số ${i}`, createdBy: leader.userId, state: 'awaitingSignature', approvedBy: leader.userId,
      document: {
        kind: 'decision', parentBody: null, issuingBody: 'ỦY BAN NHÂN DÂN XÃ TỨ MỸ', number: null, symbol: '', place: 'Tứ Mỹ', date: null, title: 'QUYẾT ĐỊNH',
        summary: `Về việc thử số ${i}`, body: [{ kind: 'article', text: 'Điều 1. Quyết định này có hiệu lực từ ngày ký.' }],
        signature: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', signerName: '…' }, recipients: ['Như Điều 1'], qrUrl: null,
      },
    })));
    const outcomes = await Promise.all(docs.map((d) => app.issuer.sign(unitId, d.id)));
    expect(outcomes.map((o) => o.status)).toEqual(docs.map(() => 'signed'));
    const numbers = (await app.db.rows<{ number: number }>(sql`select number from outgoing_documents where unit_id = ${unitId} and register = 'chung' and id = any(${sql.param(docs.map((d) => d.id))}) order by number`)).map((r) => Number(r.number));
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => existing[0]!.n + i + 1));
  }, 120_000);
});
