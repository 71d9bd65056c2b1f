import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { TestClient } from '../helpers/app.js';
import { act, createDraft } from '../../src/dossiers/index.js';
import { formatMomentVi } from '../../src/platform/i18n/text.js';
import { createDeliveryJob, smtpTransport, transportsFromConfig } from '../../src/notifications/index.js';
import { startSmtpServer, useNotificationApp, usePeer } from './peers.js';

const FROM = 'UBND xã Tứ Mỹ <thongbao@tumy.example.vn>';

describe('e-mail notifications through a real SMTP server', () => {
  const smtp = usePeer(() => startSmtpServer({ rejected: ['khongton@example.vn'] }));
  const t = useNotificationApp(() => ({ XASO_SMTP_URL: smtp.url, XASO_SMTP_FROM: FROM }));

  const counterDossier = async (applicant: { fullName: string; email?: string; phone?: string }) => {
    const d = await createDraft(t.app.db, { unitId: t.unitId, procedureCode: '1.004873', channel: 'counter', applicant, ownerUserId: null, createdBy: t.reception.userId });
    const r = await act(t.app.db, { unitId: t.unitId, dossierId: d.id, action: 'receive', actor: t.reception, payload: {}, idempotencyKey: null, hooks: t.hooks });
    return r.dossier;
  };
  const rowsOf = (dossierId: number) =>
    t.app.db.rows<{ channel: string; kind: string; status: string; attempts: number; recipient: string; last_error: string | null }>(
      sql`select channel, kind, status, attempts, recipient, last_error from notifications where unit_id = ${t.unitId} and dossier_id = ${dossierId} order by id`);
  const unsubscribePath = (text: string) => new URL(/Ngừng nhận tại:\n(\S+)/.exec(text)![1]!).pathname;

  let firstMailText = '';

  it('receives at the counter: the server gets the Vietnamese e-mail with the due date and the lookup link', async () => {
    const officer = new TestClient(t.app);
    await officer.login('tumy.tiepnhan');
    const intake = await officer.postForm('/can-bo/tiep-nhan', { procedureCode: '1.004873', channel: 'counter', fullName: 'Trần Thị Bình', email: 'binh@example.vn', content: 'Xác nhận tình trạng hôn nhân' });
    expect(intake.statusCode).toBe(303);
    const page = await officer.get(intake.headers.location as string);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const received = await officer.postForm(`${intake.headers.location as string}/thao-tac/receive`, { version, idempotencyKey: 'receive-mail-0001' });
    expect(received.statusCode).toBe(303);
    const code = (received.headers.location as string).split('/')[3]!.split('?')[0]!;

    expect(await t.job.runDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    const { mail, envelopeTo } = smtp.mails[0]!;
    expect(envelopeTo).toEqual(['binh@example.vn']);
    expect(mail.from?.value[0]).toEqual({ name: 'UBND xã Tứ Mỹ', address: 'thongbao@tumy.example.vn' });
    expect(mail.subject).toBe(`Đã tiếp nhận hồ sơ ${code}`);
    const dueAt = (await t.app.db.rows<{ due_at: string }>(sql`select due_at from dossiers where code = ${code}`))[0]!.due_at;
    const text = mail.text!;
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toContain('Kính gửi Ông/Bà Trần Thị Bình,');
    expect(text).toContain('Bộ phận Một cửa Ủy ban nhân dân xã Tứ Mỹ đã tiếp nhận hồ sơ của Ông/Bà.');
    expect(text).toContain('Thủ tục: Cấp Giấy xác nhận tình trạng hôn nhân');
    expect(text).toContain(`Ngày hẹn trả kết quả: ${formatMomentVi(new Date(dueAt))}`);
    expect(text).toContain(`https://tumy.example.vn/tra-cuu?ma=${code}`);
    expect(mail.html).toContain('<p>Kính gửi Ông/Bà Trần Thị Bình,</p>');
    expect(mail.html).toContain(`<strong>${code}</strong>`);
    expect(mail.messageId).toMatch(/^<thongbao\.\d+\.\d+@tumy\.example\.vn>$/);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.headers.get('list')).toMatchObject({ unsubscribe: { url: `https://tumy.example.vn${unsubscribePath(text)}` } });
    firstMailText = text;

    const staffPage = await officer.get(`/can-bo/ho-so/${code}`);
    expect(staffPage.body).toContain('Thông báo đã gửi');
    expect(staffPage.body).toMatch(/<span>Đã tiếp nhận hồ sơ<\/span><br\/><span class="meta">[^<]+<\/span><\/td><td data-label="Kênh">E-mail: b\*\*\*@example\.vn<\/td><td data-label="Tình trạng"><strong>đã gửi<\/strong>/);
    // once sent, the outbox keeps only the masked address
    const d = (await t.app.db.rows<{ id: number }>(sql`select id from dossiers where code = ${code}`))[0]!;
    expect(await rowsOf(Number(d.id))).toMatchObject([{ channel: 'email', kind: 'received', status: 'sent', attempts: 1, recipient: 'b***@example.vn' }]);
  });

  it('asks for a supplement listing every missing item as the action recorded it', async () => {
    const d = await counterDossier({ fullName: 'Lê Văn Cường', email: 'cuong@example.vn' });
    await act(t.app.db, {
      unitId: t.unitId, dossierId: d.id, action: 'requestSupplement', actor: t.reception, idempotencyKey: null, hooks: t.hooks,
      payload: { missingItems: 'Bản sao Giấy chứng nhận kết hôn\nTờ khai (bản chính, có chữ ký)', reason: 'Thiếu giấy tờ chứng minh tình trạng hôn nhân trước đây.' },
    });
    const before = smtp.mails.length;
    expect(await t.job.runDue()).toEqual({ sent: 2, retried: 0, failed: 0 });
    const mail = smtp.mails.slice(before).find((m) => m.mail.subject === `Hồ sơ ${d.code} cần bổ sung giấy tờ`)!.mail;
    expect(mail.text).toContain('bổ sung, hoàn thiện các giấy tờ sau:\n\n1. Bản sao Giấy chứng nhận kết hôn\n2. Tờ khai (bản chính, có chữ ký)\n\nLý do: Thiếu giấy tờ chứng minh tình trạng hôn nhân trước đây.');
    expect(mail.html).toContain('<ol><li>Bản sao Giấy chứng nhận kết hôn</li><li>Tờ khai (bản chính, có chữ ký)</li></ol>');
  });

  it('the unsubscribe link works without signing in, asks first, and stops every later e-mail to that address', async () => {
    const path = unsubscribePath(firstMailText);
    const visitor = new TestClient(t.app);
    const ask = await visitor.get(path);
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('<h1>Ngừng nhận thông báo qua e-mail</h1>');
    expect(ask.body).toContain('<meta name="robots" content="noindex"/>');
    // opening the link (a mail scanner does) changes nothing
    expect(await t.app.db.rows(sql`select 1 from notification_optouts`)).toHaveLength(0);
    const done = await visitor.postForm(path, {});
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Đã ngừng gửi thông báo qua e-mail');
    expect(await t.app.db.rows(sql`select 1 from notification_optouts where channel = 'email'`)).toHaveLength(1);
    expect(await t.app.db.rows(sql`select 1 from audit_log where action = 'notifications.unsubscribe' and target = 'address'`)).toHaveLength(1);
    expect((await visitor.postForm(path, {})).statusCode).toBe(200); // again: nothing more happens
    expect((await visitor.get(path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).statusCode).toBe(404);

    const before = smtp.mails.length;
    const later = await counterDossier({ fullName: 'Trần Thị Bình', email: 'Binh@Example.VN' });
    expect(await rowsOf(later.id)).toEqual([]);
    await t.job.runDue();
    expect(smtp.mails.length).toBe(before);
  });

  it('a resident with an account chooses channels on the account page; their unsubscribe link turns e-mail off there', async () => {
    const resident = new TestClient(t.app);
    await resident.login('congdan');
    const prefs = await resident.get('/tai-khoan/thong-bao');
    expect(prefs.body).toContain('<legend>Nhận thông báo qua</legend>');
    expect(prefs.body).toMatch(/id="notify-email" name="email" value="on" checked/);
    expect(prefs.body).toMatch(/id="notify-sms" name="sms" value="on" checked/);
    expect((await resident.postForm('/tai-khoan/thong-bao', { email: 'on' }, { csrf: false })).statusCode).toBe(403);
    const saved = await resident.postForm('/tai-khoan/thong-bao', { email: 'on' });
    expect(saved.statusCode).toBe(303);
    const after = await resident.get(saved.headers.location as string);
    expect(after.body).toContain('Đã lưu lựa chọn nhận thông báo của bạn.');
    expect(after.body).toMatch(/id="notify-sms" name="sms" value="on"\/>/);

    const created = await resident.postForm('/ho-so-cua-toi/moi', { procedureCode: '1.004873' });
    const draftUrl = created.headers.location as string;
    await resident.postForm(draftUrl, { fullName: 'Nguyễn Văn An', idNumber: '', phone: '0912345678', email: 'an@example.vn', address: '', content: '' });
    const version = /name="version" value="(\d+)"/.exec((await resident.get(draftUrl)).body)![1]!;
    const submitted = await resident.postForm(`${draftUrl}/thao-tac/submit`, { version, idempotencyKey: 'submit-mail-0001' });
    const code = (submitted.headers.location as string).split('/')[2]!.split('?')[0]!;
    const d = (await t.app.db.rows<{ id: number }>(sql`select id from dossiers where code = ${code}`))[0]!;
    await act(t.app.db, { unitId: t.unitId, dossierId: Number(d.id), action: 'receive', actor: t.reception, payload: {}, idempotencyKey: null, hooks: t.hooks });
    expect((await rowsOf(Number(d.id))).map((r) => r.channel)).toEqual(['email']); // SMS turned off
    const before = smtp.mails.length;
    await t.job.runDue();
    const mail = smtp.mails[before]!.mail;
    expect(mail.subject).toBe(`Đã tiếp nhận hồ sơ ${code}`);
    const own = await resident.get(`/ho-so-cua-toi/${code}`);
    expect(own.body).toContain('E-mail: a***@example.vn');

    const path = unsubscribePath(mail.text!);
    const anonymous = new TestClient(t.app);
    const done = await anonymous.postForm(path, {});
    expect(done.body).toContain('Muốn nhận lại e-mail? Đăng nhập rồi chọn tại trang');
    const turnedOff = await resident.get('/tai-khoan/thong-bao');
    expect(turnedOff.body).toContain('Bạn đã ngừng nhận e-mail bằng liên kết trong thư lúc');
    expect(turnedOff.body).toMatch(/id="notify-email" name="email" value="on"\/>/);
    await act(t.app.db, {
      unitId: t.unitId, dossierId: Number(d.id), action: 'requestSupplement', actor: t.reception, idempotencyKey: null, hooks: t.hooks,
      payload: { missingItems: 'Tờ khai', reason: 'Thiếu tờ khai.' },
    });
    expect(await rowsOf(Number(d.id))).toHaveLength(1); // nothing more: e-mail unsubscribed, SMS off

    await resident.postForm('/tai-khoan/thong-bao', { email: 'on', sms: 'on' });
    expect((await resident.get('/tai-khoan/thong-bao')).body).not.toContain('Bạn đã ngừng nhận e-mail');
  });

  it('a mailbox the server refuses is marked failed at once, with the reason for staff and no full address', async () => {
    const d = await counterDossier({ fullName: 'Phan Văn Đức', email: 'khongton@example.vn' });
    expect(await t.job.runDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const [row] = await rowsOf(d.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, recipient: 'k***@example.vn' });
    expect(row!.last_error).toMatch(/^Máy chủ thư: .*550/);
    expect(row!.last_error).not.toContain('khongton@');
    const officer = new TestClient(t.app);
    await officer.login('tumy.tiepnhan');
    const page = await officer.get(`/can-bo/ho-so/${d.code}`);
    expect(page.body).toContain('<strong>không gửi được</strong>');
    expect(page.body).toContain('Lý do: Máy chủ thư:');
  });

  it('a message whose sender died before recording it is sent again after the lease, with the same Message-ID', async () => {
    const d = await counterDossier({ fullName: 'Võ Thị Em', email: 'em@example.vn' });
    const real = smtpTransport({ url: t.config.smtpUrl!, from: FROM });
    const before = smtp.mails.length;
    // the first instance hands the message to the server, then hangs for good before recording it
    const dying = createDeliveryJob({
      db: t.app.db, retryMinutes: [1], maxAttempts: 5,
      transports: { ...transportsFromConfig(t.config, { info() {}, debug() {} }), email: { name: 'smtp', send: async (m) => { await real.send(m); await new Promise(() => {}); } } },
    });
    void dying.runDue();
    await expect.poll(() => smtp.mails.length).toBe(before + 1);
    expect(await t.job.runDue()).toEqual({ sent: 0, retried: 0, failed: 0 }); // still under the first claim
    expect(await t.job.runDue(new Date(Date.now() + 11 * 60_000))).toEqual({ sent: 1, retried: 0, failed: 0 });
    const copies = smtp.mails.slice(before).map((m) => m.mail);
    expect(copies).toHaveLength(2);
    expect(copies[1]!.messageId).toBe(copies[0]!.messageId);
    expect(await rowsOf(d.id)).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });
});
