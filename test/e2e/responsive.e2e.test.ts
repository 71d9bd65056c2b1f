import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot, signIn, useServerAndBrowser } from './browser.js';

let context: BrowserContext;
let page: Page;

const WIDTH = 360;

const openContext = useServerAndBrowser();

beforeAll(async () => {
  context = await openContext({ viewport: { width: WIDTH, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
});

/** Elements sticking out on the right, for a useful failure message. */
const overflowing = (p: Page) =>
  p.evaluate((w) => {
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.right > w + 0.5 && r.width > 0) out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).replace(/\s+/g, '.') : ''} right=${Math.round(r.right)}`);
    }
    return out.slice(0, 15);
  }, WIDTH);

describe(`${WIDTH} px wide viewport`, () => {
  for (const [path, name] of [
    ['/', 'home-360'],
    ['/thu-tuc', 'thu-tuc-360'],
  ] as const) {
    it(`${path} has no horizontal scroll`, async () => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      expect(await page.evaluate(() => window.innerWidth)).toBe(WIDTH);
      const file = await screenshot(page, name);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `${path}: scrollWidth ${scrollWidth} > ${WIDTH}; see ${file}; overflowing: ${(await overflowing(page)).join(', ')}`).toBeLessThanOrEqual(WIDTH);
    });
  }

  it('/quan-tri/lich (12 month grids, signed in) has no horizontal scroll', async () => {
    await page.goto('/dang-nhap');
    await signIn(page, 'tumy.quantri');
    const response = await page.goto('/quan-tri/lich');
    expect(response?.status()).toBe(200);
    const file = await screenshot(page, 'quan-tri-lich-360');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `scrollWidth ${scrollWidth} > ${WIDTH}; see ${file}; overflowing: ${(await overflowing(page)).join(', ')}`).toBeLessThanOrEqual(WIDTH);
  });
});
