import { describe, expect, it } from 'vitest';
import { expectPhoneFitAndAxeClean, expectVisible, receiveAtCounter, screenshot, useServerAndBrowser, useSignedInPhonePage } from './browser.js';

/**
 * Fee collection in a phone-sized browser (360 px): the pending fee's VietQR on the staff dossier page and on the
 * printed Giấy tiếp nhận, "Thu tiền mặt", the receipt page with a refused then accepted cancellation, the day's cash
 * book. Every page fits 360 px and is axe-clean.
 */

const openContext = useServerAndBrowser();
const PROCEDURE = '2.001019'; // Chứng thực di chúc: 50.000 đồng

const fits360 = expectPhoneFitAndAxeClean;

describe('fees at the counter, on a phone', () => {
  const phone = useSignedInPhonePage(openContext, 'tumy.tiepnhan');
  let dossierPath = '';

  it('a received dossier with an unpaid fee shows the VietQR and the account as text', async () => {
    await receiveAtCounter(phone.page, PROCEDURE, 'Trần Thị Bình');
    dossierPath = new URL(phone.page.url()).pathname;
    const fee = phone.page.locator('section[aria-labelledby="fee-title"]');
    await expectVisible(fee.getByRole('img', { name: /^Mã VietQR chuyển khoản 50\.000 đồng vào tài khoản 3700205000000, nội dung HS H42\.18202-/ }));
    await expectVisible(fee.getByText('Tài khoản mẫu của bản trình diễn (DEMO)', { exact: false }));
    await fits360(phone.page, 'staff dossier page with a pending fee');
    await screenshot(phone.page, 'fee-pending-360');

    await phone.page.goto(`/ho-so/${dossierPath.split('/').pop()}/in/giay-tiep-nhan`);
    await expectVisible(phone.page.getByRole('img', { name: /^Mã VietQR chuyển khoản 50\.000 đồng/ }));
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth), 'Giấy tiếp nhận fits 360 px').toBeLessThanOrEqual(360);
  });

  it('"Thu tiền mặt" issues the receipt; the receipt page refuses a cancellation without a reason, then cancels it', async () => {
    await phone.page.goto(dossierPath);
    await Promise.all([phone.page.waitForURL((u) => u.searchParams.get('da') === 'thu-phi'), phone.page.getByRole('button', { name: 'Thu tiền mặt 50.000 đ và lập biên lai' }).click()]);
    await expectVisible(phone.page.getByRole('status').filter({ hasText: 'Đã thu phí, lệ phí và lập biên lai điện tử.' }));
    await fits360(phone.page, 'staff dossier page after the cash payment');
    await phone.page.getByRole('link', { name: /^Biên lai AA-\d\dE, số \d{7}$/ }).click();
    await expectVisible(phone.page.getByRole('heading', { level: 1, name: /^Biên lai AA-\d\dE, số \d{7}$/ }));
    await fits360(phone.page, 'receipt page');

    await phone.page.getByRole('button', { name: 'Hủy biên lai', exact: true }).click();
    await expectVisible(phone.page.locator('.error-summary').getByRole('link', { name: 'Nhập lý do hủy biên lai, từ 5 đến 500 ký tự.' }));
    await fits360(phone.page, 'receipt page with the cancellation refused');
    await phone.page.getByLabel('Lý do hủy', { exact: true }).fill('Ghi sai tên người nộp');
    await Promise.all([phone.page.waitForURL((u) => u.searchParams.get('da') === 'huy'), phone.page.getByRole('button', { name: 'Hủy biên lai', exact: true }).click()]);
    await expectVisible(phone.page.getByText('Lý do: Ghi sai tên người nộp', { exact: false }));
    await fits360(phone.page, 'cancelled receipt page');
    await screenshot(phone.page, 'fee-receipt-cancelled-360');
  });

  it('the day\'s cash book lists the cancelled receipt apart from the totals', async () => {
    await phone.page.goto('/can-bo/thu-phi');
    await expectVisible(phone.page.getByRole('heading', { level: 1, name: 'Sổ thu phí, lệ phí hằng ngày' }));
    await expectVisible(phone.page.getByText('ĐÃ HỦY, không tính vào tổng: Ghi sai tên người nộp'));
    await fits360(phone.page, 'cash book');
  });
});
