import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { seedProcedures } from '../../src/catalog/seed/index.js';
import { toFlat } from '../../src/catalog/flat.js';

describe('procedure catalogue', () => {
  let app: TestApp;
  let editor: TestClient;
  const json = async (url: string) => (await app.server.inject(url)).json();
  beforeAll(async () => {
    app = await createTestApp();
    editor = new TestClient(app);
    await editor.login('tinh.quantri');
  });
  afterAll(() => app.dispose());

  it('seeds every seed procedure as version 1', async () => {
    const rows = await app.db.rows<{ n: number }>(sql`select count(*)::int as n from procedure_versions where version = 1`);
    expect(rows[0]!.n).toBe(seedProcedures.length);
    expect(seedProcedures.length).toBeGreaterThanOrEqual(25);
  });

  it('finds procedures ignoring diacritics and case', async () => {
    const birth = (await json('/api/v1/procedures?q=dang%20ky%20khai%20sinh')) as { items: Array<{ code: string; name: string }> };
    expect(birth.items[0]).toMatchObject({ code: '1.001193', name: 'Đăng ký khai sinh' });
    const cert = (await json('/api/v1/procedures?q=CHUNG%20THUC&limit=100')) as { total: number; items: Array<{ name: string; sector: string }> };
    expect(cert.total).toBeGreaterThanOrEqual(5);
    expect(cert.items.every((i) => i.name.includes('hứng thực') || i.sector === 'Chứng thực')).toBe(true);
    expect(cert.items.some((i) => i.name.startsWith('Chứng thực bản sao từ bản chính'))).toBe(true);
    const byCode = (await json('/api/v1/procedures?q=2.000815')) as { items: Array<{ code: string }> };
    expect(byCode.items.map((i) => i.code)).toEqual(['2.000815']);
    const none = (await json('/api/v1/procedures?q=xyzxyz')) as { total: number };
    expect(none.total).toBe(0);
    const wildcard = (await json('/api/v1/procedures?q=%25')) as { total: number };
    expect(wildcard.total).toBe(0);
  });

  it('renders the search page without JavaScript and filters by sector', async () => {
    const page = await app.server.inject({ url: '/thu-tuc?q=dang+ky+khai+sinh', headers: { accept: 'text/html' } });
    expect(page.body).toContain('>Đăng ký khai sinh<');
    const sector = await app.server.inject({ url: '/thu-tuc?linh-vuc=' + encodeURIComponent('Chứng thực'), headers: { accept: 'text/html' } });
    expect(sector.body).toContain('Chứng thực bản sao từ bản chính');
    expect(sector.body).not.toContain('>Đăng ký khai sinh<');
  });

  it('shows a procedure with its documents, fees and legal basis', async () => {
    const res = await app.server.inject({ url: '/thu-tuc/2.000815', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('2.000\u00a0đ/trang (trang 1–2); 1.000\u00a0đ/trang (từ trang 3); tối đa 200.000\u00a0đ/bản');
    expect(res.body).toContain('Thành phần hồ sơ');
    const missing = await app.server.inject({ url: '/thu-tuc/9.999999', headers: { accept: 'text/html' } });
    expect(missing.statusCode).toBe(404);
    const api = await app.server.inject('/api/v1/procedures/9.999999');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('problem+json');
    expect((await app.server.inject('/api/v1/procedures/abc')).statusCode).toBe(400);
  });

  it('creates a new immutable version; the one in force changes only from its effective date', async () => {
    const base = toFlat(seedProcedures.find((p) => p.code === '2.000884')!);
    const res = await editor.postForm('/quan-tri/thu-tuc', { ...base, fees: 'cố định | Lệ phí chứng thực chữ ký | 15000', effectiveFrom: '01/01/2099' });
    expect(res.statusCode).toBe(303);
    const now = (await json('/api/v1/procedures/2.000884')) as { version: number; procedure: { fees: { items: Array<{ amount: number }> } } };
    expect(now.version).toBe(1);
    expect(now.procedure.fees.items[0]!.amount).toBe(10_000);
    const later = (await json('/api/v1/procedures/2.000884?onDate=2099-06-01')) as { version: number; procedure: { fees: { items: Array<{ amount: number }> } } };
    expect(later.version).toBe(2);
    expect(later.procedure.fees.items[0]!.amount).toBe(15_000);
    await expect(app.db.rows(sql`update procedure_versions set name = 'x' where code = '2.000884'`)).rejects.toThrow(/append-only/);
    const same = await editor.postForm('/quan-tri/thu-tuc', { ...base, effectiveFrom: '01/01/2099' });
    expect(same.statusCode).toBe(409);
    expect(same.body).toContain('đã có phiên bản hiệu lực từ ngày 01/01/2099');
  });

  it('explains form errors field by field and saves nothing', async () => {
    const before = await app.db.rows(sql`select 1 from procedure_versions`);
    const res = await editor.postForm('/quan-tri/thu-tuc', { code: '1.2', name: '', timeLimitValue: 'ba', timeLimitUnit: 'tuần', fees: 'miễn phí | x', effectiveFrom: '32/13/2026' });
    expect(res.statusCode).toBe(400);
    for (const text of ['Mã TTHC phải có dạng 1.001193.', 'Nhập tên thủ tục.', 'Đơn vị thời hạn phải là', 'Dòng 1: loại phí', 'Ngày hiệu lực phải là ngày hợp lệ', 'Thời hạn phải là số nguyên']) {
      expect(res.body).toContain(text);
    }
    expect(await app.db.rows(sql`select 1 from procedure_versions`)).toHaveLength(before.length);
  });

  it('only province administrators may publish versions', async () => {
    const unitAdmin = new TestClient(app);
    await unitAdmin.login('tumy.quantri');
    expect((await unitAdmin.get('/quan-tri/thu-tuc')).statusCode).toBe(200);
    expect((await unitAdmin.get('/quan-tri/thu-tuc/moi')).statusCode).toBe(403);
    expect((await unitAdmin.postForm('/quan-tri/thu-tuc', toFlat(seedProcedures[0]!))).statusCode).toBe(403);
  });

  it('exports CSV and XLSX that import back unchanged, and imports an edited row as a new version', async () => {
    const csv = await editor.get('/quan-tri/thu-tuc/xuat.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFFMã TTHC,Tên thủ tục')).toBe(true);
    const unchanged = await editor.postMultipart('/quan-tri/thu-tuc/nhap', { name: 'thu-tuc.csv', content: Buffer.from(csv.body), type: 'text/csv' });
    expect(unchanged.statusCode).toBe(200);
    expect(unchanged.body).toMatch(/Đã nhập: 0 phiên bản mới; \d+ thủ tục không thay đổi/);

    const xlsx = await app.server.inject({ url: '/quan-tri/thu-tuc/xuat.xlsx', headers: { cookie: `xaso_sid=${editor.cookies.get('xaso_sid')}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    let target = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === '1.001193') target = n;
    });
    expect(target).toBeGreaterThan(1);
    sheet.getRow(target).getCell(6).value = '1';
    sheet.getRow(target).getCell(7).value = 'ngày làm việc';
    sheet.getRow(target).getCell(17).value = '01/03/2027';
    const edited = Buffer.from(await book.xlsx.writeBuffer());
    const imported = await editor.postMultipart('/quan-tri/thu-tuc/nhap', { name: 'thu-tuc.xlsx', content: edited, type: 'application/octet-stream' });
    expect(imported.body).toMatch(/Đã nhập: 1 phiên bản mới/);
    const v = (await json('/api/v1/procedures/1.001193?onDate=2027-03-01')) as { version: number; procedure: { timeLimit: unknown } };
    expect(v).toMatchObject({ version: 2, procedure: { timeLimit: { value: 1, unit: 'working-days' } } });
  });

  it('rejects a file with a bad row as a whole, and files that are not spreadsheets', async () => {
    const csv = '\uFEFFMã TTHC,Tên thủ tục,Lĩnh vực,Cơ quan thực hiện,Thời hạn giải quyết,Đơn vị thời hạn,Quy trình,Dịch vụ công trực tuyến,Kết quả,Hiệu lực từ ngày\n' +
      '1.999001,Thủ tục thử,Hộ tịch,UBND xã,3,ngày làm việc,thông thường,không,Giấy xác nhận,01/01/2027\n' +
      '1.999002,Thủ tục lỗi,Hộ tịch,UBND xã,3,tuần,thông thường,không,Giấy xác nhận,01/01/2027\n';
    const res = await editor.postMultipart('/quan-tri/thu-tuc/nhap', { name: 'a.csv', content: Buffer.from(csv), type: 'text/csv' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Dòng 3 (mã 1.999002)');
    expect(await app.db.rows(sql`select 1 from procedures where code like '1.999%'`)).toHaveLength(0);
    const fake = await editor.postMultipart('/quan-tri/thu-tuc/nhap', { name: 'a.xlsx', content: Buffer.from('not a zip'), type: 'application/octet-stream' });
    expect(fake.statusCode).toBe(415);
    const exe = await editor.postMultipart('/quan-tri/thu-tuc/nhap', { name: 'a.csv', content: Buffer.from([0x4d, 0x5a, 0, 1, 2]), type: 'text/csv' });
    expect(exe.statusCode).toBe(415);
    const broken = await editor.postMultipart('/quan-tri/thu-tuc/nhap', { name: 'a.xlsx', content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), type: 'application/octet-stream' });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('Không đọc được tệp Excel');
  });
});
