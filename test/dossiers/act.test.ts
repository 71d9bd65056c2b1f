import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { act, createDraft, verifyEventChains } from '../../src/dossiers/index.js';
import { findUnitByCode, principalByUsername } from '../../src/identity/index.js';
import type { Principal } from '../../src/platform/http/index.js';

const applicant = { fullName: 'Trần Thị Bình', idNumber: '042190000001', phone: '0987654321', email: '', address: 'Thôn 2' };
// A Monday in March 2026, 09:00 Vietnam time.
const MONDAY = new Date('2026-03-09T09:00:00+07:00');

describe('dossier actions', () => {
  let app: TestApp;
  let unitId: number;
  let reception: Principal;
  let specialist: Principal;
  let leader: Principal;
  let resident: Principal;
  beforeAll(async () => {
    app = await createTestApp();
    unitId = (await findUnitByCode(app.db, '18202'))!.id;
    const people = (await Promise.all(['tumy.tiepnhan', 'tumy.chuyenvien', 'tumy.lanhdao', 'congdan'].map((u) => principalByUsername(app.db, u)))) as Principal[];
    [reception, specialist, leader, resident] = people as [Principal, Principal, Principal, Principal];
  });
  afterAll(() => app.dispose());

  const counterDraft = (code = '1.004873', now = MONDAY) =>
    createDraft(app.db, { unitId, procedureCode: code, channel: 'counter', applicant, ownerUserId: null, createdBy: reception.userId, now });

  it('receives with a code, a due date from the calendar and the fee of the procedure version', async () => {
    const d = await counterDraft('2.000884');
    const r = await act(app.db, { unitId, dossierId: d.id, action: 'receive', actor: reception, payload: { feePaid: true }, idempotencyKey: 'k-receive-1', now: MONDAY });
    expect(r.dossier.code).toMatch(/^H42\.18202-260309-\d{4}$/);
    expect(r.dossier.state).toBe('processing'); // same-day workflow: the receiver handles it
    expect(r.dossier.dueAt!.toISOString()).toBe('2026-03-09T10:00:00.000Z'); // 17:00 the same day
    expect(r.dossier.fee).toMatchObject({ total: 10_000 });
    expect(r.event.dueAt!.toISOString()).toBe(r.dossier.dueAt!.toISOString());
  });

  it('acts once for a retried request with the same idempotency key', async () => {
    const d = await counterDraft();
    const first = await act(app.db, { unitId, dossierId: d.id, action: 'receive', actor: reception, payload: {}, idempotencyKey: 'same-key-123', now: MONDAY });
    const again = await act(app.db, { unitId, dossierId: d.id, action: 'receive', actor: reception, payload: {}, idempotencyKey: 'same-key-123', now: MONDAY });
    expect(again.replayed).toBe(true);
    expect(again.event.seq).toBe(first.event.seq);
    const events = await app.db.rows(sql`select seq from dossier_events where unit_id = ${unitId} and dossier_id = ${d.id}`);
    expect(events).toHaveLength(1);
    // Concurrent duplicates, too.
    const d2 = await counterDraft();
    const both = await Promise.all([1, 2].map(() => act(app.db, { unitId, dossierId: d2.id, action: 'receive', actor: reception, payload: {}, idempotencyKey: 'dup-concurrent', now: MONDAY })));
    expect(both.filter((r) => !r.replayed)).toHaveLength(1);
  });

  it('creates one dossier for concurrent requests with the same create key', async () => {
    const create = () => createDraft(app.db, { unitId, procedureCode: '1.004873', channel: 'counter', applicant, ownerUserId: null, createdBy: reception.userId, createKey: 'same-create-key-1', now: MONDAY });
    const made = await Promise.all([1, 2, 3, 4, 5].map(create));
    expect(new Set(made.map((d) => d.id)).size).toBe(1);
    const rows = await app.db.rows(sql`select id from dossiers where unit_id = ${unitId} and create_key = 'same-create-key-1'`);
    expect(rows).toHaveLength(1);
  });

  it('lets one of two officers acting on the same version win; the other gets 409 and nothing changes', async () => {
    const d = await counterDraft();
    const received = await act(app.db, { unitId, dossierId: d.id, action: 'receive', actor: reception, payload: {}, idempotencyKey: null, now: MONDAY });
    const version = received.dossier.version;
    const results = await Promise.allSettled([
      act(app.db, { unitId, dossierId: d.id, action: 'assign', actor: reception, payload: { specialistUserId: specialist.userId }, idempotencyKey: null, expectedVersion: version }),
      act(app.db, { unitId, dossierId: d.id, action: 'stop', actor: leader, payload: { reason: 'Dừng' }, idempotencyKey: null, expectedVersion: version }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toMatchObject({ status: 409, code: 'STALE_DOSSIER' });
    const events = await app.db.rows(sql`select seq from dossier_events where unit_id = ${unitId} and dossier_id = ${d.id}`);
    expect(events).toHaveLength(2);
  });

  it('refuses actions by the wrong person or in the wrong state, changing nothing', async () => {
    const d = await counterDraft();
    await expect(act(app.db, { unitId, dossierId: d.id, action: 'receive', actor: specialist, payload: {}, idempotencyKey: null })).rejects.toMatchObject({ status: 403, code: 'NOT_ALLOWED' });
    await expect(act(app.db, { unitId, dossierId: d.id, action: 'approve', actor: leader, payload: {}, idempotencyKey: null })).rejects.toMatchObject({ status: 409, code: 'WRONG_STATE' });
    await expect(act(app.db, { unitId, dossierId: d.id, action: 'refuseIntake', actor: reception, payload: { reason: '' }, idempotencyKey: null })).rejects.toMatchObject({ status: 400, code: 'INVALID_PAYLOAD' });
    await expect(act(app.db, { unitId, dossierId: d.id, action: 'receive', actor: resident, payload: {}, idempotencyKey: null })).rejects.toMatchObject({ status: 403 });
    const events = await app.db.rows(sql`select seq from dossier_events where unit_id = ${unitId} and dossier_id = ${d.id}`);
    expect(events).toHaveLength(0);
  });

  it('pauses for a supplement and restarts the time limit from zero when it arrives', async () => {
    const d = await counterDraft('1.004873');
    await act(app.db, { unitId, dossierId: d.id, action: 'receive', actor: reception, payload: {}, idempotencyKey: null, now: MONDAY });
    await act(app.db, { unitId, dossierId: d.id, action: 'requestSupplement', actor: reception, payload: { missingItems: 'Giấy A\nGiấy B', reason: 'Thiếu' }, idempotencyKey: null, now: new Date('2026-03-09T10:00:00+07:00') });
    const back = await act(app.db, { unitId, dossierId: d.id, action: 'supplement', actor: reception, payload: {}, idempotencyKey: null, now: new Date('2026-03-12T08:00:00+07:00') });
    expect(back.dossier.state).toBe('received');
    expect(back.dossier.dueAt!.toISOString()).toBe(new Date('2026-03-17T17:00:00+07:00').toISOString()); // Thu + 3 working days
    expect(back.dossier.supplementCount).toBe(1);
  });

  it('allows an apology with a later working day once, at least a working day before the due time', async () => {
    const d = await counterDraft('1.004873');
    await act(app.db, { unitId, dossierId: d.id, action: 'receive', actor: reception, payload: {}, idempotencyKey: null, now: MONDAY }); // due Thu 12/03 17:00
    await expect(act(app.db, { unitId, dossierId: d.id, action: 'apologize', actor: leader, payload: { reason: 'Cần xác minh', newDueDate: '2026-03-14' }, idempotencyKey: null, now: MONDAY })).rejects.toMatchObject({ code: 'NOT_WORKING_DAY' });
    const ok = await act(app.db, { unitId, dossierId: d.id, action: 'apologize', actor: leader, payload: { reason: 'Cần xác minh', newDueDate: '2026-03-16' }, idempotencyKey: null, now: MONDAY });
    expect(ok.dossier.dueAt!.toISOString()).toBe(new Date('2026-03-16T17:00:00+07:00').toISOString());
    await expect(act(app.db, { unitId, dossierId: d.id, action: 'apologize', actor: leader, payload: { reason: 'Lần hai', newDueDate: '2026-03-18' }, idempotencyKey: null, now: MONDAY })).rejects.toMatchObject({ code: 'APOLOGY_ONCE' });
  });

  it('chains every event by hash; a modified event is detected', async () => {
    const clean = await verifyEventChains(app.db);
    expect(clean.problems).toEqual([]);
    expect(clean.events).toBeGreaterThan(5);
    await app.db.withRawTransaction(async (tx) => {
      await tx.exec('alter table dossier_events disable trigger dossier_events_append_only');
      await tx.exec(`update dossier_events set payload = '{"reason":"đã sửa"}'::jsonb where seq = 1 and action = 'receive' and dossier_id = (select min(dossier_id) from dossier_events)`);
      await tx.exec('alter table dossier_events enable trigger dossier_events_append_only');
    });
    const tampered = await verifyEventChains(app.db);
    expect(tampered.problems.some((p) => p.problem.includes('modified'))).toBe(true);
    await expect(app.db.rows(sql`update dossier_events set action = 'x'`)).rejects.toThrow(/append-only/);
  });
});
