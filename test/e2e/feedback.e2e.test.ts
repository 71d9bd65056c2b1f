import { describe, expect, it } from 'vitest';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.js';
import { expectNoAxeViolations, expectVisible, signIn, useServerAndBrowser } from './browser.js';
import { EDITOR, PHONE, approveComment, fillComment, postComment, rate, reader, submitComment, sumAnswer, watchForScript } from './website.js';

const openContext = useServerAndBrowser();
const ARTICLE = '/tin-tuc/huong-dan-kich-hoat-tai-khoan-dinh-danh-dien-tu-vneid';
/** A few of the shared corpus (one reader may post 5 comments); website-journey.e2e posts them all. */
const XSS = XSS_PAYLOADS.slice(0, 5).map((x) => x.html);

describe('reader feedback on an article', () => {
  it('rating updates the average; a wrong sum is refused with the text kept, the right one waits for approval (no JavaScript)', async () => {
    const a = await openContext(reader('a', false));
    const b = await openContext(reader('b', false));
    try {
      const page = await a.newPage();
      await page.goto(ARTICLE);
      await expectVisible(page.getByText('Chưa có lượt đánh giá nào.'));
      await rate(page, 4);
      await expectVisible(page.getByText('1 lượt đánh giá, trung bình 4,0/5'));
      const other = await b.newPage();
      await other.goto(ARTICLE);
      await rate(other, 5);
      await expectVisible(other.getByText('2 lượt đánh giá, trung bình 4,5/5'));

      await postComment(page, 'Nguyễn Văn An', 'Cảm ơn xã đã hướng dẫn.\nRất dễ làm theo.', 'wrong');
      await expectVisible(page.locator('.error-message', { hasText: 'Mã xác thực không đúng' }));
      expect(await page.getByLabel('Nội dung bình luận').inputValue()).toBe('Cảm ơn xã đã hướng dẫn.\nRất dễ làm theo.');
      await page.getByLabel(/Mã xác thực/).fill(await sumAnswer(page));
      await submitComment(page);
      await expectVisible(page.getByText('đang chờ duyệt'));
      expect(await page.locator('.comment-body').count()).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('with JavaScript the proof of work fills the hidden field by itself once the reader turns to the form, and the sum is hidden', async () => {
    const c = await openContext(reader('c'));
    try {
      const page = await c.newPage();
      await page.goto(ARTICLE);
      // readers who only read pay nothing: the work waits for the focus in the form
      await page.waitForTimeout(300);
      expect(await page.locator('#captcha-pow').inputValue()).toBe('');
      expect(await page.locator('#captcha-field').isVisible()).toBe(true);
      await page.getByLabel('Họ và tên').focus();
      await expectVisible(page.getByText('Đã tự xác thực, không cần nhập mã.'), 30_000);
      expect(await page.locator('#captcha-pow').inputValue()).toMatch(/^\d+$/);
      expect(await page.locator('#captcha-field').isVisible()).toBe(false);
      await expectNoAxeViolations(page, 'article with feedback at 360 px');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      // a wrong answer (the work undone, a wrong sum): the error is shown, axe-clean
      await page.evaluate(() => {
        (document.getElementById('captcha-pow') as HTMLInputElement).value = '';
        document.getElementById('captcha-field')!.hidden = false;
      });
      await fillComment(page, 'Trần Thị Bình', 'Gửi bằng JavaScript.');
      await page.getByLabel(/Mã xác thực/).fill('1000');
      await submitComment(page);
      await expectVisible(page.locator('.error-summary', { hasText: 'Mã xác thực không đúng' }));
      await expectVisible(page.getByText('Đã tự xác thực, không cần nhập mã.'), 30_000);
      await expectNoAxeViolations(page, 'comment form with a wrong captcha at 360 px');
      await fillComment(page, 'Trần Thị Bình', 'Gửi bằng JavaScript.');
      await submitComment(page);
      await expectVisible(page.getByText('đang chờ duyệt'));
    } finally {
      await c.close();
    }
  });

  it('the editor approves a comment and it shows; XSS payloads posted and approved stay inert', async () => {
    const d = await openContext(reader('d', false));
    const ed = await openContext({ bypassCSP: true, viewport: PHONE });
    const e = await openContext(reader('e'));
    try {
      const poster = await d.newPage();
      await poster.goto(ARTICLE);
      for (const [i, p] of XSS.entries()) {
        await postComment(poster, `Kẻ xấu ${i} ${p}`.slice(0, 100), `Thử ${i}: ${p}`);
        await expectVisible(poster.getByText('đang chờ duyệt'));
      }

      const editor = await ed.newPage();
      await signIn(editor, EDITOR);
      await editor.goto('/quan-tri/binh-luan');
      await expectVisible(editor.getByText('Rất dễ làm theo.'));
      await expectNoAxeViolations(editor, '/quan-tri/binh-luan at 360 px');
      await approveComment(editor, 'Nguyễn Văn An');
      for (let i = 0; i < XSS.length; i++) await approveComment(editor, /Kẻ xấu/);
      expect(await editor.getByRole('button', { name: /^Duyệt bình luận của Kẻ xấu/ }).count()).toBe(0);

      const page = await e.newPage();
      const watch = watchForScript(page);
      await page.goto(ARTICLE);
      await expectVisible(page.locator('.comment-body', { hasText: 'Rất dễ làm theo.' }));
      expect(await page.locator('.comment-body').count()).toBe(1 + XSS.length);
      for (const p of XSS) await expectVisible(page.locator('.comment-body', { hasText: p }));
      await watch.expectInert('the article with the approved payloads');
      expect(await page.locator('.feedback script:not([src^="/static/binh-luan."]), .feedback img, .feedback svg, .feedback iframe, .feedback style, .comment-body a').count()).toBe(0);
      await expectNoAxeViolations(page, 'article with approved comments at 360 px');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    } finally {
      await d.close();
      await ed.close();
      await e.close();
    }
  });
});
