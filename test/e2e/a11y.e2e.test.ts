import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, expectVisible, signIn, useServerAndBrowser } from './browser.js';


const openContext = useServerAndBrowser();

/** The pages send CSP script-src 'self', which blocks injecting axe-core; bypass it in these contexts only. */
const axeContext = () => openContext({ bypassCSP: true });

const expectNoViolations = expectNoAxeViolations;

describe('axe-core (WCAG 2.1 A/AA + best practices), signed out', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await axeContext();
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  for (const path of ['/', '/dang-nhap', '/thu-tuc?q=chung+thuc', '/thu-tuc/1.001193']) {
    it(`${path} has no violations`, async () => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expectNoViolations(page, path);
    });
  }

  it('/dang-nhap showing the wrong-password error has no violations', async () => {
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('tumy.quantri');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('khong-dung-2026');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()]);
    await page.waitForLoadState('domcontentloaded');
    await expectVisible(page.getByRole('link', { name: 'Tên đăng nhập hoặc mật khẩu không đúng.' }));
    await expectNoViolations(page, '/dang-nhap (wrong password)');
  });
});

describe('axe-core, signed in as tumy.quantri', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await axeContext();
    page = await context.newPage();
    await signIn(page, 'tumy.quantri');
  });
  afterAll(async () => {
    await context?.close();
  });

  it('/quan-tri/lich has no violations', async () => {
    const response = await page.goto('/quan-tri/lich');
    expect(response?.status()).toBe(200);
    await expectVisible(page.getByRole('heading', { level: 1, name: /^Lịch làm việc năm/ }));
    await expectNoViolations(page, '/quan-tri/lich');
  });

  it('/quan-tri/lich showing a validation error has no violations', async () => {
    await page.goto('/quan-tri/lich');
    const date = page.getByRole('group', { name: 'Ngày', exact: true });
    await date.getByLabel('Ngày', { exact: true }).fill('31');
    await date.getByLabel('Tháng', { exact: true }).fill('2');
    await page.getByLabel('Tên hoặc lý do').fill('');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Thêm vào lịch', exact: true }).click(),
    ]);
    await page.waitForLoadState('domcontentloaded');
    await expectVisible(page.getByRole('link', { name: 'Nhập ngày hợp lệ, ví dụ 24 11 2026.' }));
    await expectVisible(page.getByRole('link', { name: 'Nhập tên hoặc lý do.' }));
    await expectNoViolations(page, '/quan-tri/lich (validation error)');
  });
});
