import { describe, expect, it } from 'vitest';
import type {  } from 'playwright-core';
import { useServerAndBrowser } from './browser.js';


const openContext = useServerAndBrowser();

describe('keyboard', () => {
  it('on /dang-nhap the first Tab stop is the skip link, which is shown and moves focus to the main content', async () => {
    const context = await openContext();
    try {
      const page = await context.newPage();
      await page.goto('/dang-nhap');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const r = el?.getBoundingClientRect();
        return { tag: el?.tagName, text: el?.textContent?.trim(), href: el?.getAttribute('href'), left: r?.left ?? -1, width: r?.width ?? 0 };
      });
      expect(focused).toMatchObject({ tag: 'A', text: 'Bỏ qua, đến nội dung chính', href: '#main' });
      // When focused the link is moved on screen (it sits at left: -9999px otherwise).
      expect(focused.left).toBeGreaterThanOrEqual(0);
      expect(focused.width).toBeGreaterThan(0);

      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      // The next Tab goes into the content: the first field of the login form.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('username');
    } finally {
      await context.close();
    }
  });
});
