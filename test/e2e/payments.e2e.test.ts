import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectPhoneFitAndAxeClean, expectVisible, receiveAtCounter, screenshot, signIn, useServerAndBrowser } from './browser.js';

/**
 * Fee collection in a phone-sized browser (360 px): the pending fee's VietQR on the staff dossier page and on the
 * printed Giấy tiếp nhận, "Thu tiền mặt", the receipt page with a refused then accepted cancellation, the day's cash
 * book. Every page fits 360 px and is axe-clean.
 */

const openContext = useServerAndBrowser();
const PROCEDURE = '2.001019'; // Chứng thực di chúc: 50.000 đồng

const fits360 = expectPhoneFitAndAxeClean;

describe('fees at the counter, on a phone', () => {
  let context: BrowserContext;
  let page: Page;
  let dossierPath = '';

  beforeAll(async () => {
    context = await openContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    page = await context.newPage();
    await signIn(page, 'tumy.tiepnhan');
  });
  afterAll(async () => {
    await context?.close();
  });

  it('a received dossier with an unpaid fee shows the VietQR and the account as text', async () => {
    await receiveAtCounter(page, PROCEDURE, 'Trần Thị Bình');
    dossierPath = new URL(page.url()).pathname;
    const fee = page.locator('section[aria-labelledby="fee-title"]');
    await expectVisible(fee.getByRole('img', { name: /^Mã VietQR chuyển khoản 50\.000 đồng vào tài khoản 3700205000000, nội dung HS H42\.18202-/ }));
    await expectVisible(fee.getByText('Tài khoản mẫu của bản trình diễn (DEMO)', { exact: false }));
    await fits360(page, 'staff dossier page with a pending fee');
    await screenshot(page, 'fee-pending-360');

    await page.goto(`/ho-so/${dossierPath.split('/').pop()}/in/giay-tiep-nhan`);
    await expectVisible(page.getByRole('img', { name: /^Mã VietQR chuyển khoản 50\.000 đồng/ }));
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'Giấy tiếp nhận fits 360 px').toBeLessThanOrEqual(360);
  });

  it('"Thu tiền mặt" issues the receipt; the receipt page refuses a cancellation without a reason, then cancels it', async () => {
    await page.goto(dossierPath);
    await Promise.all([page.waitForURL((u) => u.searchParams.get('da') === 'thu-phi'), page.getByRole('button', { name: 'Thu tiền mặt 50.000 đ và lập biên lai' }).click()]);
    await expectVisible(page.getByRole('status').filter({ hasText: 'Đã thu phí, lệ phí và lập biên lai điện tử.' }));
    await fits360(page, 'staff dossier page after the cash payment');
    await page.getByRole('link', { name: /^Biên lai AA-\d\dE, số \d{7}$/ }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: /^Biên lai AA-\d\dE, số \d{7}$/ }));
    await fits360(page, 'receipt page');

    await page.getByRole('button', { name: 'Hủy biên lai', exact: true }).click();
    await expectVisible(page.locator('.error-summary').getByRole('link', { name: 'Nhập lý do hủy biên lai, từ 5 đến 500 ký tự.' }));
    await fits360(page, 'receipt page with the cancellation refused');
    await page.getByLabel('Lý do hủy', { exact: true }).fill('Ghi sai tên người nộp');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('da') === 'huy'), page.getByRole('button', { name: 'Hủy biên lai', exact: true }).click()]);
    await expectVisible(page.getByText('Lý do: Ghi sai tên người nộp', { exact: false }));
    await fits360(page, 'cancelled receipt page');
    await screenshot(page, 'fee-receipt-cancelled-360');
  });

  it('the day\'s cash book lists the cancelled receipt apart from the totals', async () => {
    await page.goto('/can-bo/thu-phi');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Sổ thu phí, lệ phí hằng ngày' }));
    await expectVisible(page.getByText('ĐÃ HỦY, không tính vào tổng: Ghi sai tên người nộp'));
    await fits360(page, 'cash book');
  });
});
