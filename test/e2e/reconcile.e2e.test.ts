import { describe, expect, it } from 'vitest';
import { expectPhoneFitAndAxeClean, expectVisible, receiveAtCounter, screenshot, useServerAndBrowser, useSignedInPhonePage } from './browser.js';

/**
 * The cashier reconciles the fee account's statement with VietQR transfers, on a phone (360 px): two dossiers received
 * with the fee unpaid show the VietQR note "HS <code>"; the bank's CSV export carries one transfer whose description
 * the bank rewrote around that note (matched on upload, receipt issued) and one whose payer typed no code (left for the
 * cashier, who matches it by hand to the second dossier). Both dossiers then say "Đã thanh toán".
 */

const openContext = useServerAndBrowser();
const PROCEDURE = '2.001019'; // Chứng thực di chúc: 50.000 đồng
const PAGE = '/can-bo/thu-phi/doi-soat';

describe('a cashier reconciles an imported bank statement with VietQR payments', () => {
  const phone = useSignedInPhonePage(openContext, 'tumy.tiepnhan');
  const codes: string[] = [];

  it('two dossiers are received with the fee unpaid; each shows its VietQR note', async () => {
    for (const name of ['Trần Thị Bình', 'Lê Văn Cường']) {
      const code = await receiveAtCounter(phone.page, PROCEDURE, name);
      expect(code).toMatch(/^H42\.18202-\d{6}-\d{4}$/);
      await expectVisible(phone.page.getByText(`HS ${code}`, { exact: true }));
      codes.push(code);
    }
  });

  it('the statement upload matches the transfer carrying the note and lists the other for the cashier', async () => {
    const [first] = codes as [string, string];
    // as a bank exports it: account details above the header, ";" separated, the note "HS <code>" rewritten by the bank
    const csv = [
      'SAO KE TAI KHOAN;;;;',
      'So tai khoan: 3700205000000;;;;',
      'Ngày GD;Số tham chiếu;Số tiền ghi nợ;Số tiền ghi có;Diễn giải',
      `27/11/2026 09:15;FT26331000111;;50.000;MBVCB.9911.HS ${first.replaceAll('.', ' ')}.CT tu 0912345678 TRAN THI BINH`,
      '27/11/2026 10:02;FT26331000222;;50.000;CHUYEN TIEN LE PHI',
      '27/11/2026 11:30;FT26331000333;120.000;;PHI QUAN LY TAI KHOAN',
    ].join('\r\n');
    await phone.page.goto(PAGE);
    await expectVisible(phone.page.getByRole('heading', { level: 2, name: 'Nhập sao kê tài khoản thu phí' }));
    await phone.page.getByLabel('Tệp sao kê (Excel .xlsx hoặc CSV)', { exact: true }).setInputFiles({ name: 'sao-ke-27-11.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`, 'utf8') });
    await Promise.all([phone.page.waitForLoadState('domcontentloaded'), phone.page.getByRole('button', { name: 'Nhập sao kê và đối soát', exact: true }).click()]);
    const summary = phone.page.locator('section[aria-labelledby="result-title"]');
    await expectVisible(summary);
    const fact = async (term: string) => (await summary.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').textContent())?.trim();
    expect(await fact('Giao dịch ghi có đã đọc')).toBe('2');
    expect(await fact('Đã khớp, đã lập biên lai')).toBe('1');
    expect(await fact('Chưa khớp, cần xử lý')).toBe('1');
    expect(await fact('Giao dịch ghi nợ (không đối soát)')).toBe('1');

    const matched = phone.page.locator('section[aria-labelledby="matched-title"]');
    const row = matched.getByRole('row').filter({ hasText: 'FT26331000111' });
    await expectVisible(row.getByRole('link', { name: first, exact: true }));
    await expectVisible(row.getByRole('link', { name: /^AA-\d\dE, số \d{7}$/ }));
    const waiting = phone.page.locator('section[aria-labelledby="unmatched-title"]');
    await expectVisible(waiting.getByRole('row').filter({ hasText: 'FT26331000222' }).filter({ hasText: 'CHUYEN TIEN LE PHI' }));
    await expectPhoneFitAndAxeClean(phone.page, 'reconciliation page after the upload');
    await screenshot(phone.page, 'reconcile-uploaded-360');

    await phone.page.goto(`/can-bo/ho-so/${first}`);
    await expectVisible(phone.page.getByText('Trạng thái: Đã thanh toán, chuyển khoản (VietQR).', { exact: false }));
  });

  it('the cashier matches the line without a code to the second dossier by hand; its receipt is issued', async () => {
    const second = codes[1]!;
    await phone.page.goto(PAGE);
    const row = phone.page.locator('section[aria-labelledby="unmatched-title"]').getByRole('row').filter({ hasText: 'FT26331000222' });
    await row.getByText('Khớp với hồ sơ', { exact: true }).click();
    await row.getByLabel('Mã hồ sơ', { exact: true }).fill(second);
    await Promise.all([phone.page.waitForURL((u) => u.searchParams.get('da') === 'khop'), row.getByRole('button', { name: 'Khớp và lập biên lai', exact: true }).click()]);
    await expectVisible(phone.page.locator('section[aria-labelledby="matched-title"]').getByRole('row').filter({ hasText: 'FT26331000222' }).getByRole('link', { name: second, exact: true }));
    expect(await phone.page.locator('section[aria-labelledby="unmatched-title"]').getByRole('row').filter({ hasText: 'FT26331000222' }).count()).toBe(0);
    await expectPhoneFitAndAxeClean(phone.page, 'reconciliation page after a match by hand');
    await screenshot(phone.page, 'reconcile-matched-360');

    await phone.page.goto(`/can-bo/ho-so/${second}`);
    await expectVisible(phone.page.getByText('Trạng thái: Đã thanh toán, chuyển khoản (VietQR).', { exact: false }));
    await expectVisible(phone.page.getByRole('link', { name: /^Biên lai AA-\d\dE, số \d{7}$/ }));
  });
});
