import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { SCREENSHOT_DIR, dossierFact, dossierFileLinks, dossierStatusTag, expectNoAxeViolations, expectVisible, performAction, popplerOutput, screenshot, signIn, tinyPng, uploadDossierFile, useServerAndBrowser } from './browser.js';

/**
 * Counter intake by the receptionist for a same-day procedure (2.000815, Chứng thực bản sao từ bản chính):
 * validation, a new applicant, a scanned PNG marked as digitized, a refused non-PDF upload, receipt with the fee
 * paid, the receipt's HTML print view and its one-page A5 PDF. axe-core runs on the pages visited.
 */

const openContext = useServerAndBrowser();
const axeContext = () => openContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });

const PROCEDURE = '2.000815';
const APPLICANT = 'Trần Thị Bình';
const PHONE = '0987654321';
const CODE_RE = /^H42\.18202-\d{6}-\d{4}$/;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

const expectNoViolations = expectNoAxeViolations;
const fact = dossierFact;
const statusTag = dossierStatusTag;
const fileLinks = dossierFileLinks;
const errorSummary = (page: Page) => page.locator('.error-summary[role="alert"]');

describe(`counter intake of ${PROCEDURE} (same-day certification) by the receptionist`, () => {
  let context: BrowserContext;
  let page: Page;
  let draftPath = '';
  let code = '';

  beforeAll(async () => {
    context = await axeContext();
    page = await context.newPage();
    await signIn(page, 'tumy.tiepnhan');
  });
  afterAll(async () => {
    await context?.close();
  });

  it('the intake page has no axe violations', async () => {
    const response = await page.goto('/can-bo/tiep-nhan');
    expect(response?.status()).toBe(200);
    await expectVisible(page.getByLabel('Họ tên (gõ không dấu được), số điện thoại hoặc số định danh', { exact: true }));
    await expectVisible(page.getByRole('group', { name: 'Kênh tiếp nhận' }));
    await expectNoViolations(page, 'intake page');
  });

  it('submitted empty, it answers 400 with an error summary linked to the procedure field (and no axe violations)', async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/can-bo/tiep-nhan'),
      page.getByRole('button', { name: 'Tạo hồ sơ và nhận giấy tờ', exact: true }).click(),
    ]);
    await page.waitForLoadState('domcontentloaded');
    expect(response.status()).toBe(400);
    await expectVisible(errorSummary(page));
    const link = errorSummary(page).getByRole('link', { name: 'Chọn thủ tục hành chính.' });
    await expectVisible(link);
    expect(await link.getAttribute('href')).toBe('#procedureCode');
    const select = page.getByLabel('Thủ tục hành chính', { exact: true });
    expect(await select.getAttribute('aria-invalid')).toBe('true');
    await expectNoViolations(page, 'intake page with a validation error');
    await screenshot(page, 'dossier-intake-error');
  });

  it('searching for the new applicant finds nobody', async () => {
    await page.getByLabel('Họ tên (gõ không dấu được), số điện thoại hoặc số định danh', { exact: true }).fill('tran thi binh');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('tim') === 'tran thi binh'), page.getByRole('button', { name: 'Tìm người nộp', exact: true }).click()]);
    await expectVisible(page.getByRole('status').filter({ hasText: 'Không tìm thấy người nộp nào.' }));
    await expectNoViolations(page, 'intake page, no applicant found');
  });

  it('creates the counter draft for a new applicant and lands on the staff dossier page', async () => {
    const select = page.getByLabel('Thủ tục hành chính', { exact: true });
    const value = await select.evaluate((el, code) => Array.from((el as HTMLSelectElement).options).find((o) => o.text.startsWith(`${code} – `))?.value ?? null, PROCEDURE);
    expect(value).toBe(PROCEDURE);
    await select.selectOption(value!);
    await page.getByRole('radio', { name: 'Trực tiếp tại quầy', exact: true }).check();
    await page.getByLabel('Họ và tên người nộp', { exact: true }).fill(APPLICANT);
    await page.getByLabel('Số định danh cá nhân (CCCD)', { exact: true }).fill('042190005678');
    await page.getByLabel('Số điện thoại', { exact: true }).fill(PHONE);
    await page.getByLabel('Địa chỉ', { exact: true }).fill('Thôn Tân Tiến, xã Tứ Mỹ');
    await page.getByLabel('Nội dung yêu cầu giải quyết', { exact: true }).fill('Chứng thực bản sao sổ hộ khẩu');
    await page.getByLabel('Số trang của bản chính (để tính phí chứng thực)', { exact: true }).fill('3');
    await page.getByLabel('Số bản', { exact: true }).fill('2');
    await Promise.all([
      page.waitForURL((u) => /^\/can-bo\/ho-so\/nhap-\d+$/.test(u.pathname)),
      page.getByRole('button', { name: 'Tạo hồ sơ và nhận giấy tờ', exact: true }).click(),
    ]);
    draftPath = new URL(page.url()).pathname;
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Hồ sơ nháp' }));
    expect(await statusTag(page).textContent()).toBe('Bản nháp');
    expect(await fact(page, 'Người nộp')).toBe(APPLICANT);
    expect(await fact(page, 'Kênh nộp')).toBe('Trực tiếp');
    expect(await fileLinks(page).count()).toBe(0);
    await expectNoViolations(page, 'staff dossier page (counter draft)');
  });

  it('refuses a file that is not a PDF, JPEG or PNG (a text file renamed .pdf) and lists no file', async () => {
    const status = await uploadDossierFile(page, { name: 'gia-mao.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Đây là một tệp văn bản, không phải PDF.\n', 'utf8') });
    expect(status).toBe(415);
    await expectVisible(page.getByRole('alert').filter({ hasText: 'Chỉ nhận tệp PDF, JPEG hoặc PNG' }));
    expect(await fileLinks(page).count()).toBe(0);
    await expectNoViolations(page, 'staff dossier page (upload refused)');
    await page.goto(draftPath); // reload: still nothing stored
    expect(await fileLinks(page).count()).toBe(0);
    await expectVisible(page.getByText('Chưa có tệp.'));
  });

  it('uploads the scanned original as a PNG marked as digitized', async () => {
    const status = await uploadDossierFile(page, { name: 'so-ho-khau-scan.png', mimeType: 'image/png', buffer: tinyPng() }, { document: 'Bản chính giấy tờ', digitized: true });
    expect(status).toBe(303);
    await expectVisible(page.getByRole('status').filter({ hasText: 'Đã tải tệp lên.' }));
    const item = page.locator('section[aria-labelledby="docs-title"] li').filter({ has: page.getByRole('link', { name: 'so-ho-khau-scan.png', exact: true }) });
    await expectVisible(item);
    expect(squash((await item.locator('.meta').textContent()) ?? '')).toBe('(1 KB, bản số hóa)');
    expect(await fileLinks(page).count()).toBe(1);
    const r = await context.request.get(draftPath.replace('/can-bo/ho-so/', '/api/v1/dossiers/'));
    expect(r.status()).toBe(200);
    const json = (await r.json()) as { attachments: Array<{ fileName: string; mime: string; digitized: boolean }> };
    expect(json.attachments).toEqual([expect.objectContaining({ fileName: 'so-ho-khau-scan.png', mime: 'image/png', digitized: true })]);
    await expectNoViolations(page, 'staff dossier page (counter draft with a scan)');
  });

  it('receives it with the fee paid: a code, same-day due at 17 giờ 00, processing by the receiver', async () => {
    await performAction(page, 'Tiếp nhận', async (form) => {
      await form.getByLabel(/^Đã thu phí, lệ phí bằng tiền mặt \(10\.000.đ\)$/).check(); // 3 pages × 2 copies: (2.000 + 2.000 + 1.000) × 2
    });
    const m = /^\/can-bo\/ho-so\/([^/]+)$/.exec(new URL(page.url()).pathname);
    expect(m).not.toBeNull();
    code = decodeURIComponent(m![1]!);
    expect(code).toMatch(CODE_RE);
    await expectVisible(page.getByRole('status').filter({ hasText: 'Đã tiếp nhận hồ sơ.' }));
    await expectVisible(page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }));
    expect(await statusTag(page).textContent()).toBe('Đang xử lý'); // same-day workflow: straight to processing
    expect(await fact(page, 'Chuyên viên xử lý')).toBe('Nguyễn Thị Tiếp Nhận');
    expect(await fact(page, 'Hẹn trả kết quả')).toMatch(/^17 giờ 00, \d{2}\/\d{2}\/\d{4}$/);
    expect(await fact(page, 'Phí, lệ phí')).toMatch(/^[\d.]+ đ – đã nộp$/);
    await expectNoViolations(page, 'staff dossier page (received at the counter)');
    await screenshot(page, 'dossier-counter-received');
  });

  it('the receipt print view shows the code and the 17 giờ 00 phút due time', async () => {
    const link = page.getByRole('link', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', exact: true });
    await Promise.all([page.waitForURL((u) => u.pathname === `/ho-so/${code}/in/giay-tiep-nhan`), link.click()]);
    const text = squash(await page.locator('body').innerText());
    expect(text).toContain(code);
    expect(text).toContain(APPLICANT);
    expect(text).toMatch(/Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày \d{2}\/\d{2}\/\d{4}/);
    expect(text).toContain('đã nộp');
    await expectNoViolations(page, 'receipt print page (HTML, counter)');
  });

  let receiptPdf: Buffer;
  let receiptInfo = '';

  it('the receipt PDF is A5 portrait and shows the code and the 17 giờ 00 phút due time', async () => {
    const r = await context.request.get(`/ho-so/${code}/in/giay-tiep-nhan.pdf`);
    expect(r.status()).toBe(200);
    expect(r.headers()['content-type']).toContain('application/pdf');
    receiptPdf = await r.body();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await writeFile(path.join(SCREENSHOT_DIR, 'e2e-dossier-counter-receipt.pdf'), receiptPdf); // kept for inspection
    receiptInfo = await popplerOutput('pdfinfo', receiptPdf);
    const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(receiptInfo);
    expect(size, receiptInfo).not.toBeNull();
    // A5 portrait: 148 × 210 mm = 419.53 × 595.28 pt.
    expect(Number(size![1])).toBeCloseTo(419.53, 0);
    expect(Number(size![2])).toBeCloseTo(595.28, 0);
    const text = squash(await popplerOutput('pdftotext', receiptPdf));
    expect(text).toContain(code);
    expect(text).toMatch(/17 giờ 00 phút, ngày \d{2}\/\d{2}\/\d{4}/);
  });

  it('the receipt PDF of a one-paper certification fits on one A5 page', async () => {
    expect(receiptInfo, receiptInfo).toMatch(/^Pages:\s+1$/m);
  });

  it('the new applicant is now found by a search without diacritics and can be picked', async () => {
    await page.goto('/can-bo/tiep-nhan?tim=tran%20thi%20binh');
    const table = page.getByRole('table', { name: '1 người nộp phù hợp' });
    await expectVisible(table);
    const row = table.getByRole('row').filter({ hasText: APPLICANT });
    await expectVisible(row);
    expect(await row.textContent()).not.toContain(PHONE); // masked
    await expectNoViolations(page, 'intake page with a match');
    await Promise.all([page.waitForURL((u) => u.searchParams.has('nguoi-nop')), row.getByRole('link', { name: `Chọn ${APPLICANT}`, exact: true }).click()]);
    expect(await page.getByLabel('Họ và tên người nộp', { exact: true }).inputValue()).toBe(APPLICANT);
    expect(await page.getByLabel('Số điện thoại', { exact: true }).inputValue()).toBe(PHONE);
  });
});
