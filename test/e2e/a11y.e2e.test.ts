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

/** The website's pages that the sitemap does not list: search, lookup, forms, the path fallback, the 404 page. */
const PUBLIC_PAGES_BESIDES_SITEMAP = [
  '/tim-kiem', '/tim-kiem?q=tiem chung', '/tra-cuu', '/tra-cuu?ma=H42.18202-260101-9999', '/minh-bach', '/kiem-tra-chu-ky',
  '/dang-nhap', '/dang-ky', '/thu-tuc', '/ban-do', '/xa/18073/', '/xa/18073/gioi-thieu', '/khong-co-trang-nay',
];

/** Pages that answer 404 on purpose: an unknown address, a dossier code that does not exist. */
const NOT_FOUND = new Set(['/khong-co-trang-nay', '/tra-cuu?ma=H42.18202-260101-9999']);

describe('every public page of the website', () => {
  it('is axe-clean and fits a 360 px phone, and reads the same with JavaScript off', async () => {
    const context = await openContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    const noScript = await openContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      const plain = await noScript.newPage();
      const sitemap = await (await page.request.get('/sitemap.xml')).text();
      const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
      // every website page of the sitemap; of the procedures (one template), the first three
      const procedures = listed.filter((p) => p.startsWith('/thu-tuc/'));
      const paths = [...listed.filter((p) => !p.startsWith('/thu-tuc/')), ...procedures.slice(0, 3), ...PUBLIC_PAGES_BESIDES_SITEMAP];
      expect(listed.filter((p) => p.startsWith('/tin-tuc/')).length).toBeGreaterThan(3);
      expect(listed.filter((p) => p.startsWith('/gioi-thieu/')).length).toBe(8);
      for (const path of paths) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(NOT_FOUND.has(path) ? 404 : 200);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} fits 360 px`).toBeLessThanOrEqual(360);
        await expectNoAxeViolations(page, `${path} at 360 px`);
        const heading = (await page.locator('main h1').first().textContent())?.trim();
        await plain.goto(path);
        expect((await plain.locator('main h1').first().textContent())?.trim(), `${path} without JavaScript`).toBe(heading);
        expect((await plain.locator('main').innerText()).length, `${path} without JavaScript`).toBeGreaterThan(40);
      }
    } finally {
      await context.close();
      await noScript.close();
    }
  }, 240_000);
});
