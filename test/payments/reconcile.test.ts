import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { act, createDraft, type Dossier } from '../../src/dossiers/index.js';
import { createUser, DEMO_PASSWORD, findUnitByCode, principalByUsername } from '../../src/identity/index.js';
import type { Principal } from '../../src/platform/http/index.js';
import { openKeystore } from '../../src/documents/keys/keystore.js';
import { initTestKeys } from '../../src/documents/keys/init.js';
import { formatVnd } from '../../src/catalog/index.js';
import { BANK_COLLECTOR_NAME, paymentOf, receiptsOf, SIGNATURE_HEADER, webhookSignature } from '../../src/payments/index.js';
import { LINE_ERROR_REASON } from '../../src/payments/reconcile/import.js';
import { ACCOUNT_TAKEN_MESSAGE, parsePaymentSettings, savePaymentSettings } from '../../src/payments/settings.js';

const applicant = { fullName: 'Phan Thị Dung', idNumber: '042190000044', phone: '0912000444', email: '', address: 'Thôn 4, xã Tứ Mỹ' };
const WILL = '2.001019'; // Chứng thực di chúc: 50.000 đồng
const SECRET = 'bank-webhook-secret-for-tests-0123456789abcdef';
const ACCOUNT = '3700205000000'; // the demo fee account of Tứ Mỹ
const PAGE = '/can-bo/thu-phi/doi-soat';
const WEBHOOK = '/api/v1/ngan-hang/giao-dich';

/** The text of a page without tags, spaces collapsed (formatVnd's no-break space kept as a space). */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;|&#34;/g, '"').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
const vnd = (n: number) => formatVnd(n).replace(/\u00a0/g, ' ');

/** A multipart upload of a file plus form fields, with the client's cookies and CSRF token. */
async function upload(app: TestApp, client: TestClient, file: { name: string; content: Buffer; type: string }, fields: Record<string, string> = {}) {
  if (!client.csrf) await client.get('/dang-nhap');
  const boundary = '----xasoReconcile' + Date.now();
  const parts = [...Object.entries({ _csrf: client.csrf, ...fields }).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`];
  const payload = Buffer.concat([Buffer.from(parts.join('')), file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return app.server.inject({
    method: 'POST', url: PAGE, payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'text/html', cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
}

const csvFile = (name: string, rows: string[][]) => ({
  name, type: 'text/csv',
  content: Buffer.from('\uFEFF' + ['Ngân hàng Agribank – Sao kê tài khoản', `Số tài khoản: ${ACCOUNT}`, '', 'Ngày giao dịch;Số tham chiếu;Ghi nợ;Ghi có;Nội dung', ...rows.map((r) => r.join(';'))].join('\r\n'), 'utf8'),
});

describe('reconciliation of VietQR transfers', () => {
  let app: TestApp;
  let unitId: number;
  let reception: Principal;
  const browsers: Record<string, TestClient> = {};

  beforeAll(async () => {
    const keysDir = mkdtempSync(join(tmpdir(), 'xaso-keys-'));
    app = await createTestApp({ env: { XASO_KEYS_DIR: keysDir, XASO_STORAGE_DIR: mkdtempSync(join(tmpdir(), 'xaso-store-')), XASO_BANK_WEBHOOK_SECRET: SECRET } });
    await initTestKeys(app.db, openKeystore(keysDir));
    unitId = (await findUnitByCode(app.db, '18202'))!.id;
    reception = (await principalByUsername(app.db, 'tumy.tiepnhan'))!;
    for (const u of ['tumy.tiepnhan', 'tumy.quantri', 'tumy.chuyenvien', 'tumy.lanhdao', 'thanhsen.tiepnhan', 'tinh.quantri']) {
      browsers[u] = new TestClient(app);
      await browsers[u].login(u);
    }
  }, 120_000);
  afterAll(() => app.dispose());

  async function received(o: { feePaid?: boolean } = {}): Promise<Dossier> {
    const d = await createDraft(app.db, { unitId, procedureCode: WILL, channel: 'counter', applicant, ownerUserId: null, createdBy: reception.userId });
    return (await act(app.db, { unitId, dossierId: d.id, action: 'receive', actor: reception, payload: { feePaid: o.feePaid ?? false }, idempotencyKey: null, hooks: app.server.dossierHooks })).dossier;
  }

  const query = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => app.db.withRawTransaction((tx) => tx.query<T>(text, params));
  const lineOf = async (ref: string) => (await query('select * from bank_statement_lines where unit_id = $1 and bank_ref = $2', [unitId, ref]))[0];
  const counts = async () => (await query<{ lines: number; imports: number; receipts: number; paid: number }>(`select
      (select count(*)::int from bank_statement_lines) as lines, (select count(*)::int from bank_statement_imports) as imports,
      (select count(*)::int from fee_receipts) as receipts, (select count(*)::int from payments where status = 'paid') as paid`))[0]!;
  const lastNumber = async () => Number((await query<{ n: number }>('select coalesce(max(number), 0) as n from fee_receipts where unit_id = $1 and year = $2', [unitId, new Date().getFullYear()]))[0]!.n);
  const today = () => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());

  let statement: ReturnType<typeof csvFile>;
  let matchedDossier: Dossier;
  let wrongAmountDossier: Dossier;

  it('imports a statement: the line naming a pending fee with its exact amount pays it by VietQR with the bank reference and issues the next receipt; the others wait with their reason', async () => {
    matchedDossier = await received();
    wrongAmountDossier = await received();
    const paidCash = await received({ feePaid: true });
    const before = await lastNumber();
    statement = csvFile('sao-ke-thang-1.csv', [
      [`${today()} 09:15:02`, 'FT-A-0001', '', '50.000', `MBVCB.8237461.HS ${matchedDossier.code}.CT tu 0123456789 PHAN THI DUNG`],
      [`${today()} 09:20`, 'FT-A-0002', '', '40.000', `HS ${wrongAmountDossier.code!.replace(/[.-]/g, ' ')}`],
      [`${today()} 09:30`, 'FT-A-0003', '', '50.000', 'Chuyen tien an trua'],
      [`${today()} 09:40`, 'FT-A-0004', '', '50.000', `IBFT HS${paidCash.code}`],
      [`${today()} 10:00`, 'FT-A-0005', '15.000', '', 'Phi dich vu SMS'],
    ]);
    const res = await upload(app, browsers['tumy.tiepnhan']!, statement);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Kết quả nhập sao kê');
    expect(text).toContain('Tệp sao-ke-thang-1.csv Giao dịch ghi có đã đọc 4 Đã khớp, đã lập biên lai 1 Chưa khớp, cần xử lý 3 Đã nhập trước đó (không ghi nhận lại) 0 Giao dịch ghi nợ (không đối soát) 1');

    // the matched fee: paid by transfer, the bank reference recorded, the receipt the next number, in the officer's name
    expect(await paymentOf(app.db, unitId, matchedDossier.id)).toMatchObject({ status: 'paid', method: 'vietqr', reconciliationRef: 'FT-A-0001', collectedBy: reception.userId });
    const [receipt] = await receiptsOf(app.db, unitId, matchedDossier.id);
    expect(receipt).toMatchObject({ method: 'vietqr', amount: 50_000, number: before + 1, status: 'issued', collectorUserId: reception.userId, collectorUserName: reception.fullName });
    expect(receipt!.storageKey, 'signed after the commit').not.toBeNull();
    expect(await lineOf('FT-A-0001')).toMatchObject({ status: 'matched', reason: null });
    expect(Number((await lineOf('FT-A-0001'))!.receipt_id)).toBe(receipt!.id);
    expect(res.body).toContain(`href="/can-bo/bien-lai/${receipt!.id}"`);

    // wrong amount: both amounts said, the fee still pending
    const wrong = await lineOf('FT-A-0002');
    expect(wrong).toMatchObject({ status: 'unmatched', payment_id: null });
    expect(wrong!.reason).toBe(`Số tiền chuyển ${formatVnd(40_000)} khác số phí, lệ phí phải nộp của hồ sơ ${wrongAmountDossier.code} (${formatVnd(50_000)}).`);
    expect(await paymentOf(app.db, unitId, wrongAmountDossier.id)).toMatchObject({ status: 'pending' });
    expect(await receiptsOf(app.db, unitId, wrongAmountDossier.id)).toEqual([]);
    // no code
    expect((await lineOf('FT-A-0003'))!.reason).toBe('Không tìm thấy mã hồ sơ trong nội dung chuyển khoản.');
    // already paid in cash: says so, and by what
    const [cashReceipt] = await receiptsOf(app.db, unitId, paidCash.id);
    expect((await lineOf('FT-A-0004'))!.reason).toMatch(new RegExp(`^Phí, lệ phí của hồ sơ ${paidCash.code!.replace(/\./g, '\\.')} đã được nộp ngày .* bằng tiền mặt, biên lai ${cashReceipt!.receiptSymbol}, số ${String(cashReceipt!.number).padStart(7, '0')}`));
    expect(await receiptsOf(app.db, unitId, paidCash.id)).toHaveLength(1);
    // the debit line is not stored
    expect(await lineOf('FT-A-0005')).toBeUndefined();

    // the page lists the unmatched lines with their reasons, and the matched one with its receipt
    for (const s of ['FT-A-0002', 'FT-A-0003', 'FT-A-0004', `khác số phí, lệ phí phải nộp của hồ sơ ${wrongAmountDossier.code} (${vnd(50_000)})`, 'Chuyen tien an trua']) expect(text).toContain(s);
    const audits = await query<{ action: string; details: { reference?: string; matched?: number } }>(`select action, details from audit_log where action like 'payments.%' and unit_id = $1 order by id`, [unitId]);
    expect(audits.find((a) => a.action === 'payments.reconcile.import')?.details).toMatchObject({ source: 'file', fileName: 'sao-ke-thang-1.csv', matched: 1, unmatched: 3 });
    expect(audits.some((a) => a.action === 'payments.collect' && a.details.reference === 'FT-A-0001')).toBe(true);
  });

  it('importing the same statement again adds nothing: every line "already imported", no payment, receipt or import row', async () => {
    const before = await counts();
    const res = await upload(app, browsers['tumy.tiepnhan']!, statement);
    expect(res.statusCode).toBe(200);
    expect(textOf(res.body)).toContain('Giao dịch ghi có đã đọc 4 Đã khớp, đã lập biên lai 0 Chưa khớp, cần xử lý 0 Đã nhập trước đó (không ghi nhận lại) 4');
    expect(await counts()).toEqual(before);
    expect(await paymentOf(app.db, unitId, wrongAmountDossier.id)).toMatchObject({ status: 'pending' });
  });

  it('an XLSX statement is read the same way; a file that cannot be read is refused next to the field and nothing is stored', async () => {
    const d = await received();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sao kê');
    sheet.addRow(['SAO KÊ TÀI KHOẢN', ACCOUNT]);
    sheet.addRow(['Ngày GD', 'Mã giao dịch', 'Số tiền ghi có', 'Diễn giải']);
    sheet.addRow([new Date(), 'XL-0001', 50_000, `HS ${d.code}`]);
    const res = await upload(app, browsers['tumy.quantri']!, { name: 'sao-ke.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: Buffer.from(await book.xlsx.writeBuffer()) });
    expect(res.statusCode).toBe(200);
    expect(await paymentOf(app.db, unitId, d.id)).toMatchObject({ status: 'paid', method: 'vietqr', reconciliationRef: 'XL-0001' });

    const before = await counts();
    const bad = await upload(app, browsers['tumy.tiepnhan']!, { name: 'sao-ke.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.7\n1 0 obj\n') });
    expect(bad.statusCode).toBe(415);
    expect(bad.body).toContain('class="field has-error"');
    expect(textOf(bad.body)).toContain('Chưa nhập được sao kê "sao-ke.pdf": Chỉ nhận sao kê dạng Excel (.xlsx) hoặc CSV (UTF-8).');
    const noHeader = await upload(app, browsers['tumy.tiepnhan']!, { name: 'x.csv', type: 'text/csv', content: Buffer.from('a;b\n1;2\n') });
    expect(noHeader.statusCode).toBe(400);
    expect(textOf(noHeader.body)).toContain('Không tìm thấy dòng tiêu đề của sao kê');
    expect(await counts()).toEqual(before);
  });

  it('the cashier matches a waiting line by hand (same rules, checked again) and the receipt is issued in her name', async () => {
    const line = await lineOf('FT-A-0003'); // 50.000 đ, no code
    const url = `${PAGE}/${line!.id}/khop`;
    // to a dossier whose fee is another amount: refused next to the field, nothing changes
    const other = await received();
    await app.db.withRawTransaction((tx) => tx.query('update payments set amount = 60000 where unit_id = $1 and dossier_id = $2', [unitId, other.id]));
    const refused = await browsers['tumy.tiepnhan']!.postForm(url, { 'ma-ho-so': other.code! });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain(`id="ma-ho-so-${line!.id}-error"`);
    expect(textOf(refused.body)).toContain(`Số tiền chuyển ${vnd(50_000)} khác số phí, lệ phí phải nộp của hồ sơ ${other.code} (${vnd(60_000)})`);
    expect(await paymentOf(app.db, unitId, other.id)).toMatchObject({ status: 'pending' });
    const unknown = await browsers['tumy.tiepnhan']!.postForm(url, { 'ma-ho-so': 'H42.18202-990101-9999' });
    expect(unknown.statusCode).toBe(404);
    expect(textOf(unknown.body)).toContain('Không có hồ sơ mã H42.18202-990101-9999 trong đơn vị');

    const d = await received();
    const before = await lastNumber();
    const ok = await browsers['tumy.tiepnhan']!.postForm(url, { 'ma-ho-so': d.code!.toLowerCase(), 'ghi-chu': 'Người nộp quên ghi mã hồ sơ, đã gọi xác nhận' });
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(303);
    expect(ok.headers.location).toBe(`${PAGE}?don-vi=18202&da=khop`);
    expect(await paymentOf(app.db, unitId, d.id)).toMatchObject({ status: 'paid', method: 'vietqr', reconciliationRef: 'FT-A-0003' });
    const [r] = await receiptsOf(app.db, unitId, d.id);
    expect(r).toMatchObject({ number: before + 1, method: 'vietqr', collectorUserId: reception.userId });
    expect(await lineOf('FT-A-0003')).toMatchObject({ status: 'resolved', resolved_by: reception.userId, note: 'Người nộp quên ghi mã hồ sơ, đã gọi xác nhận' });
    const page = await browsers['tumy.tiepnhan']!.get(ok.headers.location as string);
    expect(textOf(page.body)).toContain('Đã khớp giao dịch với hồ sơ và lập biên lai thu phí, lệ phí.');
    expect(page.body).toContain(`href="/can-bo/bien-lai/${r!.id}"`);
    expect(textOf(page.body)).toContain(`Khớp tay: ${reception.fullName}`);
    expect((await query(`select 1 from audit_log where action = 'payments.reconcile.resolve' and target = $1`, [`bank_statement_line:${line!.id}`])).length).toBe(1);

    // done once: a second try (a double click) is refused and issues nothing
    const again = await browsers['tumy.tiepnhan']!.postForm(url, { 'ma-ho-so': d.code! });
    expect(again.statusCode).toBe(409);
    expect(textOf(again.body)).toContain('Giao dịch này đã được xử lý');
    expect(await receiptsOf(app.db, unitId, d.id)).toHaveLength(1);
  });

  it('a line that is not a fee is marked so with a note (5–500 characters), and leaves the list', async () => {
    const line = await lineOf('FT-A-0004');
    const url = `${PAGE}/${line!.id}/bo-qua`;
    const short = await browsers['tumy.quantri']!.postForm(url, { 'ghi-chu': 'sai' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain(`id="ghi-chu-${line!.id}-error"`);
    expect(await lineOf('FT-A-0004')).toMatchObject({ status: 'unmatched' });
    const ok = await browsers['tumy.quantri']!.postForm(url, { 'ghi-chu': 'Người nộp chuyển hai lần; hoàn trả theo đề nghị' });
    expect(ok.statusCode).toBe(303);
    expect(await lineOf('FT-A-0004')).toMatchObject({ status: 'ignored', note: 'Người nộp chuyển hai lần; hoàn trả theo đề nghị', payment_id: null });
    const page = textOf((await browsers['tumy.quantri']!.get(ok.headers.location as string)).body);
    expect(page).toContain('Đã đánh dấu giao dịch không phải phí, lệ phí.');
    const waiting = page.slice(page.indexOf('Giao dịch chưa khớp'), page.indexOf('Giao dịch đã khớp gần đây'));
    expect(waiting).toContain('FT-A-0002');
    expect(waiting).not.toContain('FT-A-0004');
    expect(page.slice(page.indexOf('Đã đánh dấu không phải phí, lệ phí'))).toContain('FT-A-0004');
    expect((await query(`select 1 from audit_log where action = 'payments.reconcile.ignore' and target = $1`, [`bank_statement_line:${line!.id}`])).length).toBe(1);
  });

  it('a NUL or other control character in a statement line or a form field is stored as a space; the other lines are read and matched', async () => {
    const [a, b] = [await received(), await received()];
    const res = await upload(app, browsers['tumy.tiepnhan']!, csvFile('sao-ke-nul.csv', [
      [`${today()} 08:00`, 'NUL-0001', '', '50.000', `HS ${a.code}\u0000 tu PHAN THI DUNG`],
      [`${today()} 08:05`, 'NUL-00\u00002', '', '20.000', 'Tien\u0000dien\u0007\u007fthang 1'],
      [`${today()} 08:10`, 'NUL-0003', '', '50.000', `HS ${b.code}`],
    ]));
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(textOf(res.body)).toContain('Giao dịch ghi có đã đọc 3 Đã khớp, đã lập biên lai 2 Chưa khớp, cần xử lý 1');
    expect(await lineOf('NUL-0001')).toMatchObject({ status: 'matched', description: `HS ${a.code} tu PHAN THI DUNG` });
    expect(await lineOf('NUL-00 2')).toMatchObject({ status: 'unmatched', description: 'Tien dien thang 1' });
    expect(await paymentOf(app.db, unitId, a.id)).toMatchObject({ status: 'paid', reconciliationRef: 'NUL-0001' });
    expect(await paymentOf(app.db, unitId, b.id)).toMatchObject({ status: 'paid', reconciliationRef: 'NUL-0003' });

    // the cashier's fields: a NUL typed (or sent) in them is a space, never an error of the server
    const line = await lineOf('NUL-00 2');
    const notFound = await browsers['tumy.tiepnhan']!.postForm(`${PAGE}/${line!.id}/khop`, { 'ma-ho-so': 'H42\u000018202', 'ghi-chu': 'x\u0000y' });
    expect(notFound.statusCode).toBe(404);
    expect(textOf(notFound.body)).toContain('Không có hồ sơ mã H42 18202 trong đơn vị');
    const ignored = await browsers['tumy.tiepnhan']!.postForm(`${PAGE}/${line!.id}/bo-qua`, { 'ghi-chu': 'Tiền điện\u0000, không phải phí' });
    expect(ignored.statusCode, ignored.body.slice(0, 300)).toBe(303);
    expect(await lineOf('NUL-00 2')).toMatchObject({ status: 'ignored', note: 'Tiền điện , không phải phí' });
  });

  describe('bank webhook', () => {
    const post = (body: string, signature: string | null, contentType = 'application/json') => app.server.inject({
      method: 'POST', url: WEBHOOK, payload: body, headers: { 'content-type': contentType, ...(signature === null ? {} : { [SIGNATURE_HEADER]: signature }) },
    });
    const signed = (body: string) => post(body, webhookSignature(SECRET, body));

    it('a signed notification pays the named fee with no officer; the answer gives each transaction\'s outcome; a replay adds nothing', async () => {
      const d = await received();
      const body = JSON.stringify({
        accountNumber: ACCOUNT,
        transactions: [
          { reference: 'WH-0001', amount: 50_000, description: `MBVCB.99.HS ${d.code}.CT tu 01234`, bookedAt: new Date().toISOString() },
          { reference: 'WH-0002', amount: 70_000, description: 'Tien dien thang 1', bookedAt: '2026-01-05T14:30:05+07:00' },
          { reference: 'FT-A-0002', amount: 40_000, description: 'seen in the statement already', bookedAt: '2026-01-05' },
        ],
      });
      const res = await signed(body);
      expect(res.statusCode, res.body).toBe(200);
      const [r] = await receiptsOf(app.db, unitId, d.id);
      expect(res.json()).toEqual({
        unit: '18202', matched: 1, unmatched: 1, alreadyImported: 1,
        transactions: [
          { reference: 'WH-0001', outcome: 'matched', dossierCode: d.code, receipt: `${r!.receiptSymbol}, số ${String(r!.number).padStart(7, '0')}` },
          { reference: 'WH-0002', outcome: 'unmatched', reason: 'Không tìm thấy mã hồ sơ trong nội dung chuyển khoản.' },
          { reference: 'FT-A-0002', outcome: 'alreadyImported' },
        ],
      });
      expect(await paymentOf(app.db, unitId, d.id)).toMatchObject({ status: 'paid', method: 'vietqr', reconciliationRef: 'WH-0001', collectedBy: null });
      expect(r).toMatchObject({ method: 'vietqr', collectorUserId: null, collectorUserName: BANK_COLLECTOR_NAME, amount: 50_000 });
      expect(await lineOf('WH-0002')).toMatchObject({ status: 'unmatched', booked_at: new Date('2026-01-05T07:30:05Z') });
      const imported = await query<{ source: string; imported_by: number | null; file_name: string | null }>(
        `select i.* from bank_statement_imports i join bank_statement_lines l on l.unit_id = i.unit_id and l.import_id = i.id where l.bank_ref = 'WH-0001'`);
      expect(imported[0]).toMatchObject({ source: 'webhook', imported_by: null, file_name: null, matched_count: 1, unmatched_count: 1, already_imported_count: 1 });

      const before = await counts();
      const replay = await signed(body);
      expect(replay.statusCode).toBe(200);
      expect(replay.json()).toMatchObject({ matched: 0, unmatched: 0, alreadyImported: 3 });
      expect(await counts()).toEqual(before);
      expect(await receiptsOf(app.db, unitId, d.id)).toHaveLength(1);
    });

    it('a transfer confirmed by hand on the dossier page is recognised, never paid twice: its reference cannot pay another fee', async () => {
      const [x, y] = [await received(), await received()];
      for (const [d, ref] of [[x, 'FT-HAND-1'], [y, 'FT-HAND-0']] as const) {
        expect((await browsers['tumy.tiepnhan']!.postForm(`/can-bo/ho-so/${d.code}/thu-phi`, { method: 'vietqr', reference: ref })).statusCode).toBe(303);
      }
      const z = await received();
      const [xReceipt] = await receiptsOf(app.db, unitId, x.id);
      const before = await counts();
      const body = JSON.stringify({
        accountNumber: ACCOUNT,
        transactions: [
          { reference: 'FT-HAND-1', amount: 50_000, description: `HS ${x.code}`, bookedAt: '2026-01-05T09:00:00+07:00' },
          { reference: 'FT-HAND-0', amount: 50_000, description: `HS ${z.code}`, bookedAt: '2026-01-05T09:05:00+07:00' },
        ],
      });
      const res = await signed(body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().transactions).toEqual([
        { reference: 'FT-HAND-1', outcome: 'matched', dossierCode: x.code, receipt: `${xReceipt!.receiptSymbol}, số ${String(xReceipt!.number).padStart(7, '0')}` },
        { reference: 'FT-HAND-0', outcome: 'unmatched', reason: `Mã giao dịch FT-HAND-0 đã được dùng để xác nhận phí, lệ phí của hồ sơ ${y.code}; một giao dịch chỉ trả phí một lần.` },
      ]);
      const after = await counts();
      expect(after).toMatchObject({ receipts: before.receipts, paid: before.paid, lines: before.lines + 2 });
      expect(Number((await lineOf('FT-HAND-1'))!.receipt_id)).toBe(xReceipt!.id);
      expect(await paymentOf(app.db, unitId, z.id)).toMatchObject({ status: 'pending' });
    });

    it('a NUL in a transaction\'s description or reference is stored as a space; the other transactions are matched', async () => {
      const [a, b] = [await received(), await received()];
      const body = JSON.stringify({
        accountNumber: ACCOUNT,
        transactions: [
          { reference: 'WH-NUL-1', amount: 50_000, description: `HS ${a.code}\u0000CT tu 01234`, bookedAt: '2026-01-05T09:00:00+07:00' },
          { reference: 'WH-NUL\u0000-2', amount: 30_000, description: 'Chuyen\u0000tien\u0000', bookedAt: '2026-01-05T09:01:00+07:00' },
          { reference: 'WH-NUL-3', amount: 50_000, description: `HS ${b.code}`, bookedAt: '2026-01-05T09:02:00+07:00' },
        ],
      });
      expect(body).toContain('\\u0000'); // JSON's escape: the parsed strings hold the NUL character
      const res = await signed(body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ matched: 2, unmatched: 1, alreadyImported: 0 });
      expect(res.json().transactions[1]).toEqual({ reference: 'WH-NUL -2', outcome: 'unmatched', reason: 'Không tìm thấy mã hồ sơ trong nội dung chuyển khoản.' });
      expect(await lineOf('WH-NUL-1')).toMatchObject({ status: 'matched', description: `HS ${a.code} CT tu 01234` });
      expect(await lineOf('WH-NUL -2')).toMatchObject({ status: 'unmatched', description: 'Chuyen tien ' });
      expect(await paymentOf(app.db, unitId, b.id)).toMatchObject({ status: 'paid', reconciliationRef: 'WH-NUL-3' });
      // sent again: nothing new
      expect((await signed(body)).json()).toMatchObject({ matched: 0, unmatched: 0, alreadyImported: 3 });
    });

    it('an unexpected error on one line keeps it unmatched with a generic reason; the next lines are matched, the import counted and audited, a retry adds nothing', async () => {
      const [a, failing, c] = [await received(), await received(), await received()];
      // a failure nobody expects, while the fee of `failing` is recorded
      await query(`create function test_fail_payment() returns trigger language plpgsql as $$
        begin if new.dossier_id = ${failing.id} and new.status = 'paid' then raise exception 'simulated failure'; end if; return new; end $$`);
      await query('create trigger test_fail_payment before update on payments for each row execute function test_fail_payment()');
      const body = JSON.stringify({
        accountNumber: ACCOUNT,
        transactions: [a, failing, c].map((d, i) => ({ reference: `WH-ERR-${i + 1}`, amount: 50_000, description: `HS ${d.code}`, bookedAt: '2026-01-06T08:00:00+07:00' })),
      });
      try {
        const res = await signed(body);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ matched: 2, unmatched: 1, alreadyImported: 0 });
        expect(res.json().transactions[1]).toEqual({ reference: 'WH-ERR-2', outcome: 'unmatched', reason: LINE_ERROR_REASON });
      } finally {
        await query('drop trigger test_fail_payment on payments');
        await query('drop function test_fail_payment()');
      }
      expect(await lineOf('WH-ERR-2')).toMatchObject({ status: 'unmatched', reason: LINE_ERROR_REASON, payment_id: null });
      expect(await paymentOf(app.db, unitId, failing.id)).toMatchObject({ status: 'pending' });
      expect(await paymentOf(app.db, unitId, c.id)).toMatchObject({ status: 'paid', reconciliationRef: 'WH-ERR-3' });
      const importId = (await lineOf('WH-ERR-1'))!.import_id;
      expect((await query('select * from bank_statement_imports where id = $1', [importId]))[0]).toMatchObject({ lines_read: 3, matched_count: 2, unmatched_count: 1, already_imported_count: 0 });
      const audited = await query<{ details: Record<string, unknown> }>(`select details from audit_log where action = 'payments.reconcile.import' and target = $1`, [`bank_statement_import:${importId}`]);
      expect(audited[0]?.details).toMatchObject({ source: 'webhook', matched: 2, unmatched: 1, lineErrors: 1 });

      // the bank sends it again: nothing fails any more, nothing is recorded twice
      expect((await signed(body)).json()).toMatchObject({ matched: 0, unmatched: 0, alreadyImported: 3 });
      // and the cashier matches the kept line by hand
      const line = await lineOf('WH-ERR-2');
      expect((await browsers['tumy.tiepnhan']!.postForm(`${PAGE}/${line!.id}/khop`, { 'ma-ho-so': failing.code! })).statusCode).toBe(303);
      expect(await paymentOf(app.db, unitId, failing.id)).toMatchObject({ status: 'paid', reconciliationRef: 'WH-ERR-2' });
    });

    it('a fee account belongs to one unit: another unit\'s administrator cannot declare it (field error, 400, nothing saved), not even two at once; the webhook still reaches the owner', async () => {
      const thanhSen = (await findUnitByCode(app.db, '18073'))!;
      const third = (await query<{ id: number; code: string }>(`select id, code from units where kind <> 'province' and code not in ('18202', '18073') order by code limit 1`))[0]!;
      for (const [username, id] of [['thanhsen.quantri', thanhSen.id], ['khac.quantri', Number(third.id)]] as const) {
        await createUser(app.db, { username, fullName: 'Quản Trị Đơn Vị Khác', password: DEMO_PASSWORD, accountType: 'staff', grants: [{ unitId: id, role: 'unitAdmin' }] });
        browsers[username] = new TestClient(app);
        await browsers[username].login(username);
      }
      const fields = { collectorName: 'Ủy ban nhân dân phường Thành Sen', collectorTaxCode: '3000000002', templateSymbol: '01BLP0-001', receiptSymbol: 'AA-{yy}E', bankBin: '970405', bankName: 'Agribank', accountName: 'UBND PHUONG THANH SEN' };
      const accountOf = async (id: number) => (await query<{ account_number: string }>('select account_number from payment_settings where unit_id = $1', [id]))[0]?.account_number;

      const refused = await browsers['thanhsen.quantri']!.postForm('/quan-tri/thu-phi', { ...fields, accountNumber: ACCOUNT });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain(`id="accountNumber-error"`);
      expect(textOf(refused.body)).toContain(ACCOUNT_TAKEN_MESSAGE);
      expect(refused.body).toContain(`value="${ACCOUNT}"`); // what was typed stays in the form
      expect(await accountOf(thanhSen.id)).toBeUndefined();
      expect(await accountOf(unitId)).toBe(ACCOUNT);

      // two administrators saving one new account at once: one is saved, the other told, never a 500
      const shared = '3700205999999';
      const both = await Promise.all([
        browsers['thanhsen.quantri']!.postForm('/quan-tri/thu-phi', { ...fields, accountNumber: shared }),
        browsers['khac.quantri']!.postForm('/quan-tri/thu-phi', { ...fields, accountNumber: shared }),
      ]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([303, 400]);
      expect(textOf(both.find((r) => r.statusCode === 400)!.body)).toContain(ACCOUNT_TAKEN_MESSAGE);
      expect([await accountOf(thanhSen.id), await accountOf(Number(third.id))].filter((a) => a === shared)).toHaveLength(1);

      // the race itself, made certain: another unit takes the account between the check and the write → the unique index, the same answer
      const input = parsePaymentSettings({ ...fields, accountNumber: ACCOUNT });
      if (!input.ok) throw new Error('the fields should be valid');
      let calls = 0;
      const checkMissesIt = { rows: async <T extends Record<string, unknown>>(q: Parameters<typeof app.db.rows>[0]) => (calls++ === 0 ? [] : app.db.rows<T>(q)) };
      expect(await savePaymentSettings(checkMissesIt, Number(third.id), input.value, null)).toEqual({ ok: false, errors: [{ param: 'accountNumber', message: ACCOUNT_TAKEN_MESSAGE }] });
      expect(calls).toBe(2);
      const province = (await findUnitByCode(app.db, '42'))!;
      const direct = await query('insert into payment_settings (unit_id, account_number) values ($1, $2)', [province.id, ACCOUNT]).then(() => null, (e: unknown) => e);
      expect(direct).toMatchObject({ code: '23505' });
      // units without an account are not concerned
      await query(`insert into payment_settings (unit_id, account_number) select id, '' from units where id not in (select unit_id from payment_settings) order by id limit 2`);
      expect((await query(`select 1 from payment_settings where account_number = ''`)).length).toBeGreaterThanOrEqual(2);

      // the owner keeps its account and its webhook
      const d = await received();
      const body = JSON.stringify({ accountNumber: ACCOUNT, transactions: [{ reference: 'WH-OWNER-1', amount: 50_000, description: `HS ${d.code}`, bookedAt: '2026-01-07T08:00:00+07:00' }] });
      const res = await signed(body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ unit: '18202', matched: 1 });
    });

    it('a bad or missing signature is 401, a bad body 400 (problem+json), and nothing is stored', async () => {
      const d = await received();
      const body = JSON.stringify({ accountNumber: ACCOUNT, transactions: [{ reference: 'WH-BAD-1', amount: 50_000, description: `HS ${d.code}`, bookedAt: '2026-01-05T10:00:00+07:00' }] });
      const before = await counts();
      for (const res of [await post(body, webhookSignature('another-secret-of-the-same-length-0123456789', body)), await post(body, null),
        await post(body.replace('50000', '5000'), webhookSignature(SECRET, body)), await post(body, 'zz')]) {
        expect(res.statusCode).toBe(401);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
      }
      for (const bad of [
        JSON.stringify({ accountNumber: ACCOUNT, transactions: [] }),
        JSON.stringify({ accountNumber: ACCOUNT, transactions: [{ reference: 'WH-BAD-2', amount: -50_000, description: 'x', bookedAt: '2026-01-05' }] }),
        JSON.stringify({ accountNumber: ACCOUNT, transactions: [{ reference: 'WH-BAD-3', amount: 50_000, description: 'x', bookedAt: '31/02/2026' }] }),
        JSON.stringify({ accountNumber: ACCOUNT, transactions: Array.from({ length: 501 }, (_, i) => ({ reference: `WH-MANY-${i}`, amount: 1000, description: 'x', bookedAt: '2026-01-05' })) }),
        JSON.stringify({ accountNumber: '999999999', transactions: [{ reference: 'WH-BAD-4', amount: 50_000, description: `HS ${d.code}`, bookedAt: '2026-01-05' }] }),
        '{"accountNumber": ',
      ]) {
        const res = await signed(bad);
        expect(res.statusCode, bad.slice(0, 80)).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expect(await counts()).toEqual(before);
      expect(await paymentOf(app.db, unitId, d.id)).toMatchObject({ status: 'pending' });
    });

    it('without XASO_BANK_WEBHOOK_SECRET the address does not exist (404 problem+json)', async () => {
      const plain = await createTestApp({ seed: false });
      try {
        const body = '{}';
        const res = await plain.server.inject({ method: 'POST', url: WEBHOOK, payload: body, headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: webhookSignature(SECRET, body) } });
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      } finally {
        await plain.dispose();
      }
    });
  });

  it('staff of another unit neither see nor act on the unit\'s lines; roles without fee collection are refused; the province administrator only looks', async () => {
    const line = await lineOf('FT-A-0002');
    const other = browsers['thanhsen.tiepnhan']!;
    const own = await other.get(PAGE);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('FT-A-0002');
    expect((await other.get(`${PAGE}?don-vi=18202`)).statusCode).toBe(400);
    expect((await other.postForm(`${PAGE}/${line!.id}/khop`, { 'ma-ho-so': wrongAmountDossier.code! })).statusCode).toBe(404);
    expect((await other.postForm(`${PAGE}/${line!.id}/bo-qua`, { 'ghi-chu': 'Không phải của đơn vị tôi' })).statusCode).toBe(404);
    const before = await counts();
    expect((await upload(app, other, csvFile('x.csv', [[today(), 'TS-0001', '', '50.000', `HS ${wrongAmountDossier.code}`]]), { 'don-vi': '18202' })).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
    expect(await lineOf('FT-A-0002')).toMatchObject({ status: 'unmatched' });

    for (const u of ['tumy.chuyenvien', 'tumy.lanhdao']) {
      expect((await browsers[u]!.get(PAGE)).statusCode).toBe(403);
      expect((await browsers[u]!.postForm(`${PAGE}/${line!.id}/bo-qua`, { 'ghi-chu': 'Không phải phí, lệ phí' })).statusCode).toBe(403);
    }
    // the fee book pages link the reconciliation page for those who may open it
    expect((await browsers['tumy.tiepnhan']!.get('/can-bo/thu-phi/so-thu')).body).toContain(`href="${PAGE}"`);
    expect((await browsers['tumy.lanhdao']!.get('/can-bo/thu-phi/so-thu')).body).not.toContain(`href="${PAGE}"`);

    const province = browsers['tinh.quantri']!;
    const seen = await province.get(`${PAGE}?don-vi=18202`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain('FT-A-0002');
    expect(seen.body).not.toContain('/khop"');
    expect((await province.postForm(`${PAGE}/${line!.id}/bo-qua`, { 'ghi-chu': 'Không phải phí, lệ phí' })).statusCode).toBe(403);
    expect((await province.get(PAGE)).body).toContain('FT-A-0002'); // the whole province by default
  });
});
