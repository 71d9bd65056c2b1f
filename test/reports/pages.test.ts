import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { act, createDraft } from '../../src/dossiers/index.js';
import type { ActionName } from '../../src/dossiers/workflow/index.js';
import { findUnitByCode, principalByUsername } from '../../src/identity/index.js';
import type { Principal } from '../../src/platform/http/index.js';
import { openKeystore } from '../../src/documents/keys/keystore.js';
import { initTestKeys } from '../../src/documents/keys/init.js';
import { processingReport, type ReportFilter } from '../../src/reports/report.js';
import { computeIndex766 } from '../../src/reports/index766.js';
import { publicFigures } from '../../src/reports/transparency.js';
import { percent, REPORT_COLUMNS } from '../../src/reports/pages/labels.js';
import { headerRowsOf } from '../../src/reports/pages/exports.js';
import { keystoreCertificateHolders } from '../../src/reports/pages/certificates.js';
import { parseVnDate, presetPeriod } from '../../src/reports/pages/filters.js';
import { niceScale } from '../../src/reports/pages/charts.js';

/**
 * The statistics pages over dossiers played through `act` with explicit times in March 2026 (1.004873: 3 working
 * days): Tứ Mỹ gets early, late, open, overdue, withdrawn and online dossiers; Thành Sen one, for the province view.
 */
const PROCEDURE = '1.004873';
const at = (s: string) => new Date(`${s}+07:00`);
const MARCH: Pick<ReportFilter, 'from' | 'to'> = { from: at('2026-03-01T00:00:00'), to: at('2026-04-01T00:00:00') };
const PERIOD = 'tu=01/03/2026&den=31/03/2026';
type Step = [ActionName, 'reception' | 'specialist' | 'leader' | 'resident', string, Record<string, unknown>?];

const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** The number links of the report tables: [href, number shown]. */
function numberLinks(html: string): Array<[string, number]> {
  return [...html.matchAll(/<a href="(\/bao-cao\/ho-so\?[^"]+)"[^>]*data-metric="[^"]+"[^>]*>([\d.]+)<\/a>/g)].map((m) => [unescape(m[1]!), Number(m[2]!.replace(/\./g, ''))]);
}

/** The shape of the month sheet's table, for its header height (no column groups). */
const monthsTable = (_sheet: unknown) => ({ columns: [{ header: 'Tháng', kind: 'text' as const, width: 12 }] }) as Parameters<typeof headerRowsOf>[0];

const listTotal = (html: string) => Number(/data-total="(\d+)"/.exec(html)?.[1] ?? NaN);

async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'xaso-stats-pdf-'));
  try {
    const file = path.join(dir, 'in.pdf');
    await (await import('node:fs/promises')).writeFile(file, pdf);
    return await new Promise<string>((resolve, reject) => execFile('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], (err, out) => (err ? reject(err) : resolve(out))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('filter periods and chart scale', () => {
  const day = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  it('turns each preset into Vietnam calendar days (the end exclusive)', () => {
    const january = at('2026-01-15T10:00:00');
    expect([presetPeriod('thang-truoc', january)].map((p) => [day(p.from), day(p.to), p.label])).toEqual([['2025-12-01', '2026-01-01', 'tháng 12/2025']]);
    const november = at('2026-11-30T23:30:00');
    expect([presetPeriod('thang-nay', november)].map((p) => [day(p.from), day(p.to)])).toEqual([['2026-11-01', '2026-12-01']]);
    expect([presetPeriod('quy-nay', november)].map((p) => [day(p.from), day(p.to), p.label])).toEqual([['2026-10-01', '2027-01-01', 'quý IV năm 2026']]);
    expect([presetPeriod('nam-truoc', november)].map((p) => [day(p.from), day(p.to), p.range])).toEqual([['2025-01-01', '2026-01-01', 'Từ ngày 01/01/2025 đến ngày 31/12/2025']]);
    // 1 January 2026 at 00:30 in Vietnam is still 31 December 2025 in UTC
    expect(presetPeriod('nam-nay', at('2026-01-01T00:30:00')).label).toBe('năm 2026');
  });
  it('reads dd/mm/yyyy dates and refuses impossible ones', () => {
    expect(parseVnDate('01/03/2026')).toEqual({ year: 2026, month: 3, day: 1 });
    expect(parseVnDate('1-3-2026')).toEqual({ year: 2026, month: 3, day: 1 });
    for (const bad of ['31/02/2026', '29/02/2025', '00/01/2026', '2026-03-01', '1/1/1', '01/13/2026', '01/01/1999']) expect(parseVnDate(bad), bad).toBeNull();
  });
  it('puts about four round ticks on the axis', () => {
    expect(niceScale(0)).toEqual({ top: 1, ticks: [0, 1] });
    expect(niceScale(3)).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(niceScale(29)).toEqual({ top: 30, ticks: [0, 10, 20, 30] });
    expect(niceScale(1250)).toEqual({ top: 1500, ticks: [0, 500, 1000, 1500] });
  });
});

describe('statistics pages', () => {
  let app: TestApp;
  let tumy: number;
  let thanhSen: number;
  let people: Record<Step[1] | 'thanhSen', Principal>;
  let leader: TestClient;

  beforeAll(async () => {
    app = await createTestApp();
    tumy = (await findUnitByCode(app.db, '18202'))!.id;
    thanhSen = (await findUnitByCode(app.db, '18073'))!.id;
    const names = ['tumy.tiepnhan', 'tumy.chuyenvien', 'tumy.lanhdao', 'congdan', 'thanhsen.tiepnhan'];
    const [reception, specialist, lead, resident, ts] = (await Promise.all(names.map((u) => principalByUsername(app.db, u)))) as Principal[];
    people = { reception: reception!, specialist: specialist!, leader: lead!, resident: resident!, thanhSen: ts! };

    const play = async (unitId: number, channel: 'counter' | 'online', name: string, steps: Step[], who: Record<string, Principal> = people) => {
      const d = await createDraft(app.db, {
        unitId, procedureCode: PROCEDURE, channel, applicant: { fullName: name, idNumber: '', phone: '0933333333', email: '', address: 'Thôn 3' },
        ownerUserId: channel === 'online' ? people.resident.userId : null, createdBy: who.reception!.userId, now: at(steps[0]![2]),
      });
      for (const [action, actor, time, payload] of steps) {
        const extra = action === 'assign' ? { specialistUserId: people.specialist.userId } : {};
        await act(app.db, { unitId, dossierId: d.id, action, actor: who[actor]!, payload: { ...extra, ...(payload ?? {}) }, idempotencyKey: null, now: at(time) });
      }
    };
    const resolved = (received: string, approved: string): Step[] => [
      ['receive', 'reception', received], ['assign', 'reception', received], ['submitForApproval', 'specialist', received, { note: 'Đủ' }], ['approve', 'leader', approved],
    ];
    await play(tumy, 'counter', 'Trước hạn Một', resolved('2026-03-09T09:00:00', '2026-03-10T09:00:00'));
    await play(tumy, 'counter', 'Trước hạn Hai', resolved('2026-03-16T09:00:00', '2026-03-17T09:00:00'));
    await play(tumy, 'counter', 'Quá hạn', resolved('2026-03-02T09:00:00', '2026-03-20T09:00:00'));
    await play(tumy, 'online', 'Trực tuyến', [['submit', 'resident', '2026-03-10T08:00:00'], ...resolved('2026-03-10T09:00:00', '2026-03-11T09:00:00')]);
    await play(tumy, 'counter', 'Đang xử lý quá hạn', [['receive', 'reception', '2026-03-02T09:00:00'], ['assign', 'reception', '2026-03-02T09:10:00']]);
    await play(tumy, 'counter', 'Chưa phân công', [['receive', 'reception', '2026-03-30T09:00:00']]);
    await play(tumy, 'counter', 'Rút hồ sơ', [['receive', 'reception', '2026-03-09T09:00:00'], ['withdraw', 'reception', '2026-03-10T09:00:00', { reason: 'Người dân xin rút' }]]);
    await play(tumy, 'counter', 'Kỳ trước', resolved('2026-02-26T09:00:00', '2026-03-02T09:00:00'));
    await play(thanhSen, 'counter', 'Thành Sen', [['receive', 'reception', '2026-03-11T09:00:00']], { reception: people.thanhSen });

    leader = new TestClient(app);
    await leader.login('tumy.lanhdao');
  });
  afterAll(() => app.dispose());

  it('is open to staff of the one-stop roles only; the transparency page is public', async () => {
    const anonymous = new TestClient(app);
    const citizen = new TestClient(app);
    await citizen.login('congdan');
    const editor = new TestClient(app);
    await editor.login('tumy.bientap');
    for (const url of ['/bao-cao', '/bao-cao/ho-so?chi-so=received', '/bao-cao/chi-so-766', '/bao-cao/chuyen-doi-so', '/bao-cao.xlsx', '/bao-cao.pdf', '/bao-cao/chi-so-766.pdf', '/bao-cao/chuyen-doi-so.xlsx']) {
      const res = await anonymous.get(url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location, url).toMatch(/^\/dang-nhap/);
      expect((await citizen.get(url)).statusCode, url).toBe(403);
      expect((await editor.get(url)).statusCode, url).toBe(403);
    }
    for (const username of ['tumy.tiepnhan', 'tumy.chuyenvien', 'tumy.vanthu', 'tumy.quantri', 'tinh.quantri']) {
      const staff = new TestClient(app);
      await staff.login(username);
      for (const url of ['/bao-cao', '/bao-cao/chi-so-766', '/bao-cao/chuyen-doi-so']) expect((await staff.get(url)).statusCode, `${username} ${url}`).toBe(200);
    }
    expect((await anonymous.get('/minh-bach')).statusCode).toBe(200);
    expect((await anonymous.get('/minh-bach/18073')).statusCode).toBe(200);
    expect((await anonymous.get('/minh-bach/99999')).statusCode).toBe(404);
    expect((await anonymous.get('/minh-bach/42')).statusCode).toBe(404); // the province is not a commune
    expect((await leader.get('/')).body).toContain('href="/bao-cao"');
    expect((await anonymous.get('/')).body).toContain('href="/minh-bach"');
  });

  it('shows the report, and every number links to a list of exactly that many dossiers', async () => {
    const res = await leader.get(`/bao-cao?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    const report = await processingReport(app.db, { unitIds: [tumy], ...MARCH });
    expect(report.total).toMatchObject({ received: 8, carriedOver: 1, receivedOnline: 1, resolvedEarly: 4, resolvedLate: 1, inProgressOverdue: 1, inProgressWithinTime: 1, withdrawn: 1 });
    const links = numberLinks(res.body);
    // total, sector, procedure and officer tables (14 numbers a row), and the two month charts' tables
    expect(links.length).toBeGreaterThanOrEqual(14 * 4);
    const firstRow = links.slice(0, REPORT_COLUMNS.length).map(([, n]) => n);
    expect(firstRow).toEqual(REPORT_COLUMNS.map((c) => report.total[c.metric]));
    expect(res.body).toContain(percent(report.total.onTimeRate));
    // the officer table names people and has a row for the dossiers nobody handles yet
    expect(res.body).toContain('Phạm Văn Chuyên Viên');
    expect(res.body).toContain('Chưa phân công');
    const all = [...new Map([...links, ...chartLinks(res.body)]).entries()];
    for (const [href, n] of all) {
      const list = await leader.get(href);
      expect(list.statusCode, href).toBe(200);
      expect(listTotal(list.body), href).toBe(n);
    }
    // a list names its dossiers and links each to the officer's dossier page
    const late = await leader.get(`/bao-cao/ho-so?chi-so=resolvedLate&${PERIOD}`);
    expect(late.body).toContain('Quá hạn');
    expect(late.body).toMatch(/href="\/can-bo\/ho-so\/[^"]+"/);
    const dossierHref = /href="(\/can-bo\/ho-so\/[^"]+)"/.exec(late.body)![1]!;
    expect((await leader.get(dossierHref)).statusCode).toBe(200);
  });

  /** The month links of the chart tables (a number in a plain link). */
  function chartLinks(html: string): Array<[string, number]> {
    const tables = [...html.matchAll(/<table class="chart-data">([\s\S]*?)<\/table>/g)].map((m) => m[1]!).join('');
    return [...tables.matchAll(/<a href="(\/bao-cao\/ho-so\?[^"]+)">([\d.]+)<\/a>/g)].map((m) => [unescape(m[1]!), Number(m[2]!.replace(/\./g, ''))]);
  }

  it('draws the charts as described SVG images beside their figures', async () => {
    const html = (await leader.get(`/bao-cao?${PERIOD}`)).body;
    const svgs = [...html.matchAll(/<svg class="chart"[^>]*>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) expect(svg).toContain('role="img"');
    expect(html).toContain('<title id="chart-received-title">');
    expect(html).toMatch(/<desc id="chart-timeliness-desc">[^<]*03\/2026: trước hạn 4, đúng hạn 0, quá hạn 1, tổng 5/);
    expect(chartLinks(html).length).toBe(2 + 4);
  });

  it('refuses wrong filters with a message next to the field (400), never a server error', async () => {
    const cases: Array<[string, string]> = [
      ['/bao-cao?ky=hom-qua', 'Kỳ báo cáo không hợp lệ'],
      ['/bao-cao?tu=32/13/2026&den=01/04/2026', 'Từ ngày không đúng'],
      ['/bao-cao?tu=01/03/2026', 'Nhập đến ngày'],
      ['/bao-cao?tu=10/03/2026&den=01/03/2026', 'Đến ngày phải bằng hoặc sau từ ngày'],
      ['/bao-cao?tu=01/01/2001&den=01/01/2026', 'dài nhất là 5 năm'],
      ['/bao-cao?don-vi=18073', 'Bạn không xem được báo cáo của đơn vị này'],
      ['/bao-cao?don-vi=%27%3Cb%3E', 'Bạn không xem được báo cáo của đơn vị này'],
      ['/bao-cao?linh-vuc=Kh%C3%B4ng%20c%C3%B3', 'Không có lĩnh vực này'],
      ['/bao-cao?thu-tuc=9.999999', 'Không có thủ tục này'],
      ['/bao-cao?can-bo=abc', 'Không có cán bộ này'],
      ['/bao-cao/chi-so-766?ky=x', 'Kỳ báo cáo không hợp lệ'],
      ['/bao-cao/chuyen-doi-so?den=1/1/1', 'Đến ngày không đúng'],
      ['/bao-cao/ho-so?chi-so=received&ky=x', 'Kỳ báo cáo không hợp lệ'],
      ['/bao-cao/ho-so?chi-so=khong-co', 'Không rõ con số nào'],
      ['/bao-cao.xlsx?ky=x', 'Kỳ báo cáo không hợp lệ'],
      ['/bao-cao/chi-so-766.pdf?tu=31/02/2026&den=01/03/2026', 'Từ ngày không đúng'],
    ];
    for (const [url, message] of cases) {
      const res = await leader.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body, url).toContain(message);
    }
    // the error stands next to its field, and the summary links to it
    const html = (await leader.get('/bao-cao?thu-tuc=9.999999')).body;
    expect(html).toMatch(/<span class="error-message" id="thu-tuc-error">Không có thủ tục này/);
    expect(html).toContain('href="#thu-tuc"');
    expect((await new TestClient(app).get('/minh-bach?nam=19')).statusCode).toBe(400);
  });

  it('exports the same numbers to Excel as the report computes', async () => {
    const res = await leader.get(`/bao-cao.xlsx?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const report = await processingReport(app.db, { unitIds: [tumy], ...MARCH });
    const sheet = book.getWorksheet('Tổng hợp')!;
    expect(String(sheet.getCell(2, 1).value)).toContain('Xã Tứ Mỹ');
    const row = sheet.getRow(6);
    expect(row.getCell(1).value).toBe('Xã Tứ Mỹ');
    const numbers = REPORT_COLUMNS.map((_, i) => row.getCell(i + 2).value);
    expect(numbers).toEqual(REPORT_COLUMNS.map((c) => report.total[c.metric]));
    for (const n of numbers) expect(typeof n).toBe('number');
    expect(row.getCell(REPORT_COLUMNS.length + 2).value).toBeCloseTo(report.total.onTimeRate!, 10);
    expect(row.getCell(REPORT_COLUMNS.length + 2).numFmt).toBe('0.0%');
    const procedures = book.getWorksheet('Theo thủ tục')!;
    expect(procedures.getRow(6).getCell(2).value).toBe(report.byProcedure[0]!.figures.received);
    const months = book.getWorksheet('Theo tháng')!;
    expect((months.getRow(headerRowsOf(monthsTable(months)) + 1).values as unknown[]).slice(1)).toEqual(['03/2026', 7, 5, 4, 0, 1]);
  });

  it('prints the report as an A4 landscape PDF with the unit and the figures', async () => {
    const res = await leader.get(`/bao-cao.pdf?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('ỦY BAN NHÂN DÂN XÃ TỨ MỸ');
    expect(text).toContain('BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(text).toContain('Kỳ báo cáo: từ ngày 01/03/2026 đến ngày 31/03/2026');
    expect(text).toMatch(/Xã Tứ Mỹ\s+8\s+1\s+1\s+6\s+0\s+5\s+4\s+0\s+1\s+2\s+1\s+1\s+1\s+0\s+80%/);
    const landscape = /MediaBox\s*\[\s*0 0 841\.\d+ 595\.\d+/.test(res.rawPayload.toString('latin1'));
    expect(landscape).toBe(true);
  });

  it('shows the 766 indicators: unavailable ones with their reason, the others with ratio and points', async () => {
    const res = await leader.get(`/bao-cao/chi-so-766?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    const index = await computeIndex766(app.db, { unitIds: [tumy], ...MARCH });
    const row = (id: string) => new RegExp(`<span class="indicator-id">${id.replace('.', '\\.')}</span>[\\s\\S]*?</tr>`).exec(res.body)?.[0] ?? '';
    expect(row('1.4')).toContain('Chưa tính được');
    expect(row('1.4')).toContain('Chưa kết nối, đồng bộ với Cổng Dịch vụ công quốc gia');
    const i21 = index.groups.flatMap((g) => g.indicators).find((i) => i.id === '2.1')!;
    expect(i21.available).toBe(true);
    expect(row('2.1')).toContain(percent(i21.ratio, 2));
    expect(row('2.1')).toContain(`${i21.numerator} / ${i21.denominator}`);
    expect(row('4.2')).toContain('Đạt ≥80% được tối đa');
    expect(res.body).toMatch(/Tổng điểm: <strong>[\d,]+ \/ 100 điểm \(tính được trên [\d,]+ điểm\)<\/strong>/);
    const xlsx = await leader.get(`/bao-cao/chi-so-766.xlsx?${PERIOD}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Các chỉ số')!;
    const found = sheet.getRows(5, sheet.rowCount - 4)!.find((r) => r.getCell(1).value === '2.1')!;
    expect(found.getCell(6).value).toBe(i21.ratio);
    const pdf = await leader.get(`/bao-cao/chi-so-766.pdf?${PERIOD}`);
    expect(await pdfText(pdf.rawPayload)).toContain('Chưa tính được');
  });

  it('shows the digital-transformation figures, with certificates read from the keystore', async () => {
    const res = await leader.get(`/bao-cao/chuyen-doi-so?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Cán bộ có chứng thư số');
    expect(res.body).toContain('1 / 7 hồ sơ tiếp nhận trong kỳ được nộp trực tuyến');
    for (const format of ['xlsx', 'pdf']) expect((await leader.get(`/bao-cao/chuyen-doi-so.${format}?${PERIOD}`)).statusCode).toBe(200);
    // a keystore with TEST certificates for the leaders: the leader holds a valid one, the others none
    const dir = await mkdtemp(path.join(tmpdir(), 'xaso-stats-keys-'));
    try {
      const ks = openKeystore(dir);
      await initTestKeys(app.db, ks);
      const holders = keystoreCertificateHolders(ks);
      expect([...(await holders(['tumy.lanhdao', 'tumy.tiepnhan', '../khong-hop-le']))]).toEqual(['tumy.lanhdao']);
      expect([...(await keystoreCertificateHolders(ks, new Date('2100-01-01T00:00:00Z'))(['tumy.lanhdao']))]).toEqual([]); // expired by then
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lets a province administrator see the whole province and each commune', async () => {
    const province = new TestClient(app);
    await province.login('tinh.quantri');
    const res = await province.get(`/bao-cao?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Toàn tỉnh (Tỉnh Hà Tĩnh)');
    expect(res.body).toContain('Theo đơn vị');
    const links = numberLinks(res.body);
    expect(links[0]![1]).toBe(9); // 8 in Tứ Mỹ and 1 in Thành Sen
    const thanhSenLink = links.find(([href]) => href.includes('don-vi=18073') && href.includes('chi-so=received&'))!;
    expect(thanhSenLink[1]).toBe(1);
    expect(listTotal((await province.get(thanhSenLink[0])).body)).toBe(1);
    const commune = await province.get(`/bao-cao?${PERIOD}&don-vi=18073`);
    expect(numberLinks(commune.body)[0]![1]).toBe(1);
    expect(thanhSen).toBeGreaterThan(0);
  });

  it('publishes the year’s figures of a commune without login', async () => {
    const figures = await publicFigures(app.db, tumy, 2026);
    const res = await new TestClient(app).get('/minh-bach?nam=2026');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Xã Tứ Mỹ');
    expect(figures.received).toBe(8); // the dossier of February too
    expect(res.body).toMatch(new RegExp(`<h3>Hồ sơ tiếp nhận</h3>\\s*<p class="figure">${figures.received}</p>`));
    expect(res.body).toContain('<svg class="chart"');
    expect(res.body).toContain('Chưa có đánh giá');
    const other = await new TestClient(app).get('/minh-bach/18073?nam=2026');
    expect(other.body).toContain('Phường Thành Sen');
    expect(other.body).toMatch(/<h3>Hồ sơ tiếp nhận<\/h3>\s*<p class="figure">1<\/p>/);
  });
});
