import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { createUser, DEMO_PASSWORD, findUnitByCode, findUserByUsername } from '../../src/identity/index.js';
import { openKeystore } from '../../src/documents/keys/keystore.js';
import { initTestKeys } from '../../src/documents/keys/init.js';
import { verifyPdfSignatures } from '../../src/signing/index.js';
import { draftModel, draftSchema } from '../../src/documents/issuing/lifecycle.js';
import { issuingOf } from '../../src/documents/issuing/dossier-result.js';
import { getOutgoing, insertOutgoing } from '../../src/documents/register/store.js';
import { vnDate } from '../../src/platform/clock.js';

/**
 * The outgoing-document pages through HTTP, as the clerk (văn thư), the specialist and the leader use them, on the
 * real application and database: draft → submit → send back → resubmit → approve (signing fails without keys, then
 * succeeds once keys exist) → download → publish → public link → register page and its Excel export.
 */

const REGISTER_HEADERS = [
  'Số, ký hiệu văn bản', 'Ngày tháng văn bản', 'Tên loại và trích yếu nội dung', 'Người ký', 'Nơi nhận văn bản',
  'Đơn vị, người nhận bản lưu', 'Số lượng bản', 'Ngày chuyển', 'Ký nhận', 'Ghi chú',
];

const LETTER = {
  kind: 'officialLetter',
  summary: 'Đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa thôn Đông',
  salutation: 'Ủy ban nhân dân tỉnh Hà Tĩnh\nSở Tài chính tỉnh Hà Tĩnh',
  body: 'Nhà văn hóa thôn Đông xuống cấp sau mùa mưa bão năm 2026.\nỦy ban nhân dân xã đề nghị hỗ trợ kinh phí sửa chữa.',
  recipients: 'Như trên\nThường trực Đảng ủy xã',
  authority: 'TM',
  copies: '2',
};

const DECISION = {
  kind: 'decision',
  summary: 'Về việc thành lập Tổ công tác chuyển đổi số xã Tứ Mỹ',
  salutation: '',
  body: [
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;',
    'Theo đề nghị của Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã.',
    'QUYẾT ĐỊNH:',
    'Điều 1. Thành lập Tổ công tác chuyển đổi số xã Tứ Mỹ.',
    'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
  ].join('\n'),
  recipients: 'Như Điều 2\nLưu: VT.',
  authority: 'KT',
  copies: '3',
};

const idFrom = (location: string | undefined) => Number(/^\/can-bo\/van-ban-di\/(\d+)\?da=/.exec(location ?? '')?.[1] ?? NaN);
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('outgoing documents: pages, signing, publication and register', () => {
  let app: TestApp;
  let clerk: TestClient;
  let leader: TestClient;
  let specialist: TestClient;
  let unitId: number;
  const keysDir = mkdtempSync(join(tmpdir(), 'xaso-outgoing-keys-'));
  const storageDir = mkdtempSync(join(tmpdir(), 'xaso-outgoing-store-'));
  const year = Number(vnDate(new Date()).slice(0, 4));
  let letterId = 0;
  let decisionId = 0;
  let resultId = 0;
  let publicPdf = '';

  const count = async () => Number((await app.db.rows<{ n: number }>(sql`select count(*)::integer as n from outgoing_documents`))[0]!.n);

  beforeAll(async () => {
    app = await createTestApp({ env: { XASO_KEYS_DIR: keysDir, XASO_STORAGE_DIR: storageDir } });
    unitId = (await findUnitByCode(app.db, '18202'))!.id;
    clerk = new TestClient(app);
    await clerk.login('tumy.vanthu');
    leader = new TestClient(app);
    await leader.login('tumy.lanhdao');
    specialist = new TestClient(app);
    await specialist.login('tumy.chuyenvien');
  });
  afterAll(async () => {
    await app.dispose();
    rmSync(keysDir, { recursive: true, force: true });
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('lists the unit’s documents with links to a new draft, the register and the stuck-signing page', async () => {
    const res = await clerk.get('/can-bo/van-ban-di');
    expect(res.statusCode).toBe(200);
    for (const s of ['Nháp (0)', 'Chờ duyệt (0)', 'Chờ ký số (0)', 'Đã ký (0)', 'href="/can-bo/van-ban-di/moi?don-vi=18202"', 'href="/can-bo/so-van-ban-di?don-vi=18202"', 'href="/quan-tri/van-ban-cho-ky"']) {
      expect(res.body).toContain(s);
    }
    expect((await clerk.get('/can-bo/van-ban-di/moi')).statusCode).toBe(200);
    expect((await new TestClient(app).get('/can-bo/van-ban-di')).statusCode).toBe(303); // to the login page
  });

  it('refuses an invalid draft with the errors next to the fields, creating nothing', async () => {
    const res = await clerk.postForm('/can-bo/van-ban-di/moi', { 'don-vi': '18202', kind: '', summary: 'abc', salutation: '', body: '', recipients: '', authority: 'TM', copies: '0' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Có lỗi cần sửa');
    expect(res.body).toMatch(/id="kind-error"[^>]*>Chọn loại văn bản\./);
    expect(res.body).toMatch(/id="summary-error"[^>]*>Nhập trích yếu nội dung \(ít nhất 5 ký tự\)\./);
    expect(res.body).toMatch(/id="body-error"[^>]*>Nhập nội dung văn bản\./);
    expect(res.body).toMatch(/id="copies-error"[^>]*>Ít nhất 1 bản\./);
    expect(res.body).toContain('>abc</textarea>'); // what was typed is kept
    const letter = await clerk.postForm('/can-bo/van-ban-di/moi', { ...LETTER, salutation: '' });
    expect(letter.statusCode).toBe(400);
    expect(letter.body).toMatch(/id="salutation-error"[^>]*>Công văn cần ít nhất một nơi nhận ở mục Kính gửi\./);
    expect(await count()).toBe(0);
  });

  it('creates a letter (POST-redirect-GET) and submits it for approval', async () => {
    const created = await clerk.postForm('/can-bo/van-ban-di/moi', LETTER);
    expect(created.statusCode).toBe(303);
    letterId = idFrom(created.headers.location as string);
    expect(letterId).toBeGreaterThan(0);
    const page = await clerk.get(`/can-bo/van-ban-di/${letterId}?da=tao`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Đã lưu bản nháp.');
    expect(page.body).toContain('Sở Tài chính tỉnh Hà Tĩnh');
    expect(page.body).toContain('Thường trực Đảng ủy xã');
    expect(page.body).toContain('Trình ký');
    const preview = await clerk.get(`/can-bo/van-ban-di/${letterId}.pdf`);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(String(preview.headers['content-disposition'])).toContain('Ban-nhap-');
    expect(preview.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const submitted = await clerk.postForm(`/can-bo/van-ban-di/${letterId}/trinh-ky`, {});
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe(`/can-bo/van-ban-di/${letterId}?da=trinh`);
    expect((await clerk.get(`/can-bo/van-ban-di/${letterId}`)).body).toContain('Văn bản đang chờ lãnh đạo duyệt và ký số.');
    const twice = await clerk.postForm(`/can-bo/van-ban-di/${letterId}/trinh-ky`, {}); // e.g. a second click or another tab
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Văn bản vừa được người khác xử lý. Hãy tải lại trang.');
    expect((await clerk.get(`/can-bo/van-ban-di/${letterId}/sua`)).headers.location).toBe(`/can-bo/van-ban-di/${letterId}`);
  });

  it('lets only a leader approve: the specialist gets 403 and sees no approval form', async () => {
    const page = await specialist.get(`/can-bo/van-ban-di/${letterId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Duyệt và ký số');
    expect((await specialist.postForm(`/can-bo/van-ban-di/${letterId}/duyet`, {})).statusCode).toBe(403);
    expect((await specialist.postForm(`/can-bo/van-ban-di/${letterId}/tra-lai`, { note: 'Sửa lại' })).statusCode).toBe(403);
    expect((await getOutgoing(app.db, unitId, letterId))!.state).toBe('awaitingApproval');
  });

  it('shows the leader “Chờ duyệt” first; sending back needs a note, which the drafter then sees', async () => {
    const list = await leader.get('/can-bo/van-ban-di');
    expect(list.body.indexOf('Chờ duyệt (1)')).toBeGreaterThan(0);
    expect(list.body.indexOf('Chờ duyệt (1)')).toBeLessThan(list.body.indexOf('Nháp (0)'));
    const empty = await leader.postForm(`/can-bo/van-ban-di/${letterId}/tra-lai`, { note: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/id="note-error"[^>]*>Ghi rõ lý do trả lại\./);
    const back = await leader.postForm(`/can-bo/van-ban-di/${letterId}/tra-lai`, { note: 'Bổ sung số liệu thiệt hại cụ thể.' });
    expect(back.statusCode).toBe(303);
    const page = await clerk.get(`/can-bo/van-ban-di/${letterId}`);
    expect(page.body).toContain('Lãnh đạo trả lại văn bản với ý kiến');
    expect(page.body).toContain('Bổ sung số liệu thiệt hại cụ thể.');
    expect(page.body).toContain('bị trả lại');
  });

  it('lets the clerk edit the returned draft and submit it again', async () => {
    const form = await clerk.get(`/can-bo/van-ban-di/${letterId}/sua`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Sở Tài chính tỉnh Hà Tĩnh');
    const edited = await clerk.postForm(`/can-bo/van-ban-di/${letterId}/sua`, { ...LETTER, body: `${LETTER.body}\nTổng kinh phí dự kiến 250.000.000 đồng.` });
    expect(edited.statusCode).toBe(303);
    expect((await clerk.get(`/can-bo/van-ban-di/${letterId}`)).body).toContain('Tổng kinh phí dự kiến 250.000.000 đồng.');
    expect((await clerk.postForm(`/can-bo/van-ban-di/${letterId}/trinh-ky`, {})).statusCode).toBe(303);
    const doc = (await getOutgoing(app.db, unitId, letterId))!;
    expect(doc.state).toBe('awaitingApproval');
    expect(doc.note).toBeNull();
  });

  it('without signing keys, approval records the failure and the document waits in “Chờ ký số”', async () => {
    const res = await leader.postForm(`/can-bo/van-ban-di/${letterId}/duyet`, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/can-bo/van-ban-di/${letterId}?da=loi-ky`);
    const doc = (await getOutgoing(app.db, unitId, letterId))!;
    expect(doc.state).toBe('awaitingSignature');
    expect(doc.number).toBeNull();
    expect(doc.signAttempts).toBe(1);
    expect(doc.lastError).toContain('chứng thư số');
    const page = await leader.get(res.headers.location as string);
    expect(page.body).toContain('ký số chưa thành công');
    expect(page.body).toContain('href="/quan-tri/van-ban-cho-ky"');
    expect((await clerk.get('/can-bo/van-ban-di')).body).toContain('Chờ ký số (1)');
    expect((await leader.get('/quan-tri/van-ban-cho-ky')).body).toContain(LETTER.summary);
  });

  it('with keys, approval signs: number 01/QĐ-UBND, a PDF with two valid signatures', async () => {
    const ks = openKeystore(keysDir);
    await initTestKeys(app.db, ks);
    const created = await clerk.postForm('/can-bo/van-ban-di/moi', DECISION);
    expect(created.statusCode).toBe(303);
    decisionId = idFrom(created.headers.location as string);
    expect((await clerk.postForm(`/can-bo/van-ban-di/${decisionId}/trinh-ky`, {})).statusCode).toBe(303);
    const approved = await leader.postForm(`/can-bo/van-ban-di/${decisionId}/duyet`, {});
    expect(approved.headers.location).toBe(`/can-bo/van-ban-di/${decisionId}?da=da-ky`);
    const page = await leader.get(approved.headers.location as string);
    expect(page.body).toContain('Đã duyệt và ký số văn bản số 01/QĐ-UBND');
    expect(page.body).toContain('Quyết định số 01/QĐ-UBND');
    // the body as the PDF lays it out: "Căn cứ …" italic, the heading centred, "Điều N." bold
    expect(page.body).toContain('<p class="italic">Căn cứ Luật Tổ chức chính quyền địa phương');
    expect(page.body).toContain('<p class="heading">QUYẾT ĐỊNH:</p>');
    expect(page.body).toContain('<strong>Điều 1.</strong> <span>Thành lập Tổ công tác');

    const pdf = await clerk.get(`/can-bo/van-ban-di/${decisionId}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toContain('attachment');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const reports = await verifyPdfSignatures(new Uint8Array(pdf.rawPayload), ks.trustedRoots());
    expect(reports).toHaveLength(2);
    for (const r of reports) expect(r.intact && r.signatureValid && r.chainTrusted, r.problems.join('; ')).toBe(true);
    expect(reports[0]!.signerName).toBe('Hoàng Văn Lãnh Đạo');
  });

  it('publishes the signed document: its public link works without signing in', async () => {
    const before = await clerk.get(`/can-bo/van-ban-di/${decisionId}`);
    expect(before.body).toContain('Phát hành');
    const res = await clerk.postForm(`/can-bo/van-ban-di/${decisionId}/phat-hanh`, { deliveryNote: 'Gửi qua thư điện tử công vụ' });
    expect(res.statusCode).toBe(303);
    const doc = (await getOutgoing(app.db, unitId, decisionId))!;
    expect(doc.publishedAt).not.toBeNull();
    const page = await clerk.get(`/can-bo/van-ban-di/${decisionId}?da=phat-hanh`);
    expect(page.body).toContain('đã phát hành');
    expect(page.body).toContain(`/van-ban/${doc.publicToken}.pdf`);
    expect(page.body).toContain(`/kiem-tra-chu-ky/van-ban/${doc.publicToken}`);
    publicPdf = `/van-ban/${doc.publicToken}.pdf`;
    const anonymous = await app.server.inject({ method: 'GET', url: publicPdf });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.headers['content-type']).toBe('application/pdf');
    expect(anonymous.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const verify = await app.server.inject({ method: 'GET', url: `/kiem-tra-chu-ky/van-ban/${doc.publicToken}` });
    expect(verify.statusCode).toBe(200);
  });

  it('signs the stuck letter once keys exist (number 02) and a dossier result (03), which stays off these pages', async () => {
    const retry = await leader.postForm(`/quan-tri/van-ban-cho-ky/${unitId}/${letterId}/ky-lai`, {});
    expect(retry.headers.location).toBe('/quan-tri/van-ban-cho-ky?da=da-ky');
    expect((await clerk.get(`/can-bo/van-ban-di/${letterId}`)).body).toContain('Công văn số 02/UBND-VP');

    const leaderId = (await findUserByUsername(app.db, 'tumy.lanhdao'))!.id;
    const unit = (await findUnitByCode(app.db, '18202'))!;
    const input = draftSchema.parse({ kind: 'notice', summary: 'Về kết quả giải quyết hồ sơ H42.18202-260101-0001', body: 'Hồ sơ đã được giải quyết.', recipients: 'Nguyễn Văn An' });
    const result = await app.db.withRawTransaction((tx) => insertOutgoing(tx, {
      unitId, kind: 'notice', symbol: 'TB-UBND', summary: input.summary, document: draftModel(input, issuingOf(unit)), createdBy: leaderId, dossierId: 4242,
      recipients: ['Nguyễn Văn An'], state: 'awaitingSignature', approvedBy: leaderId, signerName: 'Hoàng Văn Lãnh Đạo',
    }));
    resultId = result.id;
    expect((await app.issuer.sign(unitId, resultId)).status).toBe('signed');
    expect((await clerk.get(`/can-bo/van-ban-di/${resultId}`)).statusCode).toBe(404);
    expect((await clerk.get(`/can-bo/van-ban-di/${resultId}.pdf`)).statusCode).toBe(404);
    expect((await clerk.get('/can-bo/van-ban-di')).body).not.toContain('H42.18202-260101-0001');
  });

  it('lists every signed document of the year in the register, with the ten columns of Decree 30', async () => {
    const res = await clerk.get(`/can-bo/so-van-ban-di?nam=${year}&so=chung`);
    expect(res.statusCode).toBe(200);
    const table = /<table class="register">([\s\S]*?)<\/table>/.exec(res.body)?.[1] ?? '';
    const thead = /<thead>([\s\S]*?)<\/thead>/.exec(table)?.[1] ?? '';
    expect([...thead.matchAll(/<th scope="col">([\s\S]*?)<\/th>/g)].map((m) => m[1])).toEqual(REGISTER_HEADERS);
    const rows = [...(/<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => squash(m[1]!.replace(/<[^>]+>/g, ' ')).trim());
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^01\/QĐ-UBND \d{2}\/\d{2}\/\d{4} Quyết định: Về việc thành lập Tổ công tác chuyển đổi số xã Tứ Mỹ Hoàng Văn Lãnh Đạo Như Điều 2 Lưu: VT\. Văn thư 3 \d{2}\/\d{2}\/\d{4} Gửi qua thư điện tử công vụ$/);
    expect(rows[1]).toContain('02/UBND-VP');
    expect(rows[1]).toContain('Công văn: Đề nghị hỗ trợ kinh phí');
    expect(rows[2]).toContain('03/TB-UBND');
    expect(rows[2]!.endsWith('Kết quả hồ sơ')).toBe(true);
    expect(res.body).toContain(`href="/can-bo/so-van-ban-di.xlsx?nam=${year}&so=chung&don-vi=18202"`);
    expect(res.body).toContain('src="/static/in-trang.js"');
    expect((await clerk.get('/static/in-trang.js')).body).toContain('window.print()');
    const other = await clerk.get(`/can-bo/so-van-ban-di?nam=${year - 1}`);
    expect(other.body).toContain(`Chưa có văn bản nào được vào sổ năm ${year - 1}.`);
  });

  it('exports the register to Excel: title row, bold headers, one row per document with real dates', async () => {
    const res = await clerk.get(`/can-bo/so-van-ban-di.xlsx?nam=${year}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(1).value)).toBe(`SỔ ĐĂNG KÝ VĂN BẢN ĐI – ỦY BAN NHÂN DÂN XÃ TỨ MỸ – NĂM ${year}`);
    const header = sheet.getRow(2);
    expect((header.values as unknown[]).slice(1)).toEqual(REGISTER_HEADERS);
    expect(header.getCell(1).font?.bold).toBe(true);
    const decision = await getOutgoing(app.db, unitId, decisionId);
    const vnDay = (d: Date) => vnDate(d); // YYYY-MM-DD in Vietnam time
    const first = sheet.getRow(3);
    const values = (first.values as unknown[]).slice(1);
    expect(values.slice(0, 1)).toEqual(['01/QĐ-UBND']);
    expect((values[1] as Date).toISOString().slice(0, 10)).toBe(vnDay(decision!.signedAt!));
    expect(first.getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(values.slice(2, 7)).toEqual(['Quyết định: Về việc thành lập Tổ công tác chuyển đổi số xã Tứ Mỹ', 'Hoàng Văn Lãnh Đạo', 'Như Điều 2\nLưu: VT.', 'Văn thư', 3]);
    expect((values[7] as Date).toISOString().slice(0, 10)).toBe(vnDay(decision!.publishedAt!));
    expect(first.getCell(9).value ?? '').toBe('');
    expect(values[9]).toBe('Gửi qua thư điện tử công vụ');
    expect(sheet.getRow(4).getCell(1).value).toBe('02/UBND-VP');
    expect(sheet.getRow(4).getCell(8).value).toBeNull();
    expect(sheet.getRow(5).getCell(1).value).toBe('03/TB-UBND');
    expect(sheet.getRow(5).getCell(10).value).toBe('Kết quả hồ sơ');
    expect(sheet.rowCount).toBe(5);
  });

  it('hides the documents from another unit’s clerk (404) and shows them their own empty register', async () => {
    const thanhSen = (await findUnitByCode(app.db, '18073'))!;
    await createUser(app.db, { username: 'thanhsen.vanthu', fullName: 'Lý Thị Văn Thư', password: DEMO_PASSWORD, accountType: 'staff', grants: [{ unitId: thanhSen.id, role: 'clerk' }] });
    const other = new TestClient(app);
    await other.login('thanhsen.vanthu');
    expect((await other.get(`/can-bo/van-ban-di/${decisionId}`)).statusCode).toBe(404);
    expect((await other.get(`/can-bo/van-ban-di/${decisionId}.pdf`)).statusCode).toBe(404);
    expect((await other.postForm(`/can-bo/van-ban-di/${decisionId}/phat-hanh`, {})).statusCode).toBe(404);
    expect((await other.get(`/can-bo/van-ban-di/${letterId}/sua`)).statusCode).toBe(404);
    const list = await other.get('/can-bo/van-ban-di');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(DECISION.summary);
    const reg = await other.get(`/can-bo/so-van-ban-di?nam=${year}&don-vi=18202`); // another unit's code falls back to their own
    expect(reg.body).not.toContain('01/QĐ-UBND');
    expect(reg.body).toContain('PHƯỜNG THÀNH SEN');
    // the public link still works for anyone
    expect((await app.server.inject({ method: 'GET', url: publicPdf })).statusCode).toBe(200);
  });
});
