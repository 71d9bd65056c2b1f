import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { generateDossiers } from '../../src/dossiers/generate.js';

describe('dossier register (Sổ theo dõi hồ sơ) and printed forms of a generated year', () => {
  let app: TestApp;
  let clerk: TestClient;
  beforeAll(async () => {
    app = await createTestApp();
    await generateDossiers(app.db, { count: 40, year: 2026, unitCode: '18202', seed: 7 });
    clerk = new TestClient(app);
    await clerk.login('tumy.tiepnhan');
  });
  afterAll(() => app.dispose());

  it('lists the year’s received dossiers by register number, as HTML, PDF and XLSX', async () => {
    const html = await clerk.get('/can-bo/so-theo-doi?nam=2026');
    expect(html.statusCode).toBe(200);
    const codes = html.body.match(/H42\.18202-26\d{4}-\d{4}/g) ?? [];
    expect(new Set(codes).size).toBeGreaterThan(30);
    const pdf = await clerk.get('/can-bo/so-theo-doi?nam=2026&dang=pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const xlsx = await app.server.inject({ url: '/can-bo/so-theo-doi?nam=2026&dang=xlsx', headers: { cookie: `xaso_sid=${clerk.cookies.get('xaso_sid')}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Mã hồ sơ');
    const seqs: number[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) seqs.push(Number(row.getCell(1).value));
    });
    expect(seqs.length).toBe(new Set(codes).size);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect((await clerk.get('/can-bo/so-theo-doi?nam=2026&dang=doc')).statusCode).toBe(400);
  });

  it('prints the forms a dossier has, and refuses the ones it has not', async () => {
    const list = await app.server.inject({ url: '/api/v1/dossiers?queue=all&limit=200', headers: { cookie: `xaso_sid=${clerk.cookies.get('xaso_sid')}` } });
    const items = (list.json() as { items: Array<{ code: string | null; state: string }> }).items;
    const returned = items.find((i) => i.state === 'returned' && i.code)!;
    for (const form of ['giay-tiep-nhan', 'phieu-kiem-soat']) {
      const pdf = await clerk.get(`/ho-so/${returned.code}/in/${form}.pdf`);
      expect(pdf.statusCode, form).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect((await clerk.get(`/ho-so/${returned.code}/in/van-ban-xin-loi`)).statusCode).toBe(404);
    expect((await clerk.get(`/ho-so/${returned.code}/in/khong-co`)).statusCode).toBe(404);
    const outsider = new TestClient(app);
    await outsider.login('thanhsen.tiepnhan');
    expect((await outsider.get(`/ho-so/${returned.code}/in/giay-tiep-nhan`)).statusCode).toBe(404);
  });
});
