import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { TestClient } from '../helpers/app.js';
import { act, combineHooks, createDraft, type DossierHooks } from '../../src/dossiers/index.js';
import { createApiToken, findUserByUsername } from '../../src/identity/index.js';
import { createDeliveryJob, parseRetryMinutes, transportsFromConfig } from '../../src/notifications/index.js';
import { startSmsGateway, useNotificationApp, usePeer } from './peers.js';

describe('the outbox: same transaction, once per action, once per message', () => {
  const gateway = usePeer(startSmsGateway);
  const t = useNotificationApp(() => ({ XASO_SMS_URL: gateway.url })); // no SMTP server: e-mail goes to the log
  const logged: Array<Record<string, unknown>> = [];
  const log = { info: (o: object) => logged.push({ ...o }), debug: (o: object) => logged.push({ ...o, level: 'debug' }), warn: () => {} };
  const job = (batchSize = 10) =>
    createDeliveryJob({ db: t.app.db, transports: transportsFromConfig(t.config, log), retryMinutes: parseRetryMinutes(t.config.notifyRetryMinutes), maxAttempts: t.config.notifyMaxAttempts, batchSize });

  const draft = (applicant: { fullName: string; phone?: string; email?: string }) =>
    createDraft(t.app.db, { unitId: t.unitId, procedureCode: '1.004873', channel: 'counter', applicant, ownerUserId: null, createdBy: t.reception.userId });
  const count = async (dossierId: number) =>
    Number((await t.app.db.rows<{ n: number }>(sql`select count(*)::int as n from notifications where unit_id = ${t.unitId} and dossier_id = ${dossierId}`))[0]!.n);

  it('a request retried with the same Idempotency-Key queues its message once', async () => {
    const token = (await createApiToken(t.app.db, (await findUserByUsername(t.app.db, 'tumy.tiepnhan'))!.id, 't')).token;
    const { resident } = t;
    const d = await createDraft(t.app.db, { unitId: t.unitId, procedureCode: '1.004873', channel: 'online', applicant: { fullName: 'Hồ Thị Lan', phone: '0911222333' }, ownerUserId: resident.userId, createdBy: resident.userId });
    const { dossier } = await act(t.app.db, { unitId: t.unitId, dossierId: d.id, action: 'submit', actor: resident, payload: {}, idempotencyKey: null, hooks: t.hooks });
    const receive = () => t.app.server.inject({
      method: 'POST', url: `/api/v1/dossiers/${dossier.code}/actions/receive`, payload: {},
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'receive-outbox-0001' },
    });
    expect((await receive()).statusCode).toBe(200);
    expect((await receive()).statusCode).toBe(200);
    expect(await count(d.id)).toBe(1);

    // the page form, posted twice with the same key (a double click)
    const d2 = await draft({ fullName: 'Hồ Văn Minh', phone: '0911222444' });
    const officer = new TestClient(t.app);
    await officer.login('tumy.tiepnhan');
    const version = /name="version" value="(\d+)"/.exec((await officer.get(`/can-bo/ho-so/nhap-${d2.id}`)).body)![1]!;
    for (let i = 0; i < 2; i++) await officer.postForm(`/can-bo/ho-so/nhap-${d2.id}/thao-tac/receive`, { version, idempotencyKey: 'receive-outbox-0002' });
    expect(await count(d2.id)).toBe(1);
  });

  it('an action that rolls back queues nothing', async () => {
    const d = await draft({ fullName: 'Mai Thị Nga', phone: '0911222555', email: 'nga@example.vn' });
    const failingLater: DossierHooks = { inTransaction: async () => { throw new Error('a later step of the action failed'); } };
    await expect(act(t.app.db, { unitId: t.unitId, dossierId: d.id, action: 'receive', actor: t.reception, payload: {}, idempotencyKey: null, hooks: combineHooks(t.hooks, failingLater) }))
      .rejects.toThrow('a later step of the action failed');
    expect(await count(d.id)).toBe(0);
    expect((await t.app.db.rows<{ state: string }>(sql`select state from dossiers where unit_id = ${t.unitId} and id = ${d.id}`))[0]!.state).toBe('draft');
    // the same action, succeeding, queues both channels
    await act(t.app.db, { unitId: t.unitId, dossierId: d.id, action: 'receive', actor: t.reception, payload: {}, idempotencyKey: null, hooks: t.hooks });
    expect(await count(d.id)).toBe(2);
  });

  it('a dossier not received at intake, or stopped, tells the applicant why', async () => {
    const { resident } = t;
    const d = await createDraft(t.app.db, { unitId: t.unitId, procedureCode: '1.004873', channel: 'online', applicant: { fullName: 'Đỗ Thị Hoa', phone: '0911222666' }, ownerUserId: resident.userId, createdBy: resident.userId });
    await act(t.app.db, { unitId: t.unitId, dossierId: d.id, action: 'submit', actor: resident, payload: {}, idempotencyKey: null, hooks: t.hooks });
    await act(t.app.db, { unitId: t.unitId, dossierId: d.id, action: 'refuseIntake', actor: t.reception, payload: { reason: 'Thủ tục này do Công an xã giải quyết.' }, idempotencyKey: null, hooks: t.hooks });
    const rows = await t.app.db.rows<{ kind: string; channel: string; body_text: string }>(sql`select kind, channel, body_text from notifications where unit_id = ${t.unitId} and dossier_id = ${d.id}`);
    expect(rows.map((r) => [r.kind, r.channel])).toEqual([['refused', 'sms']]);
    expect(rows[0]!.body_text).toContain('khong duoc tiep nhan. Ly do: Thu tuc nay do Cong an xa giai quyet.');
  });

  it('without an SMTP server, e-mail goes to the log with the recipient masked, and the page says so', async () => {
    logged.length = 0;
    await job().runDue();
    const entry = logged.find((l) => l.channel === 'email' && l.level !== 'debug')!;
    expect(entry).toMatchObject({ channel: 'email', to: 'n***@example.vn' });
    expect(JSON.stringify(logged.filter((l) => l.level !== 'debug'))).not.toContain('nga@example.vn');
    const officer = new TestClient(t.app);
    await officer.login('tumy.tiepnhan');
    const code = (await t.app.db.rows<{ code: string }>(sql`select code from dossiers where applicant->>'email' = 'nga@example.vn'`))[0]!.code;
    expect((await officer.get(`/can-bo/ho-so/${code}`)).body).toContain('đã ghi vào nhật ký (chưa cấu hình kênh gửi)');
  });

  it('two job instances running at once never send a message twice', async () => {
    await job().runDue(); // nothing left over from the tests before
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const d = await draft({ fullName: `Người nộp ${i}`, phone: `09123450${String(i).padStart(2, '0')}` });
      codes.push((await act(t.app.db, { unitId: t.unitId, dossierId: d.id, action: 'receive', actor: t.reception, payload: {}, idempotencyKey: null, hooks: t.hooks })).dossier.code!);
    }
    const before = gateway.requests.length;
    gateway.answer.delayMs = 25;
    const [a, b] = await Promise.all([job(3).runDue(), job(3).runDue()]);
    gateway.answer.delayMs = 0;
    expect(a.sent + b.sent).toBe(12);
    if (t.app.db.kind === 'postgres') expect(Math.min(a.sent, b.sent)).toBeGreaterThan(0); // they really ran side by side
    const texts = gateway.requests.slice(before).map((r) => r.body.text);
    expect(texts).toHaveLength(12);
    for (const code of codes) expect(texts.filter((t) => t.includes(`ho so ${code} `))).toHaveLength(1);
    expect(await t.app.db.rows(sql`select 1 from notifications where status <> 'sent'`)).toEqual([]);
  });
});
