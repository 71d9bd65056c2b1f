import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, expectVisible, signIn, useServerAndBrowser } from './browser.js';
import { EDITOR, PHONE, publishNow, saveDraft } from './website.js';

const openContext = useServerAndBrowser();
const TITLE = 'Xã Tứ Mỹ tổ chức Ngày hội Chuyển đổi số';

describe('commune website: articles and introduction pages', () => {
  it('an editor writes and publishes an article through the back office; it appears on the home page', async () => {
    const context = await openContext({ bypassCSP: true, viewport: PHONE });
    try {
      const page = await context.newPage();
      await signIn(page, EDITOR);
      await page.goto('/quan-tri/tin-bai');
      await expectNoAxeViolations(page, '/quan-tri/tin-bai at 360 px');
      await Promise.all([page.waitForURL('**/quan-tri/tin-bai/moi'), page.getByRole('link', { name: 'Viết bài mới' }).click()]);
      await saveDraft(page, {
        title: TITLE, category: 'Chuyển đổi số', summary: 'Người dân được hướng dẫn dùng dịch vụ công trực tuyến.',
        bodyHtml: '<p>Ngày hội hướng dẫn người dân <strong>nộp hồ sơ trực tuyến</strong>.</p><script>alert(1)</script>',
      });
      await expectNoAxeViolations(page, 'article form at 360 px');
      expect(await publishNow(page)).toBe('/tin-tuc/xa-tu-my-to-chuc-ngay-hoi-chuyen-doi-so');
      await page.goto('/');
      await expectVisible(page.getByRole('link', { name: TITLE }));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    } finally {
      await context.close();
    }
  });

  it('/tin-tuc, the article page and /gioi-thieu are axe-clean at 360 px', async () => {
    const context = await openContext({ bypassCSP: true, viewport: PHONE });
    try {
      const page = await context.newPage();
      for (const path of ['/tin-tuc', '/tin-tuc/xa-tu-my-to-chuc-ngay-hoi-chuyen-doi-so', '/gioi-thieu', '/gioi-thieu/lich-su']) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
        await expectNoAxeViolations(page, `${path} at 360 px`);
      }
      await page.goto('/tin-tuc/xa-tu-my-to-chuc-ngay-hoi-chuyen-doi-so');
      await expectVisible(page.getByRole('heading', { level: 1, name: TITLE }));
      expect(await page.locator('meta[property="og:type"]').getAttribute('content')).toBe('article');
      // no inline script: only the comment form's own /static/binh-luan.<hash>.js (portal/feedback, web/assets.ts)
      expect(await page.locator('script:not([src])').count()).toBe(0);
      const scripts = await page.locator('script[src]').evaluateAll((s) => s.map((e) => e.getAttribute('src')));
      expect(scripts).toHaveLength(1);
      expect(scripts[0]).toMatch(/^\/static\/binh-luan\.[\w-]+\.js$/);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.main-nav').isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });
});
