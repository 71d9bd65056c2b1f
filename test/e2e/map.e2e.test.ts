import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, expectVisible, useServerAndBrowser } from './browser.js';

const openContext = useServerAndBrowser();

describe('/ban-do, the commune map', () => {
  it('is axe-clean at 360 px and the SVG fits the screen', async () => {
    const context = await openContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      const response = await page.goto('/ban-do');
      expect(response?.status()).toBe(200);
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Bản đồ hành chính Xã Tứ Mỹ' }));
      await expectVisible(page.getByRole('img', { name: 'Bản đồ hành chính Xã Tứ Mỹ' }));
      const box = await page.locator('svg.map-svg').boundingBox();
      expect(box!.width).toBeGreaterThan(250);
      expect(box!.width).toBeLessThanOrEqual(360);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
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
