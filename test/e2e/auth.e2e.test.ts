import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { accessibilityOf, currentPath, expectVisible, signIn, useServerAndBrowser } from './browser.js';

let context: BrowserContext;
let page: Page;

const openContext = useServerAndBrowser();
beforeEach(async () => {
  context = await openContext();
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
});

describe('sign-in and sign-out', () => {
  it('signs in as tumy.quantri, shows the name in the header, then signs out', async () => {
    // Anonymous: the staff page sends us to the login form, remembering where we wanted to go.
    await page.goto('/quan-tri/lich');
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    expect(new URL(page.url()).searchParams.get('tiep')).toBe('/quan-tri/lich');
    const header = page.locator('header.site-header');
    await expectVisible(header.getByRole('link', { name: 'Đăng nhập', exact: true }));

    await signIn(page, 'tumy.quantri');
    // Redirected back to the page asked for.
    expect(new URL(page.url()).pathname).toBe('/quan-tri/lich');
    await expectVisible(page.getByRole('heading', { level: 1, name: /^Lịch làm việc năm \d{4}/ }));
    await expectVisible(header.getByRole('link', { name: 'Lê Văn Quản Trị', exact: true }));
    await expectVisible(header.getByRole('button', { name: 'Đăng xuất', exact: true }));
    expect(await header.getByRole('link', { name: 'Đăng nhập', exact: true }).count()).toBe(0);
    // Staff navigation appears once signed in.
    await expectVisible(page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Lịch làm việc' }));

    await Promise.all([page.waitForURL('**/dang-nhap?da-dang-xuat=1'), header.getByRole('button', { name: 'Đăng xuất', exact: true }).click()]);
    expect(currentPath(page)).toBe('/dang-nhap?da-dang-xuat=1');
    await expectVisible(page.getByRole('status').filter({ hasText: 'Bạn đã đăng xuất.' }));
    expect(await header.getByText('Lê Văn Quản Trị').count()).toBe(0);
    expect(await header.getByRole('button', { name: 'Đăng xuất' }).count()).toBe(0);

    // The session is really gone: the staff page redirects to the login form again.
    await page.goto('/quan-tri/lich');
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    expect(new URL(page.url()).searchParams.get('tiep')).toBe('/quan-tri/lich');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Đăng nhập' }));
  });

  it('rejects a wrong password with a message and an error summary, staying on the login page', async () => {
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('tumy.quantri');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau-2026');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/dang-nhap'),
      page.getByRole('button', { name: 'Đăng nhập', exact: true }).click(),
    ]);
    await page.waitForLoadState('domcontentloaded');
    expect(response.status()).toBe(401);
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');

    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Có lỗi cần sửa' }) });
    await expectVisible(summary);
    const summaryLink = summary.getByRole('link', { name: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
    await expectVisible(summaryLink);
    expect(await summaryLink.getAttribute('href')).toBe('#password');

    // The message is also shown at the password field and tied to it.
    const password = page.getByLabel('Mật khẩu', { exact: true });
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(/\s+/)).toContain('password-error');
    expect((await page.locator('#password-error').textContent())?.trim()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    // …which is what a screen reader announces on the field.
    const ax = await accessibilityOf(page, '#password');
    expect(ax).toMatchObject({ name: 'Mật khẩu', invalid: true });
    expect(ax.description).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');

    // The username is kept, the password is not echoed back; still signed out.
    expect(await page.getByLabel('Tên đăng nhập', { exact: true }).inputValue()).toBe('tumy.quantri');
    expect(await password.inputValue()).toBe('');
    expect(await page.locator('header').getByRole('button', { name: 'Đăng xuất' }).count()).toBe(0);

    // Following the summary link keeps us on the login page, at the field in error.
    await summaryLink.click();
    expect(currentPath(page)).toBe('/dang-nhap');
    expect(new URL(page.url()).hash).toBe('#password');
    await page.keyboard.press('Tab');
    // Sequential focus starts from the fragment target: the next Tab stop is after the password input.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Đăng nhập');
  });
});
