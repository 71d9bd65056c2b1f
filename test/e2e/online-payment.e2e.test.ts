import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectPhoneFitAndAxeClean, expectVisible, SCREENSHOT_DIR, performAction, popplerOutput, screenshot, signIn, tinyPdf, uploadDossierFile, useServerAndBrowser } from './browser.js';

/**
 * A resident pays a dossier's fee online on a phone (360 px): applies online, the counter receives the dossier with the
 * fee unpaid, the resident presses "Thanh toán trực tuyến", pays on the demo's fake VNPay page (which sends the signed
 * IPN to the server, then the browser back), sees "Đã thanh toán" and downloads the receipt: a PDF signed by the
 * commune. Every page of ours is axe-clean and fits 360 px.
 */

const openContext = useServerAndBrowser();
const PROCEDURE = '2.001019'; // Chứng thực di chúc: 50.000 đồng

const fits360 = expectPhoneFitAndAxeClean;

describe('a resident pays a fee online through the (fake) gateway', () => {
  let residentContext: BrowserContext;
  let receptionContext: BrowserContext;
  let resident: Page;
  let reception: Page;
  let code = '';

  beforeAll(async () => {
    residentContext = await openContext({ bypassCSP: true, viewport: { width: 360, height: 740 }, acceptDownloads: true });
    receptionContext = await openContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
    resident = await residentContext.newPage();
    reception = await receptionContext.newPage();
    await signIn(resident, 'congdan');
    await signIn(reception, 'tumy.tiepnhan');
  });
  afterAll(async () => {
    await residentContext?.close();
    await receptionContext?.close();
  });

  it('the resident applies online and the counter receives the dossier with the fee unpaid', async () => {
    await resident.goto(`/thu-tuc/${PROCEDURE}`);
    await Promise.all([resident.waitForURL(/\/ho-so-cua-toi\/nhap-\d+$/), resident.getByRole('button', { name: 'Nộp hồ sơ trực tuyến', exact: true }).click()]);
    await resident.getByLabel('Số định danh cá nhân (CCCD)', { exact: true }).fill('042090005678');
    await resident.getByLabel('Số điện thoại', { exact: true }).fill('0912345679');
    await resident.getByLabel('Địa chỉ', { exact: true }).fill('Thôn Tân Hòa, xã Tứ Mỹ, tỉnh Hà Tĩnh');
    await resident.getByLabel('Nội dung yêu cầu giải quyết', { exact: true }).fill('Chứng thực di chúc');
    await Promise.all([resident.waitForURL((u) => u.searchParams.get('da') === 'luu'), resident.getByRole('button', { name: 'Lưu thông tin', exact: true }).click()]);
    expect(await uploadDossierFile(resident, { name: 'di-chuc.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Di chuc') })).toBe(303);
    await performAction(resident, 'Nộp hồ sơ');
    code = decodeURIComponent(/^\/ho-so-cua-toi\/([^/]+)$/.exec(new URL(resident.url()).pathname)![1]!);
    expect(code).toMatch(/^H42\.18202-\d{6}-\d{4}$/);

    await reception.goto(`/can-bo/ho-so/${code}`);
    await performAction(reception, 'Tiếp nhận');
    await expectVisible(reception.getByRole('status').filter({ hasText: 'Đã tiếp nhận hồ sơ.' }));
    await expectVisible(reception.getByText('Trạng thái: Chưa nộp.', { exact: false }));
  });

  it('the resident pays at the gateway and sees "Đã thanh toán" and the signed receipt', async () => {
    await resident.goto(`/ho-so-cua-toi/${code}`);
    const fee = resident.locator('section[aria-labelledby="fee-title"]');
    await expectVisible(fee.getByText('Trạng thái: Chưa nộp.', { exact: false }));
    const pay = fee.getByRole('button', { name: 'Thanh toán trực tuyến 50.000 đ (thẻ, ví qua VNPay (giả lập))' });
    await expectVisible(pay);
    await fits360(resident, 'resident dossier page with the online payment button');
    await screenshot(resident, 'online-payment-pending-360');

    await Promise.all([resident.waitForURL((u) => u.pathname === '/gia-lap/vnpay/vpcpay.html'), pay.click()]);
    await expectVisible(resident.getByRole('heading', { level: 1, name: 'Thanh toán' }));
    await expectVisible(resident.getByText(`NOP PHI LE PHI HO SO ${code}`));
    await screenshot(resident, 'online-payment-gateway-360');
    await Promise.all([resident.waitForURL((u) => u.pathname === '/thanh-toan/vnpay/ket-qua'), resident.getByRole('button', { name: 'Thanh toán', exact: true }).click()]);

    await expectVisible(resident.getByRole('heading', { level: 1, name: 'Đã thanh toán' }));
    await expectVisible(resident.getByText(`Hồ sơ ${code}, số tiền 50.000`, { exact: false }));
    await fits360(resident, 'payment result page');
    await screenshot(resident, 'online-payment-paid-360');

    const receiptLink = resident.getByRole('link', { name: /^Tải biên lai điện tử AA-\d\dE, số \d{7} \(PDF có chữ ký số\)$/ });
    const href = await receiptLink.getAttribute('href');
    const pdf = await resident.context().request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const body = await pdf.body();
    writeFileSync(join(SCREENSHOT_DIR, 'e2e-online-payment-receipt.pdf'), body); // to look at (pdftoppm)
    const info = await popplerOutput('pdfinfo', body);
    expect(info).toMatch(/Page size:\s+419\.\d+ x 595\.\d+ pts/); // A5
    const text = (await popplerOutput('pdftotext', body)).replace(/\s+/g, ' ');
    expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(text).toContain(`Mã hồ sơ: ${code}`);
    expect(text).toContain('Hình thức thanh toán: Thanh toán trực tuyến');
    expect(text).toContain('Đã ký số');
    expect(body.toString('latin1')).toMatch(/\/ByteRange\s*\[/);

    // the signature as anyone checks it: the public verification page
    await resident.goto('/kiem-tra-chu-ky');
    await resident.getByLabel('Tệp PDF cần kiểm tra', { exact: true }).setInputFiles({ name: 'bien-lai.pdf', mimeType: 'application/pdf', buffer: body });
    await resident.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await expectVisible(resident.getByRole('heading', { level: 3, name: 'Chữ ký 1: hợp lệ' }), 15_000);
    await expectVisible(resident.getByText('Người ký: Ủy ban nhân dân xã Tứ Mỹ', { exact: false }));

    await resident.goto(`/ho-so-cua-toi/${code}`);
    await expectVisible(fee.getByText('Trạng thái: Đã thanh toán, thanh toán trực tuyến.', { exact: false }));
    expect(await fee.getByRole('button', { name: /^Thanh toán trực tuyến/ }).count()).toBe(0);
    await expectVisible(fee.getByRole('link', { name: /^Biên lai AA-\d\dE, số \d{7}$/ }));
    await fits360(resident, 'resident dossier page after paying');
  });
});
