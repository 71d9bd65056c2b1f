import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { expectVisible, useServerAndBrowser } from './browser.js';


const openContext = useServerAndBrowser();

async function withPage(opts: BrowserContextOptions, fn: (page: Page) => Promise<void>) {
  const context = await openContext(opts);
  try {
    await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Types the query into the catalogue's search field and submits the GET form with the button. */
async function search(page: Page, text: string) {
  await page.goto('/thu-tuc');
  await page.getByLabel('Tìm theo tên hoặc mã thủ tục').fill(text);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/thu-tuc' && u.searchParams.get('q') === text),
    page.getByRole('button', { name: 'Tìm kiếm', exact: true }).click(),
  ]);
}

const resultLinks = (page: Page) => page.locator('ul.results > li > a');

describe('procedure catalogue search', () => {
  it('finds "Đăng ký khai sinh" from "dang ky khai sinh" (no diacritics) and opens its page', async () => {
    await withPage({}, async (page) => {
      await search(page, 'dang ky khai sinh');
      await expectVisible(page.getByRole('status').filter({ hasText: /^Tìm thấy \d+ thủ tục cho “dang ky khai sinh”\.$/ }));
      const link = page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true });
      await expectVisible(link);
      expect(await link.getAttribute('href')).toBe('/thu-tuc/1.001193');
      // The exact name ranks first.
      expect((await resultLinks(page).first().textContent())?.trim()).toBe('Đăng ký khai sinh');
      // Every result is about khai sinh.
      for (const name of await resultLinks(page).allTextContents()) expect(name).toMatch(/khai sinh/i);
      // The field keeps what was typed.
      expect(await page.getByLabel('Tìm theo tên hoặc mã thủ tục').inputValue()).toBe('dang ky khai sinh');

      await Promise.all([page.waitForURL('**/thu-tuc/1.001193'), link.click()]);
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh', exact: true }));
      await expectVisible(page.locator('dl.facts dd').filter({ hasText: /^1\.001193$/ }));
    });
  });

  it('finds the "Chứng thực …" procedures from "chung thuc"', async () => {
    await withPage({}, async (page) => {
      await search(page, 'chung thuc');
      const chungThuc = page.getByRole('link', { name: /^Chứng thực/ });
      await expectVisible(chungThuc);
      expect(await chungThuc.count()).toBeGreaterThanOrEqual(3);
      await expectVisible(page.getByRole('link', { name: /^Chứng thực bản sao từ bản chính/ }));
      expect(await page.getByRole('link', { name: /^Chứng thực bản sao từ bản chính/ }).getAttribute('href')).toMatch(/^\/thu-tuc\/\d\.\d{6}$/);
    });
  });

  it('shows a "nothing found" message for a query that matches nothing', async () => {
    await withPage({}, async (page) => {
      await search(page, 'zzqx khong co thu tuc nay');
      await expectVisible(page.getByRole('status').filter({ hasText: 'Không tìm thấy thủ tục nào' }));
      expect(await resultLinks(page).count()).toBe(0);
    });
  });

  it('works with JavaScript disabled (plain GET form)', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await search(page, 'chung thuc');
      await expectVisible(page.getByRole('link', { name: /^Chứng thực bản sao từ bản chính/ }));
      await page.getByLabel('Tìm theo tên hoặc mã thủ tục').fill('dang ky khai sinh');
      await Promise.all([page.waitForURL((u) => u.searchParams.get('q') === 'dang ky khai sinh'), page.getByLabel('Tìm theo tên hoặc mã thủ tục').press('Enter')]);
      await expectVisible(page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true }));
      // Prove scripts really were off in this context.
      await page.setContent('<p id="x">off</p><script>document.getElementById("x").textContent = "on"</script>');
      expect(await page.locator('#x').textContent()).toBe('off');
    });
  });
});
