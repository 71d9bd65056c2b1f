import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, screenshot, SCREENSHOT_DIR, signIn, useServerAndBrowser } from './browser.js';
import path from 'node:path';

/**
 * The statistics pages in Chromium over a year of generated demo dossiers: axe-clean at 1280 px and 360 px, no
 * horizontal page scroll on a phone (wide tables scroll inside their own region), and charts whose labels do not
 * collide. Screenshots of the pages and of each chart are saved under .tmp/ to look at.
 */
const YEAR = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
const openContext = useServerAndBrowser({ dossiers: { count: 300, year: YEAR } });

const STAFF_PAGES = [
  ['/bao-cao?ky=nam-nay', 'bao-cao'],
  ['/bao-cao/chi-so-766?ky=nam-nay', 'chi-so-766'],
  ['/bao-cao/chuyen-doi-so?ky=nam-nay', 'chuyen-doi-so'],
  ['/bao-cao/ho-so?chi-so=resolvedLate&ky=nam-nay', 'bao-cao-ho-so'],
  ['/bao-cao?ky=hom-qua&tu=31/02/2026', 'bao-cao-loi'],
] as const;

/** Pairs of texts of a chart whose boxes overlap (labels drawn on top of each other). */
const collidingTexts = (page: Page, index: number) =>
  page.locator('svg.chart').nth(index).evaluate((svg) => {
    const boxes = Array.from(svg.querySelectorAll('text')).map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }));
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!.r, boxes[j]!.r];
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) out.push(`"${boxes[i]!.text}" × "${boxes[j]!.text}"`);
      }
    }
    const { right } = svg.getBoundingClientRect();
    for (const b of boxes) if (b.r.right > right + 0.5 || b.r.left < svg.getBoundingClientRect().left - 0.5) out.push(`"${b.text}" outside the chart`);
    return out;
  });

async function checkCharts(page: Page, name: string) {
  const charts = page.locator('svg.chart');
  const n = await charts.count();
  for (let i = 0; i < n; i++) {
    const chart = charts.nth(i);
    expect(await chart.getAttribute('role')).toBe('img');
    const labelledBy = (await chart.getAttribute('aria-labelledby'))!.split(' ');
    for (const id of labelledBy) expect((await page.locator(`#${id}`).textContent())!.length, id).toBeGreaterThan(10);
    await chart.screenshot({ path: path.join(SCREENSHOT_DIR, `e2e-chart-${name}-${i}.png`) });
    expect(await collidingTexts(page, i), `${name} chart ${i}`).toEqual([]);
  }
  return n;
}

for (const width of [1280, 360] as const) {
  describe(`statistics pages at ${width} px`, () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      const phone = width === 360 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 1 } : {};
      context = await openContext({ bypassCSP: true, viewport: { width, height: width === 360 ? 740 : 900 }, ...phone });
      page = await context.newPage();
    });
    afterAll(async () => {
      await context?.close();
    });

    const noHorizontalScroll = async (label: string) => {
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `${label}: the page scrolls sideways (${scrollWidth} px)`).toBeLessThanOrEqual(width);
    };

    it('the public transparency page', async () => {
      const response = await page.goto('/minh-bach');
      expect(response?.status()).toBe(200);
      await expectNoAxeViolations(page, `/minh-bach at ${width}`);
      await noHorizontalScroll('/minh-bach');
      await screenshot(page, `minh-bach-${width}`);
      expect(await checkCharts(page, `minh-bach-${width}`)).toBe(1);
      expect(Number((await page.locator('.figure').first().textContent())!.replace(/\./g, ''))).toBeGreaterThan(0);
    });

    it('the staff pages', async () => {
      await page.goto('/dang-nhap');
      await signIn(page, 'tumy.lanhdao');
      for (const [url, name] of STAFF_PAGES) {
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(name === 'bao-cao-loi' ? 400 : 200);
        await expectNoAxeViolations(page, `${url} at ${width}`);
        await noHorizontalScroll(url);
        await screenshot(page, `${name}-${width}`);
        if (name === 'bao-cao') expect(await checkCharts(page, `bao-cao-${width}`)).toBe(2);
      }
      // the report's tables scroll inside their own focusable region, not the page
      await page.goto('/bao-cao?ky=nam-nay');
      const region = page.getByRole('region', { name: 'Theo thủ tục: số hồ sơ theo tình trạng xử lý' });
      expect(await region.getAttribute('tabindex')).toBe('0');
      if (width === 360) expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      // a number leads to its dossiers, and the list's total is that number
      const link = page.locator('table.report a[data-metric="resolved"]').first();
      const shown = Number((await link.textContent())!.replace(/\./g, ''));
      await Promise.all([page.waitForURL((u) => u.pathname === '/bao-cao/ho-so'), link.click()]);
      expect(Number(await page.locator('[data-total]').getAttribute('data-total'))).toBe(shown);
    });
  });
}
