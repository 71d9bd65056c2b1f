import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { act, createDraft, type Dossier } from '../../src/dossiers/index.js';
import { findUnitByCode, principalByUsername } from '../../src/identity/index.js';
import type { AppError, Principal } from '../../src/platform/http/index.js';
import { openKeystore, type Keystore } from '../../src/documents/keys/keystore.js';
import { initTestKeys } from '../../src/documents/keys/init.js';
import { verifyPdfSignatures } from '../../src/signing/index.js';
import { createVersion, latestVersion } from '../../src/catalog/store.js';
import { formatVnd } from '../../src/catalog/index.js';
import { vnDate } from '../../src/platform/clock.js';
import { parseVietQr } from '../../src/payments/vietqr.js';
import { collectFee, createReceiptSigner, paymentOf, receiptsOf, type FeeReceipt, type ReceiptSigner } from '../../src/payments/index.js';
import { localFileStore } from '../../src/platform/storage/index.js';
import { inspectPdf, squash } from '../documents/pdf-text.js';
import { vietQrIn } from './qr-image.js';

const applicant = { fullName: 'Trần Thị Bình', idNumber: '042190000011', phone: '0912000222', email: '', address: 'Thôn 2, xã Tứ Mỹ' };
const WILL = '2.001019'; // Chứng thực di chúc: 50.000 đồng, standard workflow
const SIGNATURE = '2.000884'; // Chứng thực chữ ký: 10.000 đồng, same-day workflow
const DOSSIERS = 50;

describe('fee collection and receipts', () => {
  let app: TestApp;
  let ks: Keystore;
  let unitId: number;
  let reception: Principal;
  let admin: Principal;
  let resident: Principal;
  let signer: ReceiptSigner;
  const browsers: Record<string, TestClient> = {};

  beforeAll(async () => {
    const keysDir = mkdtempSync(join(tmpdir(), 'xaso-keys-'));
    const storageDir = mkdtempSync(join(tmpdir(), 'xaso-store-'));
    app = await createTestApp({ env: { XASO_KEYS_DIR: keysDir, XASO_STORAGE_DIR: storageDir } });
    ks = openKeystore(keysDir);
    signer = createReceiptSigner({ db: app.db, keystore: ks, store: localFileStore(storageDir), publicBaseUrl: 'http://localhost' });
    await initTestKeys(app.db, ks);
    unitId = (await findUnitByCode(app.db, '18202'))!.id;
    [reception, admin, resident] = (await Promise.all(['tumy.tiepnhan', 'tumy.quantri', 'congdan'].map((u) => principalByUsername(app.db, u)))) as [Principal, Principal, Principal];
    for (const u of ['tumy.tiepnhan', 'tumy.quantri', 'tumy.chuyenvien', 'thanhsen.tiepnhan', 'congdan', 'tumy.lanhdao']) {
      browsers[u] = new TestClient(app);
      await browsers[u].login(u);
    }
  }, 120_000);
  afterAll(() => app.dispose());

  const hooks = () => app.server.dossierHooks;

  /** A dossier received at the counter (or submitted online by the resident, then received). */
  async function received(o: { procedureCode?: string; feePaid?: boolean; online?: boolean; now?: Date } = {}): Promise<Dossier> {
    const d = await createDraft(app.db, {
      unitId, procedureCode: o.procedureCode ?? WILL, channel: o.online ? 'online' : 'counter', applicant, ownerUserId: o.online ? resident.userId : null,
      createdBy: o.online ? resident.userId : reception.userId, ...(o.now ? { now: o.now } : {}),
    });
    if (o.online) await act(app.db, { unitId, dossierId: d.id, action: 'submit', actor: resident, payload: {}, idempotencyKey: null, hooks: hooks(), ...(o.now ? { now: o.now } : {}) });
    const r = await act(app.db, { unitId, dossierId: d.id, action: 'receive', actor: reception, payload: { feePaid: o.feePaid ?? false }, idempotencyKey: null, hooks: hooks(), ...(o.now ? { now: o.now } : {}) });
    return r.dossier;
  }

  const pdfOf = async (browser: string, url: string) => {
    const res = await browsers[browser]!.get(url);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    return res.rawPayload;
  };

  it('the counter tick "paid" records a cash payment and issues a signed receipt with every mandatory item', async () => {
    const d = await received({ feePaid: true });
    expect(await paymentOf(app.db, unitId, d.id)).toMatchObject({ amount: 50_000, due: 'atReceipt', status: 'paid', method: 'cash', collectedBy: reception.userId });
    const [r] = await receiptsOf(app.db, unitId, d.id);
    expect(r).toMatchObject({ amount: 50_000, amountInWords: 'Năm mươi nghìn đồng', templateSymbol: '01BLP0-001', collectorTaxCode: '3000000000', status: 'issued' });
    expect(r!.receiptSymbol).toMatch(/^AA-\d\dE$/);
    expect(r!.storageKey, 'signed right after the commit').not.toBeNull();

    const pdf = await pdfOf('tumy.tiepnhan', `/can-bo/bien-lai/${r!.id}.pdf`);
    const sigs = await verifyPdfSignatures(new Uint8Array(pdf), ks.trustedRoots());
    expect(sigs.map((s) => [s.signerName, s.intact, s.signatureValid, s.chainTrusted, s.coversWholeDocument])).toEqual([['Ủy ban nhân dân xã Tứ Mỹ', true, true, true, true]]);
    const { text, pageSize } = await inspectPdf(pdf);
    expect(pageSize).toMatch(/^419\.\d+ x 595\.\d+ pts/); // A5
    const flat = squash(text).replace(/\u00a0/g, ' ');
    for (const expected of [
      'BIÊN LAI THU PHÍ, LỆ PHÍ', 'ỦY BAN NHÂN DÂN XÃ TỨ MỸ', 'Mã số thuế: 3000000000', 'Mẫu số: 01BLP0-001', `Ký hiệu: ${r!.receiptSymbol}`, `Số: ${String(r!.number).padStart(7, '0')}`,
      'Họ và tên người nộp: Trần Thị Bình', `Mã hồ sơ: ${d.code}`, 'Hình thức thanh toán: Tiền mặt', 'Phí chứng thực di chúc', formatVnd(50_000).replace('\u00a0', ' '),
      'Số tiền bằng chữ: Năm mươi nghìn đồng.', 'Người thu tiền: Nguyễn Thị Tiếp Nhận', 'ĐƠN VỊ THU PHÍ, LỆ PHÍ',
    ]) expect(flat).toContain(expected);
  });

  it('"Thu tiền mặt" on the staff page collects a pending fee once, with the next number; a second try is refused in Vietnamese', async () => {
    const d = await received();
    const page = await browsers['tumy.tiepnhan']!.get(`/can-bo/ho-so/${d.code}`);
    expect(page.body).toContain('Trạng thái: Chưa nộp');
    expect(page.body).toContain('Thu tiền mặt 50.000');
    const before = (await receiptsOf(app.db, unitId, d.id)).length;
    const res = await browsers['tumy.tiepnhan']!.postForm(`/can-bo/ho-so/${d.code}/thu-phi`, { method: 'cash' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    expect(res.headers.location).toBe(`/can-bo/ho-so/${d.code}?da=thu-phi`);
    const [r] = await receiptsOf(app.db, unitId, d.id);
    expect(before).toBe(0);
    expect(r).toMatchObject({ method: 'cash', collectorUserId: reception.userId, status: 'issued' });
    const after = await browsers['tumy.tiepnhan']!.get(`/can-bo/ho-so/${d.code}?da=thu-phi`);
    expect(after.body).toContain('Đã thu phí, lệ phí và lập biên lai điện tử');
    expect(after.body).toContain(`${formatVnd(50_000)} – đã nộp`);
    const again = await browsers['tumy.tiepnhan']!.postForm(`/can-bo/ho-so/${d.code}/thu-phi`, { method: 'cash' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('đã được thu; không thu lại');
    expect(await receiptsOf(app.db, unitId, d.id)).toHaveLength(1);
  });

  it('a transfer is confirmed with the bank reference; a missing or reused reference is refused and nothing changes', async () => {
    const [a, b] = [await received(), await received()];
    const empty = await browsers['tumy.tiepnhan']!.postForm(`/can-bo/ho-so/${a.code}/thu-phi`, { method: 'vietqr', reference: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Nhập mã giao dịch trên sao kê tài khoản');
    expect(await paymentOf(app.db, unitId, a.id)).toMatchObject({ status: 'pending' });
    expect((await browsers['tumy.tiepnhan']!.postForm(`/can-bo/ho-so/${a.code}/thu-phi`, { method: 'vietqr', reference: 'FT26001234' })).statusCode).toBe(303);
    expect(await paymentOf(app.db, unitId, a.id)).toMatchObject({ status: 'paid', method: 'vietqr', reconciliationRef: 'FT26001234' });
    const reused = await browsers['tumy.tiepnhan']!.postForm(`/can-bo/ho-so/${b.code}/thu-phi`, { method: 'vietqr', reference: 'FT26001234' });
    expect(reused.statusCode).toBe(409);
    expect(reused.body).toContain('Mã giao dịch này đã được dùng');
    expect(reused.body).toContain('value="FT26001234"');
    expect(await paymentOf(app.db, unitId, b.id)).toMatchObject({ status: 'pending' });
    expect(await receiptsOf(app.db, unitId, b.id)).toEqual([]);
  });

  it('cancelling keeps the number, marked ĐÃ HỦY with the reason (signed copy); the fee is pending again and the next receipt takes the next number', async () => {
    const d = await received({ feePaid: true });
    const [first] = await receiptsOf(app.db, unitId, d.id);
    const short = await browsers['tumy.tiepnhan']!.postForm(`/can-bo/bien-lai/${first!.id}/huy`, { reason: 'sai' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Nhập lý do hủy biên lai, từ 5 đến 500 ký tự.');
    expect((await receiptsOf(app.db, unitId, d.id))[0]!.status).toBe('issued');

    const specialist = await browsers['tumy.chuyenvien']!.postForm(`/can-bo/bien-lai/${first!.id}/huy`, { reason: 'Ghi sai số tiền' });
    expect(specialist.statusCode).toBe(403);
    const res = await browsers['tumy.tiepnhan']!.postForm(`/can-bo/bien-lai/${first!.id}/huy`, { reason: 'Ghi sai tên người nộp' });
    expect(res.statusCode).toBe(303);
    const page = await browsers['tumy.quantri']!.get(`/can-bo/bien-lai/${first!.id}`);
    expect(page.body).toContain('ĐÃ HỦY');
    expect(page.body).toContain('Lý do: Ghi sai tên người nộp');
    expect(page.body).not.toContain('id="reason"');
    expect(await paymentOf(app.db, unitId, d.id)).toMatchObject({ status: 'pending', method: null });

    const pdf = await pdfOf('tumy.tiepnhan', `/can-bo/bien-lai/${first!.id}.pdf`);
    expect((await inspectPdf(pdf)).text.replace(/\s+/g, ' ')).toContain('Lý do hủy: Ghi sai tên người nộp');
    expect((await verifyPdfSignatures(new Uint8Array(pdf), ks.trustedRoots())).every((s) => s.signatureValid && s.intact)).toBe(true);

    expect((await browsers['tumy.tiepnhan']!.postForm(`/can-bo/ho-so/${d.code}/thu-phi`, { method: 'cash' })).statusCode).toBe(303);
    const [second, cancelled] = await receiptsOf(app.db, unitId, d.id);
    expect(cancelled).toMatchObject({ id: first!.id, number: first!.number, status: 'cancelled', cancelReason: 'Ghi sai tên người nộp', cancelledBy: reception.userId });
    expect(second!.number).toBeGreaterThan(first!.number);
    expect(second!.status).toBe('issued');
    const again = await browsers['tumy.quantri']!.postForm(`/can-bo/bien-lai/${first!.id}/huy`, { reason: 'Hủy lần nữa' });
    expect(again.statusCode).toBe(409);
  });

  it('the resident sees the VietQR while the fee is pending (it decodes to the amount and the dossier code), then only the own receipt', async () => {
    const d = await received({ online: true });
    const page = await browsers.congdan!.get(`/ho-so-cua-toi/${d.code}`);
    expect(page.statusCode).toBe(200);
    const q = parseVietQr(vietQrIn(page.body));
    expect(q).toMatchObject({ bin: '970405', account: '3700205000000', amount: 50_000, dynamic: true, purpose: `HS ${d.code}` });
    expect(page.body).toContain('Nội dung chuyển khoản');
    expect(page.body).toContain('Tài khoản mẫu của bản trình diễn (DEMO)');
    expect(page.body).not.toContain('/thu-phi"'); // no collect form for the resident

    const printed = await browsers.congdan!.get(`/ho-so/${d.code}/in/giay-tiep-nhan`);
    expect(parseVietQr(vietQrIn(printed.body))).toMatchObject({ amount: 50_000, purpose: `HS ${d.code}` });
    const printedPdf = await inspectPdf((await browsers.congdan!.get(`/ho-so/${d.code}/in/giay-tiep-nhan.pdf`)).rawPayload);
    expect(squash(printedPdf.text)).toContain(`Nội dung chuyển khoản: HS ${d.code}`);

    const receipt = await collectFee(app.db, signer, { dossier: d, method: 'cash', reference: null, actor: reception, now: new Date() });
    const paid = await browsers.congdan!.get(`/ho-so-cua-toi/${d.code}`);
    expect(paid.body).not.toContain('class="vietqr"');
    expect((await browsers.congdan!.get(`/ho-so/${d.code}/in/giay-tiep-nhan`)).body).not.toContain('class="vietqr"');
    expect(paid.body).toContain(`/ho-so-cua-toi/${d.code}/bien-lai/${receipt.id}.pdf`);
    const pdf = await pdfOf('congdan', `/ho-so-cua-toi/${d.code}/bien-lai/${receipt.id}.pdf`);
    expect(squash((await inspectPdf(pdf)).text)).toContain('Năm mươi nghìn đồng');

    // another dossier's receipt through this dossier's address, and staff addresses, are not the resident's
    const other = await received({ feePaid: true });
    const [otherReceipt] = await receiptsOf(app.db, unitId, other.id);
    expect((await browsers.congdan!.get(`/ho-so-cua-toi/${d.code}/bien-lai/${otherReceipt!.id}.pdf`)).statusCode).toBe(404);
    expect((await browsers.congdan!.get(`/ho-so-cua-toi/${other.code}/bien-lai/${otherReceipt!.id}.pdf`)).statusCode).toBe(404);
    expect((await browsers.congdan!.get(`/can-bo/bien-lai/${receipt.id}`)).statusCode).toBe(403);
  });

  it('another unit\'s staff get 404 for this unit\'s receipts and dossiers, and cannot collect', async () => {
    const d = await received({ feePaid: true });
    const [r] = await receiptsOf(app.db, unitId, d.id);
    const other = browsers['thanhsen.tiepnhan']!;
    expect((await other.get(`/can-bo/bien-lai/${r!.id}`)).statusCode).toBe(404);
    expect((await other.get(`/can-bo/bien-lai/${r!.id}.pdf`)).statusCode).toBe(404);
    expect((await other.postForm(`/can-bo/bien-lai/${r!.id}/huy`, { reason: 'Không phải của tôi' })).statusCode).toBe(404);
    const pending = await received();
    expect((await other.postForm(`/can-bo/ho-so/${pending.code}/thu-phi`, { method: 'cash' })).statusCode).toBe(404);
    expect(await paymentOf(app.db, unitId, pending.id)).toMatchObject({ status: 'pending' });
  });

  it('a fee due before the result: the result is not returned until it is paid (Vietnamese reason), then it is', async () => {
    const latest = (await latestVersion(app.db, SIGNATURE))!;
    await createVersion(app.db, { ...latest.data, fees: { ...latest.data.fees, paymentDue: 'beforeResult' }, effectiveFrom: vnDate(new Date()) }, null);
    const d = await received({ procedureCode: SIGNATURE });
    expect(await paymentOf(app.db, unitId, d.id)).toMatchObject({ amount: 10_000, due: 'beforeResult', status: 'pending' });
    const leader = (await principalByUsername(app.db, 'tumy.lanhdao'))!;
    await act(app.db, { unitId, dossierId: d.id, action: 'submitForApproval', actor: reception, payload: { note: 'Đủ' }, idempotencyKey: null, hooks: hooks() });
    await act(app.db, { unitId, dossierId: d.id, action: 'approve', actor: leader, payload: {}, idempotencyKey: null, hooks: hooks() });
    const page = await browsers['tumy.tiepnhan']!.get(`/can-bo/ho-so/${d.code}`);
    expect(page.body).toContain('Nộp trước khi nhận kết quả');
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const refused = await browsers['tumy.tiepnhan']!.postForm(`/can-bo/ho-so/${d.code}/thao-tac/returnResult`, { version, idempotencyKey: 'return-unpaid-1', method: 'counter' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Chưa trả được kết quả: hồ sơ này phải nộp phí, lệ phí trước khi nhận kết quả');
    expect((await app.db.withRawTransaction((tx) => tx.query('select state from dossiers where id = $1', [d.id])))[0]!.state).toBe('resultReady');
    expect((await browsers['tumy.tiepnhan']!.postForm(`/can-bo/ho-so/${d.code}/thu-phi`, { method: 'cash' })).statusCode).toBe(303);
    const returned = await browsers['tumy.tiepnhan']!.postForm(`/can-bo/ho-so/${d.code}/thao-tac/returnResult`, { version, idempotencyKey: 'return-paid-1', method: 'counter' });
    expect(returned.statusCode, returned.body.slice(0, 400)).toBe(303);
  });

  it('receipt numbers restart at 1 on 1 January (Vietnam time) and carry the year in the symbol', async () => {
    const collectAt = async (iso: string): Promise<FeeReceipt> => {
      const now = new Date(iso);
      return collectFee(app.db, signer, { dossier: await received({ now }), method: 'cash', reference: null, actor: reception, now });
    };
    const lastOf2030 = [await collectAt('2030-12-31T16:58:00Z'), await collectAt('2030-12-31T16:59:59Z')];
    const firstOf2031 = [await collectAt('2030-12-31T17:00:00Z'), await collectAt('2031-01-02T02:00:00Z')];
    expect(lastOf2030.map((r) => [r.year, r.number, r.receiptSymbol])).toEqual([[2030, 1, 'AA-30E'], [2030, 2, 'AA-30E']]);
    expect(firstOf2031.map((r) => [r.year, r.number, r.receiptSymbol])).toEqual([[2031, 1, 'AA-31E'], [2031, 2, 'AA-31E']]);
  });

  it('the cash book and the revenue report: the XLSX holds the numbers the page shows; others\' units are refused', async () => {
    const day = new Date().toLocaleDateString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });
    const page = await browsers['tumy.tiepnhan']!.get(`/can-bo/thu-phi/so-thu?ngay=${encodeURIComponent(day)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sổ thu phí, lệ phí hằng ngày');
    const numbersOnPage = (html: string, caption: string) => {
      const table = html.split(`<caption>${caption}</caption>`)[1]!.split('</table>')[0]!;
      return [...table.matchAll(/<td class="num"[^>]*>([^<]*)<\/td>/g)].map((m) => Number(m[1]!.replace(/\./g, '')));
    };
    const numbersInSheet = async (xlsx: Buffer, sheetName: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx as unknown as ArrayBuffer);
      const out: number[] = [];
      book.getWorksheet(sheetName)!.eachRow((row, i) => {
        if (i <= 4) return;
        row.eachCell((c) => { if (typeof c.value === 'number') out.push(c.value); });
      });
      return out;
    };
    const xlsx = await browsers['tumy.tiepnhan']!.get(`/can-bo/thu-phi/so-thu.xlsx?ngay=${encodeURIComponent(day)}`);
    expect(xlsx.statusCode).toBe(200);
    expect(await numbersInSheet(xlsx.rawPayload, 'Tổng hợp')).toEqual(numbersOnPage(page.body, 'Tổng hợp trong ngày'));
    const totals = numbersOnPage(page.body, 'Tổng hợp trong ngày');
    const today = (await app.db.withRawTransaction((tx) => tx.query<{ amount: number; issued_at: Date }>(`select amount, issued_at from fee_receipts where unit_id = $1 and status = 'issued'`, [unitId])))
      .filter((r) => vnDate(new Date(r.issued_at)) === vnDate(new Date()));
    expect(today.length).toBeGreaterThan(3);
    expect(totals.slice(6, 8)).toEqual([today.length, today.reduce((a, r) => a + Number(r.amount), 0)]);

    const report = await browsers['tumy.quantri']!.get('/can-bo/thu-phi/bao-cao?ky=nam-nay');
    expect(report.statusCode).toBe(200);
    const reportXlsx = await browsers['tumy.quantri']!.get('/can-bo/thu-phi/bao-cao.xlsx?ky=nam-nay');
    expect(await numbersInSheet(reportXlsx.rawPayload, 'Theo loại phí')).toEqual(numbersOnPage(report.body, 'Theo đơn vị và loại phí, lệ phí'));
    expect(await numbersInSheet(reportXlsx.rawPayload, 'Theo hình thức')).toEqual(numbersOnPage(report.body, 'Theo hình thức thanh toán'));
    expect(report.body).toContain('Phí chứng thực di chúc');

    const bad = await browsers['tumy.tiepnhan']!.get('/can-bo/thu-phi/so-thu?ngay=31/02/2027');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Ngày không đúng');
    expect((await browsers['tumy.tiepnhan']!.get('/can-bo/thu-phi/so-thu?don-vi=18073')).statusCode).toBe(400);
    expect((await browsers['tumy.chuyenvien']!.get('/can-bo/thu-phi/so-thu')).statusCode).toBe(403);
    expect((await browsers.congdan!.get('/can-bo/thu-phi/bao-cao')).statusCode).toBe(403);
  });

  it('the unit administrator keeps the fee settings; a wrong tax code is refused in Vietnamese and nothing is saved', async () => {
    const page = await browsers['tumy.quantri']!.get('/quan-tri/thu-phi');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('DEMO');
    const fields = { collectorName: 'Ủy ban nhân dân xã Tứ Mỹ', collectorTaxCode: '30001', templateSymbol: '01BLP0-001', receiptSymbol: 'AB-{yy}E', bankBin: '970405', bankName: 'Agribank', accountNumber: '3700205000001', accountName: 'UBND XA TU MY' };
    const bad = await browsers['tumy.quantri']!.postForm('/quan-tri/thu-phi', fields);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Mã số thuế gồm 10 chữ số');
    expect((await browsers['tumy.quantri']!.get('/quan-tri/thu-phi')).body).toContain('3700205000000');
    expect((await browsers['tumy.tiepnhan']!.postForm('/quan-tri/thu-phi', { ...fields, collectorTaxCode: '3000000001' })).statusCode).toBe(403);
    const ok = await browsers['tumy.quantri']!.postForm('/quan-tri/thu-phi', { ...fields, collectorTaxCode: '3000000001' });
    expect(ok.statusCode).toBe(303);
    const saved = await browsers['tumy.quantri']!.get('/quan-tri/thu-phi?da=luu');
    expect(saved.body).toContain('Đã lưu cấu hình thu phí, lệ phí.');
    expect(saved.body).not.toContain('số liệu mẫu của bản trình diễn');
    const audited = await app.db.withRawTransaction((tx) => tx.query(`select 1 from audit_log where action = 'payments.settings.update' and actor_user_id = $1`, [admin.userId]));
    expect(audited).toHaveLength(1);
  });

  it(`${DOSSIERS} cash payments at once across dossiers of one unit, with 10 double clicks among them: numbers 1..${DOSSIERS}, none twice, none missing`, async () => {
    const now = new Date('2027-03-15T02:00:00Z');
    const dossiers: Dossier[] = [];
    for (let i = 0; i < DOSSIERS; i++) {
      const d = await createDraft(app.db, { unitId, procedureCode: WILL, channel: 'counter', applicant: { fullName: `Người nộp ${i + 1}` }, ownerUserId: null, createdBy: reception.userId, now });
      dossiers.push((await act(app.db, { unitId, dossierId: d.id, action: 'receive', actor: reception, payload: {}, idempotencyKey: null, hooks: app.server.dossierHooks, now })).dossier);
    }
    // no certificate in this keystore: these receipts stay unsigned (signing follows the commit and is not what is tested here)
    const unsigned = createReceiptSigner({ db: app.db, keystore: openKeystore(mkdtempSync(join(tmpdir(), 'xaso-nokeys-'))), store: localFileStore(mkdtempSync(join(tmpdir(), 'xaso-store-'))), publicBaseUrl: 'http://localhost' });
    const attempts = [...dossiers, ...dossiers.slice(0, 10)].map((dossier) => collectFee(app.db, unsigned, { dossier, method: 'cash', reference: null, actor: reception, now }));
    const outcomes = await Promise.allSettled(attempts);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(10);
    for (const r of refused) expect(r.reason).toMatchObject({ status: 409, code: 'ALREADY_PAID' } satisfies Partial<AppError>);
    const rows = await app.db.withRawTransaction((tx) => tx.query<{ number: number; year: number }>('select number, year from fee_receipts where unit_id = $1 and year = 2027 order by number', [unitId]));
    expect(rows.map((r) => Number(r.number))).toEqual(Array.from({ length: DOSSIERS }, (_, i) => i + 1));
    const paid = await app.db.withRawTransaction((tx) => tx.query<{ n: number }>(`select count(*)::int as n from payments where unit_id = $1 and status = 'paid' and paid_at = $2`, [unitId, now.toISOString()]));
    expect(paid[0]!.n).toBe(DOSSIERS);
  }, 120_000);
});
