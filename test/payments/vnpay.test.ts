import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { act, createDraft, type Dossier } from '../../src/dossiers/index.js';
import { findUnitByCode, principalByUsername } from '../../src/identity/index.js';
import type { Principal } from '../../src/platform/http/index.js';
import { openKeystore, type Keystore } from '../../src/documents/keys/keystore.js';
import { initTestKeys } from '../../src/documents/keys/init.js';
import { verifyPdfSignatures } from '../../src/signing/index.js';
import { paymentOf, receiptsOf } from '../../src/payments/index.js';
import { hasValidHash, parseVnpayDate, signedQuery, signedText, vnpayDate } from '../../src/payments/vnpay/protocol.js';
import { FAKE_VNPAY_PATH } from '../../src/payments/vnpay/fake-gateway.js';

describe('VNPay 2.1.0 signing', () => {
  it('signs the vnp_* parameters sorted by key, URL-encoded with "+" for spaces, with HMAC-SHA512 of the merchant secret', () => {
    const params = { vnp_TxnRef: 'ABC123', vnp_Amount: '1000000', vnp_OrderInfo: 'Nop phi ho so 1', vnp_ReturnUrl: 'https://a.vn/r?x=1', other: 'ignored' };
    // written by hand from the protocol: keys ascending, values encoded like encodeURIComponent, %20 → "+"
    const text = 'vnp_Amount=1000000&vnp_OrderInfo=Nop+phi+ho+so+1&vnp_ReturnUrl=https%3A%2F%2Fa.vn%2Fr%3Fx%3D1&vnp_TxnRef=ABC123';
    expect(signedText(params)).toBe(text);
    const hash = createHmac('sha512', 'SECRETSECRET').update(text).digest('hex');
    expect(signedQuery(params, 'SECRETSECRET')).toBe(`${text}&vnp_SecureHash=${hash}`);
    expect(hasValidHash({ ...params, vnp_SecureHash: hash.toUpperCase(), vnp_SecureHashType: 'HmacSHA512' }, 'SECRETSECRET')).toBe(true);
    expect(hasValidHash({ ...params, vnp_Amount: '1000001', vnp_SecureHash: hash }, 'SECRETSECRET')).toBe(false);
    expect(hasValidHash({ ...params, vnp_SecureHash: hash }, 'OTHERSECRET')).toBe(false);
    expect(hasValidHash({ ...params, vnp_SecureHash: 'zz' }, 'SECRETSECRET')).toBe(false);
  });

  it('writes dates as yyyyMMddHHmmss in GMT+7 and reads them back', () => {
    expect(vnpayDate(new Date('2026-12-31T17:30:05Z'))).toBe('20270101003005');
    expect(parseVnpayDate('20270101003005')?.toISOString()).toBe('2026-12-31T17:30:05.000Z');
    expect(parseVnpayDate('20270231120000')).toBeNull();
    expect(parseVnpayDate('2027-01-01')).toBeNull();
  });
});

const applicant = { fullName: 'Lê Văn Cường', idNumber: '042190000033', phone: '0912000333', email: '', address: 'Thôn 3, xã Tứ Mỹ' };
const WILL = '2.001019'; // Chứng thực di chúc: 50.000 đồng

describe('paying a fee online through the fake VNPay', () => {
  let app: TestApp;
  let ks: Keystore;
  let unitId: number;
  let reception: Principal;
  let resident: Principal;
  let browser: TestClient;
  let secret: string;

  beforeAll(async () => {
    const keysDir = mkdtempSync(join(tmpdir(), 'xaso-keys-'));
    app = await createTestApp({ env: { XASO_KEYS_DIR: keysDir, XASO_STORAGE_DIR: mkdtempSync(join(tmpdir(), 'xaso-store-')), XASO_FAKE_GATEWAY: 'true' } });
    ks = openKeystore(keysDir);
    await initTestKeys(app.db, ks);
    await app.server.listen({ port: 0, host: '127.0.0.1' }); // the fake sends its IPN over HTTP
    unitId = (await findUnitByCode(app.db, '18202'))!.id;
    [reception, resident] = (await Promise.all(['tumy.tiepnhan', 'congdan'].map((u) => principalByUsername(app.db, u)))) as [Principal, Principal];
    browser = new TestClient(app);
    await browser.login('congdan');
    const rows = await app.db.withRawTransaction((tx) => tx.query<{ value: string }>(`select value from settings where key = 'payments.fakeVnpaySecret'`));
    secret = rows[0]!.value;
  }, 120_000);
  afterAll(() => app.dispose());

  async function received(): Promise<Dossier> {
    const hooks = app.server.dossierHooks;
    const d = await createDraft(app.db, { unitId, procedureCode: WILL, channel: 'online', applicant, ownerUserId: resident.userId, createdBy: resident.userId });
    await act(app.db, { unitId, dossierId: d.id, action: 'submit', actor: resident, payload: {}, idempotencyKey: null, hooks });
    return (await act(app.db, { unitId, dossierId: d.id, action: 'receive', actor: reception, payload: { feePaid: false }, idempotencyKey: null, hooks })).dossier;
  }

  /** The resident presses "Thanh toán trực tuyến": the signed redirect to the gateway and the gateway's page. */
  async function startAtGateway(d: Dossier) {
    const page = await browser.get(`/ho-so-cua-toi/${d.code}`);
    expect(page.body).toContain('Thanh toán trực tuyến 50.000');
    const res = await browser.postForm(`/ho-so-cua-toi/${d.code}/thanh-toan-truc-tuyen`, {});
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    const url = new URL(res.headers.location as string, 'http://x');
    expect(url.pathname).toBe(FAKE_VNPAY_PATH);
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({ vnp_Version: '2.1.0', vnp_Command: 'pay', vnp_TmnCode: 'XASODEMO', vnp_Amount: '5000000', vnp_CurrCode: 'VND', vnp_Locale: 'vn' });
    expect(q.vnp_OrderInfo).toBe(`NOP PHI LE PHI HO SO ${d.code}`);
    expect(hasValidHash(q, secret)).toBe(true);
    const gatewayPage = await browser.get(url.pathname + url.search);
    expect(gatewayPage.statusCode).toBe(200);
    expect(gatewayPage.body).toContain('50.000');
    const hidden = /name="q" value="([^"]*)"/.exec(gatewayPage.body)![1]!.replaceAll('&amp;', '&');
    return { q, hidden };
  }

  /** A signed IPN as VNPay sends it for the attempt `q`, with changes. */
  const ipn = (q: Record<string, string>, change: Record<string, string> = {}) => {
    const params = {
      vnp_Amount: q.vnp_Amount!, vnp_BankCode: 'NCB', vnp_OrderInfo: q.vnp_OrderInfo!, vnp_PayDate: vnpayDate(new Date()), vnp_ResponseCode: '00',
      vnp_TmnCode: q.vnp_TmnCode!, vnp_TransactionNo: '14226112', vnp_TransactionStatus: '00', vnp_TxnRef: q.vnp_TxnRef!, ...change,
    };
    return `/thanh-toan/vnpay/ipn?${signedQuery(params, secret)}`;
  };
  const answer = async (url: string) => JSON.parse((await app.server.inject({ method: 'GET', url })).body) as { RspCode: string; Message: string };

  it('the resident pays at the gateway: the IPN marks the fee paid, the return page says "Đã thanh toán" and links the signed receipt', async () => {
    const d = await received();
    const { hidden } = await startAtGateway(d);
    const done = await browser.postForm('/gia-lap/vnpay/thanh-toan', { q: hidden, 'ket-qua': 'thanh-cong' });
    expect(done.statusCode, done.body.slice(0, 300)).toBe(303);
    expect(app.payments!.fakeSent!.at(-1)).toMatchObject({ responseCode: '00', reply: { RspCode: '00', Message: 'Confirm Success' } });
    const payment = await paymentOf(app.db, unitId, d.id);
    expect(payment).toMatchObject({ status: 'paid', method: 'gateway', collectedBy: null });
    expect(payment!.reconciliationRef).toMatch(/^vnpay:\d{8}$/);
    const [receipt] = await receiptsOf(app.db, unitId, d.id);
    expect(receipt).toMatchObject({ method: 'gateway', amount: 50_000, collectorUserId: null, collectorUserName: 'Thanh toán trực tuyến qua VNPay (giả lập)' });

    const back = new URL(done.headers.location as string);
    expect(back.pathname).toBe('/thanh-toan/vnpay/ket-qua');
    const result = await browser.get(back.pathname + back.search);
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('<h1>Đã thanh toán</h1>');
    const link = `/ho-so-cua-toi/${d.code}/bien-lai/${receipt!.id}.pdf`;
    expect(result.body).toContain(`href="${link}"`);
    const stranger = await new TestClient(app).get(back.pathname + back.search); // the link passed on: no dossier details
    expect(stranger.body).toContain('<h1>Đã thanh toán</h1>');
    expect(stranger.body).not.toContain(d.code!);
    const pdf = await browser.get(link);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const sigs = await verifyPdfSignatures(new Uint8Array(pdf.rawPayload), ks.trustedRoots());
    expect(sigs.map((s) => [s.signerName, s.intact, s.signatureValid, s.chainTrusted])).toEqual([['Ủy ban nhân dân xã Tứ Mỹ', true, true, true]]);
    const dossierPage = await browser.get(`/ho-so-cua-toi/${d.code}`);
    expect(dossierPage.body).toContain('Trạng thái: Đã thanh toán, thanh toán trực tuyến');
    expect(dossierPage.body).not.toContain('Thanh toán trực tuyến 50.000');

    // the gateway retries: the same notification again is acknowledged as already confirmed and changes nothing
    const again = await browser.postForm('/gia-lap/vnpay/thanh-toan', { q: hidden, 'ket-qua': 'thanh-cong' });
    expect(again.statusCode, 'the fake gateway itself refuses a second payment of one attempt').toBe(400);
    const q = Object.fromEntries(back.searchParams);
    const replay = `/thanh-toan/vnpay/ipn?${back.search.slice(1)}`;
    expect(await answer(replay)).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect(q.vnp_TxnRef).toBeTruthy();
    expect(await receiptsOf(app.db, unitId, d.id)).toHaveLength(1);
  });

  it('refuses a tampered signature (97), a wrong amount (04) and an unknown reference (01); none changes anything', async () => {
    const d = await received();
    const { q } = await startAtGateway(d);
    const good = ipn(q);
    const tampered = good.replace('vnp_Amount=5000000', 'vnp_Amount=100');
    expect(await answer(tampered)).toEqual({ RspCode: '97', Message: 'Invalid signature' });
    expect(await answer(good.replace(/vnp_SecureHash=[0-9a-f]+/, 'vnp_SecureHash=' + 'ab'.repeat(64)))).toEqual({ RspCode: '97', Message: 'Invalid signature' });
    expect(await answer('/thanh-toan/vnpay/ipn')).toEqual({ RspCode: '97', Message: 'Invalid signature' });
    expect(await answer(ipn(q, { vnp_Amount: '4000000' }))).toEqual({ RspCode: '04', Message: 'Invalid amount' });
    expect(await answer(ipn(q, { vnp_TxnRef: 'XS1P1TNOTEXIST' }))).toEqual({ RspCode: '01', Message: 'Order not found' });
    expect(await paymentOf(app.db, unitId, d.id)).toMatchObject({ status: 'pending' });
    expect(await receiptsOf(app.db, unitId, d.id)).toHaveLength(0);

    // then the genuine notification is taken, once
    const replies = await Promise.all([answer(good), answer(good), answer(good)]);
    expect(replies.map((r) => r.RspCode).sort()).toEqual(['00', '02', '02']);
    expect(await paymentOf(app.db, unitId, d.id)).toMatchObject({ status: 'paid', method: 'gateway', reconciliationRef: 'vnpay:14226112' });
    expect(await receiptsOf(app.db, unitId, d.id)).toHaveLength(1);
  });

  it('a cancelled payment at the gateway leaves the fee pending, says why, and the resident can start again', async () => {
    const d = await received();
    const { hidden } = await startAtGateway(d);
    const done = await browser.postForm('/gia-lap/vnpay/thanh-toan', { q: hidden, 'ket-qua': 'huy' });
    expect(app.payments!.fakeSent!.at(-1)).toMatchObject({ responseCode: '24', reply: { RspCode: '00' } });
    const back = new URL(done.headers.location as string);
    const result = await browser.get(back.pathname + back.search);
    expect(result.body).toContain('Chưa thanh toán được');
    expect(result.body).toContain('Bạn đã hủy giao dịch.');
    expect(await paymentOf(app.db, unitId, d.id)).toMatchObject({ status: 'pending' });
    await startAtGateway(d); // a new attempt, with a new reference
    const attempts = await app.db.withRawTransaction((tx) => tx.query<{ status: string; response_code: string | null }>(
      'select a.status, a.response_code from payment_attempts a join payments p on p.unit_id = a.unit_id and p.id = a.payment_id where p.dossier_id = $1 order by a.id', [d.id]));
    expect(attempts).toEqual([{ status: 'failed', response_code: '24' }, { status: 'started', response_code: null }]);
  });

  it('a return with a forged signature is refused; another person cannot start paying the dossier', async () => {
    const d = await received();
    const { q } = await startAtGateway(d);
    const forged = await browser.get(ipn(q).replace('/ipn?', '/ket-qua?').replace('vnp_ResponseCode=00', 'vnp_ResponseCode=01'));
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('Không xác thực được kết quả thanh toán');
    const other = new TestClient(app);
    await other.login('tumy.tiepnhan');
    const res = await other.postForm(`/ho-so-cua-toi/${d.code}/thanh-toan-truc-tuyen`, {});
    expect(res.statusCode).toBe(404);
  });

  it('paid at the counter while the resident was at the gateway: the counter is warned, then the duplicate is shown as money to give back', async () => {
    const d = await received();
    const { hidden } = await startAtGateway(d);
    const counter = new TestClient(app);
    await counter.login('tumy.tiepnhan');
    expect((await counter.get(`/can-bo/ho-so/${d.code}`)).body).toContain('Người nộp đã mở trang thanh toán trực tuyến lúc');
    expect((await counter.postForm(`/can-bo/ho-so/${d.code}/thu-phi`, { method: 'cash' })).statusCode).toBe(303);
    const done = await browser.postForm('/gia-lap/vnpay/thanh-toan', { q: hidden, 'ket-qua': 'thanh-cong' });
    expect(app.payments!.fakeSent!.at(-1)).toMatchObject({ responseCode: '00', reply: { RspCode: '00' } }); // taken: the money is known
    expect(await paymentOf(app.db, unitId, d.id)).toMatchObject({ status: 'paid', method: 'cash' });
    expect(await receiptsOf(app.db, unitId, d.id)).toHaveLength(1);
    const back = new URL(done.headers.location as string);
    const result = await browser.get(back.pathname + back.search);
    expect(result.body).toContain('Thanh toán trùng, sẽ được hoàn tiền');
    const staff = (await counter.get(`/can-bo/ho-so/${d.code}`)).body;
    expect(staff).toMatch(/Thanh toán trực tuyến trùng: 50\.000.đ qua VNPay \(giả lập\) \(mã giao dịch \d{8}, .*\) sau khi phí đã được nộp cách khác\. Cần hoàn lại tiền cho người nộp\./);
    expect(staff).not.toContain('Người nộp đã mở trang thanh toán trực tuyến lúc');
    expect((await browser.get(`/ho-so-cua-toi/${d.code}`)).body).toContain('trùng với phí, lệ phí đã nộp. Trung tâm sẽ hoàn lại tiền cho Ông/Bà.');
    const audit = await app.db.withRawTransaction((tx) => tx.query<{ details: { dossierCode: string } }>(`select details from audit_log where action = 'payments.gateway.refundDue'`));
    expect(audit.map((a) => a.details.dossierCode)).toContain(d.code);

    // the cashier gives the money back and records how; the warning ends
    const refundAt = /action="(\/can-bo\/ho-so\/[^"]+\/hoan-tien\/\d+)"/.exec(staff)![1]!;
    const tooShort = await counter.postForm(refundAt, { 'ghi-chu': 'ok' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.body).toContain('Ghi cách đã hoàn tiền');
    expect(await browser.postForm(refundAt, { 'ghi-chu': 'Chuyển khoản lại' }).then((r) => r.statusCode), 'the resident cannot').toBe(403);
    const done2 = await counter.postForm(refundAt, { 'ghi-chu': 'Chuyển khoản lại ngày 27/11, giao dịch FT123' });
    expect(done2.statusCode, done2.body.slice(0, 300)).toBe(303);
    const after = (await counter.get(done2.headers.location as string)).body;
    expect(after).toContain('Đã ghi nhận hoàn lại khoản thanh toán trực tuyến trùng.');
    expect(after).toContain('Đã hoàn lại khoản thanh toán trực tuyến trùng 50.000');
    expect(after).toContain('Chuyển khoản lại ngày 27/11, giao dịch FT123');
    expect(after).not.toContain('Cần hoàn lại tiền cho người nộp');
    expect((await browser.get(`/ho-so-cua-toi/${d.code}`)).body).toContain('Trung tâm đã hoàn lại khoản thanh toán trực tuyến trùng 50.000');
    const again = await counter.postForm(refundAt, { 'ghi-chu': 'Chuyển khoản lại lần hai' });
    expect(again.statusCode).toBe(409);
    expect(await app.db.withRawTransaction((tx) => tx.query(`select 1 from audit_log where action = 'payments.gateway.refunded'`))).toHaveLength(1);
  });

  it('a unit that cannot issue receipts yet takes no online payment: no button, and the start is refused', async () => {
    const d = await received();
    await app.db.withRawTransaction((tx) => tx.query(`update payment_settings set collector_tax_code = '' where unit_id = $1`, [unitId]));
    try {
      expect((await browser.get(`/ho-so-cua-toi/${d.code}`)).body).not.toContain('Thanh toán trực tuyến 50.000');
      const res = await browser.postForm(`/ho-so-cua-toi/${d.code}/thanh-toan-truc-tuyen`, {});
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('đơn vị chưa sẵn sàng lập biên lai điện tử');
    } finally {
      await app.db.withRawTransaction((tx) => tx.query(`update payment_settings set collector_tax_code = '3000000000' where unit_id = $1`, [unitId]));
    }
  });

  it('a fee already paid at the counter is not paid again online: the start is refused in Vietnamese', async () => {
    const d = await received();
    const counter = new TestClient(app);
    await counter.login('tumy.tiepnhan');
    expect((await counter.postForm(`/can-bo/ho-so/${d.code}/thu-phi`, { method: 'cash' })).statusCode).toBe(303);
    const res = await browser.postForm(`/ho-so-cua-toi/${d.code}/thanh-toan-truc-tuyen`, {});
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('đã được nộp; không nộp lại');
  });
});
