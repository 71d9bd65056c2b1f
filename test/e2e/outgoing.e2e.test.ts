import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { currentPath, expectNoAxeViolations, expectVisible, screenshot, signIn, useServerAndBrowser } from './browser.js';

/**
 * An outgoing letter (công văn) from draft to signature, in the browser: the clerk (văn thư) drafts and submits it,
 * the leader approves it, which signs it (the server runs with --seed-demo, so TEST keys exist) and gives it
 * number 01/UBND-VP; then the outgoing register is checked with axe-core, at 360 px and as printed.
 */

const openContext = useServerAndBrowser();
/** The pages send CSP script-src 'self', which blocks injecting axe-core; bypass it in these contexts only. */
const axeContext = () => openContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });

const SUMMARY = 'Đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa thôn Đông';
const NUMBER = '01/UBND-VP';

/** Presses a button that posts a form and waits for the POST-redirect-GET to land (fails with the page's alert otherwise). */
async function submitWith(page: Page, button: string): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  if (response.status() !== 303) {
    const alert = await page.getByRole('alert').allInnerTexts().catch(() => []);
    throw new Error(`"${button}" answered ${response.status()} on ${page.url()}: ${alert.join(' | ')}`);
  }
  await page.waitForURL((u) => u.searchParams.has('da'));
}

/** How far the page scrolls sideways beyond the viewport, with the elements sticking out. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const over = document.documentElement.scrollWidth - width;
    const sticking = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !el.closest('.table-wrap'))
      .slice(0, 6)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).replace(/\s+/g, '.')}`);
    return { over, sticking };
  });

describe('outgoing letter: draft, submit, approve and sign; the register', () => {
  const contexts: BrowserContext[] = [];
  let docPath = '';
  const open = async (): Promise<Page> => {
    const context = await axeContext();
    contexts.push(context);
    return context.newPage();
  };
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  it('the clerk drafts a letter and submits it for approval', async () => {
    const page = await open();
    await page.goto('/can-bo/van-ban-di');
    await signIn(page, 'tumy.vanthu');
    expect(currentPath(page)).toBe('/can-bo/van-ban-di');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Văn bản đi' }));
    await expectNoAxeViolations(page, 'outgoing list (clerk)');

    await page.getByRole('link', { name: 'Soạn văn bản mới', exact: true }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Soạn văn bản đi' }));
    await expectNoAxeViolations(page, 'new draft form');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
      page.getByRole('button', { name: 'Lưu bản nháp', exact: true }).click(),
    ]);
    await page.waitForLoadState('domcontentloaded');
    expect(refused.status()).toBe(400);
    await expectVisible(page.getByRole('heading', { name: 'Có lỗi cần sửa' }));
    await expectVisible(page.locator('#kind-error').filter({ hasText: 'Chọn loại văn bản.' }));
    await expectNoAxeViolations(page, 'new draft form with errors');
    await page.getByRole('radio', { name: 'Công văn', exact: true }).check();
    await page.getByLabel('Trích yếu nội dung', { exact: true }).fill(SUMMARY);
    await page.getByLabel('Kính gửi (chỉ dùng cho công văn)', { exact: true }).fill('Ủy ban nhân dân tỉnh Hà Tĩnh\nSở Tài chính tỉnh Hà Tĩnh');
    await page.getByLabel('Nội dung', { exact: true }).fill('Nhà văn hóa thôn Đông xuống cấp sau mùa mưa bão.\nỦy ban nhân dân xã đề nghị hỗ trợ kinh phí sửa chữa.');
    await page.getByLabel('Nơi nhận', { exact: true }).fill('Như trên\nThường trực Đảng ủy xã');
    await submitWith(page, 'Lưu bản nháp');
    await expectVisible(page.getByRole('status').filter({ hasText: 'Đã lưu bản nháp.' }));
    docPath = new URL(page.url()).pathname;
    expect(docPath).toMatch(/^\/can-bo\/van-ban-di\/\d+$/);
    await expectNoAxeViolations(page, 'draft page');

    await submitWith(page, 'Trình ký');
    await expectVisible(page.getByRole('status').filter({ hasText: 'Đã trình lãnh đạo duyệt và ký số.' }));
    await expectVisible(page.getByText('Văn bản đang chờ lãnh đạo duyệt và ký số.'));
  });

  it('the leader approves it, which signs it with number 01/UBND-VP', async () => {
    const page = await open();
    await page.goto(docPath);
    await signIn(page, 'tumy.lanhdao');
    expect(currentPath(page)).toBe(docPath);
    await expectVisible(page.getByRole('button', { name: 'Duyệt và ký số', exact: true }));
    await expectNoAxeViolations(page, 'document awaiting approval (leader)');
    await submitWith(page, 'Duyệt và ký số');
    expect(currentPath(page)).toBe(`${docPath}?da=da-ky`);
    await expectVisible(page.getByRole('heading', { level: 1, name: `Công văn số ${NUMBER}` }));
    await expectVisible(page.getByRole('status').filter({ hasText: `Đã duyệt và ký số văn bản số ${NUMBER}` }));
    await expectVisible(page.getByRole('link', { name: 'Tải văn bản đã ký số (PDF)' }));
    await expectNoAxeViolations(page, 'signed document (leader)');
    await screenshot(page, 'outgoing-document-1280');

    const pdf = await page.context().request.get(`${docPath}.pdf`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('the register lists it, is axe-clean, fits 360 px and prints on A4 landscape without the navigation', async () => {
    const page = await open();
    await page.goto('/can-bo/so-van-ban-di');
    await signIn(page, 'tumy.vanthu');
    expect(currentPath(page)).toBe('/can-bo/so-van-ban-di');
    const table = page.getByRole('table', { name: /^Sổ đăng ký văn bản đi năm \d{4}: 1 văn bản$/ });
    await expectVisible(table);
    expect(await table.locator('thead th').allInnerTexts()).toHaveLength(10);
    const row = table.locator('tbody tr').first();
    expect(await row.locator('td').first().innerText()).toBe(NUMBER);
    expect(await row.locator('td').nth(2).innerText()).toBe(`Công văn: ${SUMMARY}`);
    await expectVisible(page.getByRole('button', { name: 'In sổ', exact: true })); // shown by the script
    await expectNoAxeViolations(page, 'outgoing register (1280 px)');
    await screenshot(page, 'outgoing-register-1280');

    await page.setViewportSize({ width: 360, height: 780 });
    const { over, sticking } = await sideways(page);
    await screenshot(page, 'outgoing-register-360');
    expect(over, `the register page scrolls sideways at 360 px: ${sticking.join(', ')}`).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, 'outgoing register (360 px)');

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.main-nav').isVisible()).toBe(false);
    expect(await page.locator('form[action="/can-bo/so-van-ban-di"]').isVisible()).toBe(false);
    const printed = (await page.pdf({ preferCSSPageSize: true, printBackground: false })).toString('latin1');
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(printed);
    expect(box, 'no page size in the printed PDF').not.toBeNull();
    expect(Number(box![1])).toBeGreaterThan(Number(box![2])); // landscape
    expect(Math.round(Number(box![1]))).toBe(842); // A4: 297 mm
    await page.emulateMedia({ media: 'screen' });
  });
});
