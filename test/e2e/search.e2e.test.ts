import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, expectVisible, useServerAndBrowser } from './browser.js';
import { PHONE, publishArticle } from './website.js';

const openContext = useServerAndBrowser();
const TITLE = 'Thông báo tiêm chủng đợt đầu tháng Mười Hai';

describe('commune website: site search, feed and sitemap', () => {
  it('an article published by an editor is found by a search typed without diacritics; the search page is axe-clean at 360 px', async () => {
    const editorContext = await openContext({ bypassCSP: true, viewport: PHONE });
    try {
      await publishArticle(await editorContext.newPage(), {
        title: TITLE, category: 'Thông báo', summary: 'Trạm y tế xã tổ chức tiêm chủng cho trẻ em dưới 5 tuổi.',
        bodyHtml: '<p>Đề nghị phụ huynh đưa trẻ đến <strong>Trạm y tế</strong> đúng giờ.</p>',
      });
    } finally {
      await editorContext.close();
    }

    const context = await openContext({ bypassCSP: true, viewport: PHONE });
    try {
      const page = await context.newPage();
      await page.goto('/');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      const box = page.getByRole('search', { name: 'Tìm kiếm trên trang' });
      await box.getByLabel('Tìm tin bài, thủ tục').fill('thong bao tiem chung dot dau');
      await Promise.all([page.waitForURL(/\/tim-kiem\?q=/), box.getByRole('button', { name: 'Tìm' }).click()]);
      await expectVisible(page.getByRole('heading', { level: 2, name: /^Tin bài/ }));
      await expectVisible(page.getByRole('link', { name: TITLE }));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(page, '/tim-kiem with results at 360 px');

      await page.goto('/tim-kiem?q=dang+ky+khai+sinh');
      await expectVisible(page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true }));
      await expectNoAxeViolations(page, '/tim-kiem (procedures) at 360 px');
      await page.goto('/tim-kiem');
      await expectNoAxeViolations(page, '/tim-kiem empty at 360 px');

      // the feed and the sitemap are well-formed XML for the browser's own parser, and list the new article
      for (const path of ['/rss.xml', '/sitemap.xml']) {
        const text = await (await page.request.get(path)).text();
        const parsed = await page.evaluate((xml) => {
          const doc = new DOMParser().parseFromString(xml, 'application/xml');
          return { error: doc.getElementsByTagName('parsererror').length > 0, root: doc.documentElement.nodeName, text: doc.documentElement.textContent ?? '' };
        }, text);
        expect(parsed.error, path).toBe(false);
        expect(parsed.root, path).toBe(path === '/rss.xml' ? 'rss' : 'urlset');
        expect(parsed.text, path).toContain(path === '/rss.xml' ? TITLE : '/tin-tuc/thong-bao-tiem-chung-dot-dau-thang-muoi-hai');
      }
    } finally {
      await context.close();
    }
  });
});
