import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, expectVisible, screenshot, signIn, useServerAndBrowser } from './browser.js';

const openContext = useServerAndBrowser();

/** The labelled map shows nearly full width on a 360 px screen and nothing scrolls sideways. */
async function expectMapFits360(page: Page) {
  await expectVisible(page.getByRole('img', { name: 'Bản đồ hành chính Xã Tứ Mỹ' }));
  const box = await page.locator('svg.map-svg').boundingBox();
  expect(box!.width).toBeGreaterThan(250);
  expect(box!.width).toBeLessThanOrEqual(360);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

describe('/ban-do, the commune map', () => {
  it('is axe-clean at 360 px and the SVG fits the screen', async () => {
    const context = await openContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      const response = await page.goto('/ban-do');
      expect(response?.status()).toBe(200);
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Bản đồ hành chính Xã Tứ Mỹ' }));
      await expectMapFits360(page);
      await expectNoAxeViolations(page, '/ban-do at 360 px');
    } finally {
      await context.close();
    }
  });

  it('draws the map and lists the places with JavaScript disabled', async () => {
    const context = await openContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto('/ban-do');
      const svg = page.locator('svg.map-svg');
      await expectVisible(svg);
      expect(await svg.locator('path.map-commune').count()).toBe(1);
      expect(await svg.locator('g.marker').count()).toBe(5);
      const box = await svg.locator('path.map-commune').boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      const table = page.getByRole('table', { name: 'Các địa điểm trên bản đồ' });
      await expectVisible(table);
      expect(await table.locator('tbody tr').count()).toBe(5);
      await expectVisible(table.getByRole('cell', { name: 'Trạm Y tế xã (điểm mẫu)' }));
    } finally {
      await context.close();
    }
  });
});

describe('/ban-do with the online base map', () => {
  const TILE_HOST = 'tiles.xaso.test';
  /** A stand-in tile (the browser here has no Internet): a light square with a "road" and its own z/x/y written on it. */
  const fakeTile = (path: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#eef3e6" stroke="#c9d3bd"/>` +
    `<path d="M0 200C80 160 150 120 256 90" stroke="#f3c66b" stroke-width="10" fill="none"/><text x="12" y="28" font-size="18" fill="#7a8570">${path}</text></svg>`;

  it('an editor turns it on; the reader gets the tiles behind the map, allowed by that page\'s policy only', async () => {
    const context = await openContext({ viewport: { width: 1100, height: 900 } });
    try {
      const requested: string[] = [];
      await context.route(`https://${TILE_HOST}/**`, (route) => {
        const path = new URL(route.request().url()).pathname;
        requested.push(path);
        return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: fakeTile(path) });
      });
      const page = await context.newPage();
      const policyErrors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) policyErrors.push(m.text());
      });

      await signIn(page, 'tumy.bientap');
      await page.goto('/quan-tri/ban-do');
      await page.getByLabel('Địa chỉ máy chủ ảnh nền').fill(`https://${TILE_HOST}/{z}/{x}/{y}.png`);
      await Promise.all([page.waitForURL('**/quan-tri/ban-do?da=nen-truc-tuyen'), page.getByRole('button', { name: 'Lưu nền bản đồ' }).click()]);
      await expectVisible(page.getByText('Đã lưu nền bản đồ trực tuyến.'));

      await page.goto('/ban-do');
      expect(await page.locator('svg.map-svg image').count()).toBe(0);
      expect(requested).toEqual([]);
      await Promise.all([page.waitForURL('**/ban-do?nen=truc-tuyen'), page.getByRole('link', { name: 'Hiện nền bản đồ trực tuyến' }).click()]);
      await page.waitForLoadState('networkidle');
      const tiles = page.locator('svg.map-svg g.map-tiles image');
      const count = await tiles.count();
      expect(count).toBe(30); // the demo Tứ Mỹ map at zoom 14 (map-tiles.test.ts)
      expect(new Set(requested).size).toBe(count);
      expect(requested.every((p) => /^\/14\/\d+\/\d+\.png$/.test(p))).toBe(true);
      expect(policyErrors).toEqual([]);
      // The map is still the labelled image it was, with the credit line under it.
      await expectVisible(page.getByRole('img', { name: 'Bản đồ hành chính Xã Tứ Mỹ' }));
      await expectVisible(page.locator('figcaption').getByText('Nền bản đồ: © Những người đóng góp OpenStreetMap'));
      await expectVisible(page.locator('path.map-commune'));
      await screenshot(page, 'map-tiles');
      // The policy is enforced, for this origin only: an image from elsewhere is refused and reported.
      await page.evaluate(() => {
        const img = new Image();
        img.src = 'https://elsewhere.xaso.test/x.png';
        document.body.append(img);
      });
      await expect.poll(() => policyErrors.length).toBe(1);
      expect(policyErrors[0]).toContain('elsewhere.xaso.test');
      await page.getByRole('link', { name: 'Ẩn nền bản đồ trực tuyến' }).click();
      await page.waitForURL((u) => u.pathname === '/ban-do' && !u.search);
      expect(await page.locator('svg.map-svg image').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  // The setting saved by the test above stays on the server this file starts.
  it('stays usable and axe-clean at 360 px when the tile server cannot be reached', async () => {
    const context = await openContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    try {
      await context.route(`https://${TILE_HOST}/**`, (route) => route.abort('internetdisconnected'));
      const page = await context.newPage();
      expect((await page.goto('/ban-do?nen=truc-tuyen'))?.status()).toBe(200);
      expect(await page.locator('svg.map-svg image').count()).toBe(30);
      await expectMapFits360(page);
      expect((await page.locator('path.map-commune').boundingBox())!.width).toBeGreaterThan(100);
      await expectVisible(page.getByRole('table', { name: 'Các địa điểm trên bản đồ' }));
      await screenshot(page, 'map-tiles-offline-360');
      await expectNoAxeViolations(page, '/ban-do?nen=truc-tuyen at 360 px');
    } finally {
      await context.close();
    }
  });

  it('the admin form shows a refused address next to its field, keeps what was typed, axe-clean at 360 px', async () => {
    const context = await openContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      await signIn(page, 'tumy.bientap');
      await page.goto('/quan-tri/ban-do');
      const field = page.getByLabel('Địa chỉ máy chủ ảnh nền');
      await field.fill('http://tiles.xaso.test/{z}/{x}/{y}.png');
      await Promise.all([page.waitForLoadState('domcontentloaded'), page.getByRole('button', { name: 'Lưu nền bản đồ' }).click()]);
      await expectVisible(page.getByRole('alert').getByText('Địa chỉ máy chủ ảnh nền phải bắt đầu bằng https://'));
      expect(await field.inputValue()).toBe('http://tiles.xaso.test/{z}/{x}/{y}.png');
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(page, '/quan-tri/ban-do (refused tile address) at 360 px');
      // nothing changed: the layer saved by the first test is still on
      await page.goto('/ban-do');
      await expectVisible(page.getByRole('link', { name: 'Hiện nền bản đồ trực tuyến' }));
    } finally {
      await context.close();
    }
  });
});
