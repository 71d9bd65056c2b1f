import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, expectVisible, performAction, screenshot, signIn, useServerAndBrowser } from './browser.js';
import { startSmtpServer, type SmtpPeer } from '../notifications/peers.js';

/**
 * Notifications in the browser, against the real server and a real SMTP server started here: the resident's choice
 * of channels (without JavaScript too), the dossier page's "Thông báo đã gửi", and the unsubscribe link of the e-mail
 * the server's own delivery job sent. axe-core on each page, at 360 px.
 */

let smtp: SmtpPeer;
const contexts: BrowserContext[] = [];
// registered before the server starts (hooks run in order): the server reads these at start-up
beforeAll(async () => {
  smtp = await startSmtpServer();
  Object.assign(process.env, { XASO_SMTP_URL: smtp.url, XASO_SMTP_FROM: 'UBND xã Tứ Mỹ <thongbao@tumy.example.vn>', XASO_JOB_INTERVAL_SECONDS: '1' });
});
const openContext = useServerAndBrowser();
afterAll(async () => {
  for (const c of contexts) await c.close();
  await smtp?.close();
});

const PHONE_WIDTH = { width: 360, height: 740 };
const fits360 = async (page: Page, label: string) => expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label} fits 360 px`).toBeLessThanOrEqual(360);
/** A page in a fresh context (own cookies) at phone width; axe needs the page's CSP bypassed. */
const open = async (opts = {}) => {
  const c = await openContext({ bypassCSP: true, viewport: PHONE_WIDTH, ...opts });
  contexts.push(c);
  return c.newPage();
};

describe('notifications in the browser', () => {
  let resident: Page;
  let reception: Page;

  it('the resident chooses channels on /tai-khoan/thong-bao; the form works without JavaScript', async () => {
    resident = await open();
    await signIn(resident, 'congdan');
    expect((await resident.goto('/tai-khoan/thong-bao'))?.status()).toBe(200);
    const group = resident.getByRole('group', { name: 'Nhận thông báo qua' });
    await expectVisible(group);
    expect(await group.getByRole('checkbox', { name: 'E-mail', exact: true }).isChecked()).toBe(true);
    expect(await group.getByRole('checkbox', { name: 'Tin nhắn SMS', exact: true }).isChecked()).toBe(true);
    await expectNoAxeViolations(resident, '/tai-khoan/thong-bao');
    await fits360(resident, '/tai-khoan/thong-bao');
    await screenshot(resident, 'notifications-preferences-360');

    const noScript = await open({ javaScriptEnabled: false, bypassCSP: false });
    await signIn(noScript, 'congdan');
    await noScript.goto('/tai-khoan/thong-bao');
    await noScript.getByRole('checkbox', { name: 'Tin nhắn SMS', exact: true }).uncheck();
    await Promise.all([noScript.waitForURL((u) => u.searchParams.get('da') === 'luu'), noScript.getByRole('button', { name: 'Lưu lựa chọn', exact: true }).click()]);
    await expectVisible(noScript.getByRole('status').filter({ hasText: 'Đã lưu lựa chọn nhận thông báo của bạn.' }));
    expect(await noScript.getByRole('checkbox', { name: 'Tin nhắn SMS', exact: true }).isChecked()).toBe(false);
    expect(await noScript.getByRole('checkbox', { name: 'E-mail', exact: true }).isChecked()).toBe(true);
  });

  it('an online dossier received at the counter: the e-mail goes out and both dossier pages list it', async () => {
    expect((await resident.goto('/thu-tuc/1.004873'))?.status()).toBe(200);
    await Promise.all([resident.waitForURL(/\/ho-so-cua-toi\/nhap-\d+$/), resident.getByRole('button', { name: 'Nộp hồ sơ trực tuyến', exact: true }).click()]);
    await resident.getByLabel('Số điện thoại', { exact: true }).fill('0912345678');
    await resident.getByLabel('E-mail (không bắt buộc)', { exact: true }).fill('an.nguyen@example.vn');
    await Promise.all([resident.waitForURL((u) => u.searchParams.get('da') === 'luu'), resident.getByRole('button', { name: 'Lưu thông tin', exact: true }).click()]);
    await performAction(resident, 'Nộp hồ sơ');
    const code = decodeURIComponent(/^\/ho-so-cua-toi\/([^/]+)$/.exec(new URL(resident.url()).pathname)![1]!);

    reception = await open();
    await signIn(reception, 'tumy.tiepnhan');
    await reception.goto(`/can-bo/ho-so/${code}`);
    await performAction(reception, 'Tiếp nhận');
    // the server's own job (every second here) hands it to the SMTP server
    await expect.poll(() => smtp.mails.length, { timeout: 15_000 }).toBe(1);
    const mail = smtp.mails[0]!.mail;
    expect(mail.subject).toBe(`Đã tiếp nhận hồ sơ ${code}`);
    expect(smtp.mails[0]!.envelopeTo).toEqual(['an.nguyen@example.vn']);

    await reception.reload();
    const list = reception.getByRole('region', { name: 'Thông báo đã gửi' });
    await expectVisible(list.getByRole('cell', { name: 'E-mail: a***@example.vn' }));
    await expectVisible(list.getByText('đã gửi', { exact: true }));
    await expectNoAxeViolations(reception, 'staff dossier page with its notifications');
    await fits360(reception, 'staff dossier page');
    await reception.getByRole('region', { name: 'Thông báo đã gửi' }).screenshot({ path: await screenshot(reception, 'notifications-staff-dossier-360') });

    await resident.goto(`/ho-so-cua-toi/${code}`);
    await expectVisible(resident.getByRole('region', { name: 'Thông báo đã gửi' }).getByRole('cell', { name: 'E-mail: a***@example.vn' }));
    await expectNoAxeViolations(resident, 'resident dossier page with its notifications');
    await fits360(resident, 'resident dossier page');
  });

  it("the e-mail's unsubscribe link asks first, then confirms in Vietnamese; the account page shows e-mail off", async () => {
    const link = /Ngừng nhận tại:\n(\S+)/.exec(smtp.mails[0]!.mail.text!)![1]!;
    const visitor = await open();
    expect((await visitor.goto(new URL(link).pathname))?.status()).toBe(200);
    await expectVisible(visitor.getByRole('heading', { level: 1, name: 'Ngừng nhận thông báo qua e-mail' }));
    await expectNoAxeViolations(visitor, 'unsubscribe question');
    await fits360(visitor, 'unsubscribe question');
    await Promise.all([visitor.waitForLoadState('domcontentloaded'), visitor.getByRole('button', { name: 'Ngừng nhận e-mail thông báo', exact: true }).click()]);
    await expectVisible(visitor.getByRole('heading', { level: 1, name: 'Đã ngừng gửi thông báo qua e-mail' }));
    await expectNoAxeViolations(visitor, 'unsubscribed');

    await resident.goto('/tai-khoan/thong-bao');
    expect(await resident.getByRole('checkbox', { name: 'E-mail', exact: true }).isChecked()).toBe(false);
    await expectVisible(resident.getByText(/^Bạn đã ngừng nhận e-mail bằng liên kết trong thư lúc/));
    await expectNoAxeViolations(resident, '/tai-khoan/thong-bao after unsubscribing');
  });
});
