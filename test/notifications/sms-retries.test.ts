import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { TestClient } from '../helpers/app.js';
import { act, createDraft } from '../../src/dossiers/index.js';
import { smsGatewayTransport } from '../../src/notifications/index.js';
import { isGsmText, SMS_TWO_PARTS } from '../../src/notifications/sms-text.js';
import { startSmsGateway, useNotificationApp, usePeer } from './peers.js';

const MINUTE = 60_000;

describe('SMS through an HTTP gateway; retries with backoff, then failed', () => {
  const gateway = usePeer(startSmsGateway);
  const t = useNotificationApp(() => ({ XASO_SMS_URL: gateway.url, XASO_SMS_TOKEN: 'gateway-token-0123456789' }));

  const row = async (dossierId: number) =>
    (await t.app.db.rows<{ status: string; attempts: number; next_attempt_at: string; last_error: string | null; recipient: string }>(
      sql`select status, attempts, next_attempt_at, last_error, recipient from notifications where unit_id = ${t.unitId} and dossier_id = ${dossierId}`))[0]!;

  it('posts the text without diacritics, within two parts, with the bearer token', async () => {
    const d = await createDraft(t.app.db, { unitId: t.unitId, procedureCode: '1.004873', channel: 'counter', applicant: { fullName: 'Đặng Thị Hương', phone: '0912345678' }, ownerUserId: null, createdBy: t.reception.userId });
    const { dossier } = await act(t.app.db, { unitId: t.unitId, dossierId: d.id, action: 'receive', actor: t.reception, payload: {}, idempotencyKey: null, hooks: t.hooks });
    expect(await t.job.runDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(gateway.requests).toHaveLength(1);
    const { headers, body } = gateway.requests[0]!;
    expect(headers.authorization).toBe('Bearer gateway-token-0123456789');
    expect(headers['content-type']).toBe('application/json');
    expect(body.to).toBe('+84912345678');
    expect(isGsmText(body.text)).toBe(true);
    expect(body.text.length).toBeLessThanOrEqual(SMS_TWO_PARTS);
    expect(body.text).toMatch(new RegExp(`^UBND xa Tu My: Da tiep nhan ho so ${dossier.code!.replaceAll('.', '\\.')} \\(Cap Giay xac nhan tinh trang hon nhan\\)\\. Hen tra ket qua: \\d\\dh\\d\\d \\d\\d/\\d\\d/\\d{4}\\. Tra cuu: https://tumy\\.example\\.vn/tra-cuu\\?ma=`));
    expect(await row(d.id)).toMatchObject({ status: 'sent', recipient: '0912***678' });
  });

  it('retries a failing gateway after 1, 5, 25 and 125 minutes, then marks it failed; the pages show it (the reason to staff only)', async () => {
    gateway.answer.status = 503;
    gateway.answer.body = 'Hệ thống đang bảo trì';
    const d = await createDraft(t.app.db, { unitId: t.unitId, procedureCode: '1.004873', channel: 'online', applicant: { fullName: 'Nguyễn Văn An', phone: '0987654321' }, ownerUserId: t.resident.userId, createdBy: t.resident.userId });
    await act(t.app.db, { unitId: t.unitId, dossierId: d.id, action: 'submit', actor: t.resident, payload: {}, idempotencyKey: null, hooks: t.hooks });
    const { dossier } = await act(t.app.db, { unitId: t.unitId, dossierId: d.id, action: 'receive', actor: t.reception, payload: {}, idempotencyKey: null, hooks: t.hooks });
    const t0 = new Date(Date.now() + 1000);
    const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);
    const sentBefore = gateway.requests.length;

    expect(await t.job.runDue(t0)).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await row(d.id)).toMatchObject({ status: 'queued', attempts: 1, last_error: 'Cổng SMS trả lời HTTP 503: Hệ thống đang bảo trì', recipient: '0987654321' });
    expect(new Date((await row(d.id)).next_attempt_at).getTime()).toBe(at(1).getTime());

    const officer = new TestClient(t.app);
    await officer.login('tumy.tiepnhan');
    const staffPage = (await officer.get(`/can-bo/ho-so/${dossier.code}`)).body;
    expect(staffPage).toContain('<strong>gửi lại lần 1</strong>');
    expect(staffPage).toContain('Lần trước: Cổng SMS trả lời HTTP 503: Hệ thống đang bảo trì. Thử lại lúc');
    const owner = new TestClient(t.app);
    await owner.login('congdan');
    const ownPage = (await owner.get(`/ho-so-cua-toi/${dossier.code}`)).body;
    expect(ownPage).toContain('Tin nhắn SMS: 0987***321');
    expect(ownPage).toContain('<strong>gửi lại lần 1</strong>');
    expect(ownPage).not.toContain('Cổng SMS');

    expect(await t.job.runDue(new Date(at(1).getTime() - 1000))).toEqual({ sent: 0, retried: 0, failed: 0 }); // not yet due
    expect(await t.job.runDue(at(1))).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await t.job.runDue(at(1 + 5))).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await t.job.runDue(at(1 + 5 + 25 - 1))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await t.job.runDue(at(1 + 5 + 25))).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await row(d.id)).toMatchObject({ status: 'queued', attempts: 4 });
    expect(await t.job.runDue(at(1 + 5 + 25 + 125))).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await t.job.runDue(at(24 * 60))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(gateway.requests.length - sentBefore).toBe(5);
    expect(await row(d.id)).toMatchObject({ status: 'failed', attempts: 5, last_error: 'Cổng SMS trả lời HTTP 503: Hệ thống đang bảo trì', recipient: '0987***321' });

    const failedStaff = (await officer.get(`/can-bo/ho-so/${dossier.code}`)).body;
    expect(failedStaff).toContain('<strong>không gửi được</strong><br/><span class="meta">Lý do: Cổng SMS trả lời HTTP 503: Hệ thống đang bảo trì</span>');
    const failedOwn = (await owner.get(`/ho-so-cua-toi/${dossier.code}`)).body;
    expect(failedOwn).toContain('<strong>không gửi được</strong></td>');
    expect(failedOwn).not.toContain('Lý do: Cổng SMS');
    gateway.answer.status = 200;
  });

  it('reports a gateway nobody answers at as a failure', async () => {
    const closed = await startSmsGateway();
    await closed.close();
    const transport = smsGatewayTransport({ url: closed.url });
    await expect(transport.send({ unitId: t.unitId, id: 1, channel: 'sms', recipient: '0912345678', subject: '', text: 'x', html: null, unsubscribeUrl: null }))
      .rejects.toThrow(/^Không kết nối được cổng SMS \(ECONNREFUSED\)$/);
  });
});
