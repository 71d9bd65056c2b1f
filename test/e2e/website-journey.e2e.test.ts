import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { COMMENT_LIMIT, TOO_MANY_COMMENTS } from '../../src/portal/feedback/routes.js';
import { sanitizeArticleHtml } from '../../src/portal/articles/sanitize.js';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.js';
import { currentPath, expectVisible, signIn, useServerAndBrowser } from './browser.js';
import { EDITOR, PHONE, approveComment, postComment, publishArticle, rate, reader, watchForScript } from './website.js';

/**
 * The commune website's whole round, in Chromium: an editor publishes an article; readers find it on the home page
 * and by a search typed without diacritics, rate it and comment (a wrong mã xác thực is refused, a right one waits for
 * moderation); the editor approves the comment and it shows. A script posting 100 comments is stopped by the rate
 * limit, and HTML/script payloads in articles and comments stay inert (test/fixtures/xss-payloads.ts).
 */

const openContext = useServerAndBrowser();
const TITLE = 'Khánh thành nhà văn hóa thôn Đông Hải';
/** What a reader types on a keyboard without Vietnamese input: no diacritics, đ as d. */
const withoutDiacritics = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const ratingSummary = (page: Page) => page.locator('#rating-summary');

/**
 * The payloads as article bodies, each payload after a marker paragraph. Payloads share a body only while the body
 * is sanitised exactly as its payloads one by one (an unclosed <style> would swallow what follows it), so every
 * payload reaches the page as it would alone. The summaries: the payloads as plain text, up to 600 characters each.
 */
function articleRounds(): { bodies: Array<{ html: string; markers: string[] }>; summaries: string[] } {
  const piece = (i: number, sanitized = false) => `<p>Lần thử ${i + 1}.</p>${sanitized ? XSS_PAYLOADS[i]!.sanitized : XSS_PAYLOADS[i]!.html}`;
  const joined = (ids: number[], sanitized = false) => ids.map((i) => piece(i, sanitized)).join('\n');
  const groups: number[][] = [];
  for (const i of XSS_PAYLOADS.keys()) {
    const last = groups.at(-1);
    if (last && sanitizeArticleHtml(joined([...last, i])) === joined([...last, i], true)) last.push(i);
    else groups.push([i]);
  }
  const summaries: string[] = [];
  for (const { html } of XSS_PAYLOADS) {
    const last = summaries.at(-1);
    if (last !== undefined && last.length + 1 + html.length <= 600) summaries[summaries.length - 1] = `${last} ${html}`;
    else summaries.push(html);
  }
  return { bodies: groups.map((ids) => ({ html: joined(ids), markers: ids.map((i) => `Lần thử ${i + 1}.`) })), summaries };
}

/** The payloads spread over as many comments as one reader may post, one a line; each name carries a payload too. */
function commentRounds(): Array<{ name: string; lines: string[] }> {
  return Array.from({ length: COMMENT_LIMIT.limit }, (_, g) => {
    const lines = XSS_PAYLOADS.filter((_p, i) => i % COMMENT_LIMIT.limit === g).map((x) => x.html);
    return { name: `Độc giả ${g + 1} ${lines[0]}`.slice(0, 100).trimEnd(), lines };
  });
}

/** The editor, signed in once for the file (the context closes with the browser). */
let editor: Page;
beforeAll(async () => {
  // CSP bypassed wherever payloads are shown: the markup itself must be inert, not only blocked by script-src 'self'
  editor = await (await openContext({ bypassCSP: true, viewport: PHONE })).newPage();
  await signIn(editor, EDITOR);
});

describe('commune website journey: publish, find, rate, comment, moderate', () => {
  it('an article published by the editor is on the home page and found without diacritics; ratings average; a comment passes the mã xác thực and moderation', async () => {
    const path = await publishArticle(editor, {
      title: TITLE, category: 'Hoạt động của xã', summary: 'Nhà văn hóa mới phục vụ sinh hoạt cộng đồng của hơn 300 hộ dân.',
      bodyHtml: '<p>Sáng nay, UBND xã tổ chức <strong>lễ khánh thành</strong> nhà văn hóa thôn Đông Hải.</p>',
    }, { signedIn: true });
    expect(path).toBe('/tin-tuc/khanh-thanh-nha-van-hoa-thon-dong-hai');

    const a = await openContext(reader('journey-a', false)); // without JavaScript: the sum is the mã xác thực
    const b = await openContext(reader('journey-b'));
    try {
      // reader A comes from the home page
      const pageA = await a.newPage();
      await pageA.goto('/');
      await Promise.all([pageA.waitForURL(`**${path}`), pageA.getByRole('link', { name: TITLE }).first().click()]);
      await expectVisible(pageA.getByRole('heading', { level: 1, name: TITLE }));
      expect(await ratingSummary(pageA).textContent()).toBe('Chưa có lượt đánh giá nào.');
      await rate(pageA, 4);
      await expectVisible(pageA.getByText('Cảm ơn bạn đã đánh giá bài viết.'));
      expect(await ratingSummary(pageA).textContent()).toBe('1 lượt đánh giá, trung bình 4,0/5');

      // reader B searches without diacritics, opens the result and rates 2: the average becomes 3
      const pageB = await b.newPage();
      await pageB.goto(`/tim-kiem?q=${encodeURIComponent(withoutDiacritics(TITLE))}`);
      await Promise.all([pageB.waitForURL(`**${path}`), pageB.getByRole('link', { name: TITLE }).click()]);
      expect(await ratingSummary(pageB).textContent()).toBe('1 lượt đánh giá, trung bình 4,0/5');
      await rate(pageB, 2);
      expect(await ratingSummary(pageB).textContent()).toBe('2 lượt đánh giá, trung bình 3,0/5');
      await pageA.reload();
      expect(await ratingSummary(pageA).textContent()).toBe('2 lượt đánh giá, trung bình 3,0/5');

      // a wrong mã xác thực: refused with the message, the text kept, nothing stored (checked in the queue below)
      const name = 'Phạm Thị Hoa';
      const body = 'Nhà văn hóa mới rất khang trang. Cảm ơn xã!';
      await postComment(pageA, name, body, 'wrong');
      await expectVisible(pageA.locator('.error-message', { hasText: 'Mã xác thực không đúng' }));
      expect(await pageA.getByLabel('Nội dung bình luận').inputValue()).toBe(body);
      // the right one: waits for moderation, not shown yet
      await postComment(pageA, name, body);
      await expectVisible(pageA.getByText('Bình luận đang chờ duyệt'));
      expect(await pageA.locator('.comment-body').count()).toBe(0);
      await expectVisible(pageA.getByText('Chưa có bình luận nào.'));

      await editor.goto('/quan-tri/binh-luan');
      expect(await editor.locator('.comment', { hasText: body }).count(), 'one pending comment: the refused attempt stored nothing').toBe(1);
      await approveComment(editor, name);
      expect(await editor.locator('.comment', { hasText: body }).count()).toBe(0);

      await pageB.reload();
      const shown = pageB.locator('.comment', { hasText: body });
      await expectVisible(shown);
      expect(await shown.locator('.meta strong').textContent()).toBe(name);
      expect(await shown.locator('.comment-body').textContent()).toBe(body);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it(`a script sending 100 comments from one address within a minute is refused after ${COMMENT_LIMIT.limit} (HTTP 429, Retry-After)`, async () => {
    const path = await publishArticle(editor, {
      title: 'Lịch tiếp công dân tháng Mười Hai', category: 'Thông báo', summary: 'Chủ tịch UBND xã tiếp công dân vào thứ Năm hằng tuần.',
      bodyHtml: '<p>Địa điểm: phòng tiếp công dân, trụ sở UBND xã.</p>',
    }, { signedIn: true });
    const url = new URL(path, editor.url()).href;

    // the script: plain HTTP, one client (127.0.0.1, one User-Agent, its cookie), answering every sum correctly
    const headers = { 'user-agent': 'xaso-e2e-comment-script/1.0', accept: 'text/html' };
    let cookie = '';
    const statuses: number[] = [];
    let refusal: { retryAfter: string | null; text: string } | null = null;
    const started = Date.now();
    for (let i = 1; i <= 100; i++) {
      const form = await fetch(url, { headers: { ...headers, cookie } });
      cookie ||= form.headers.getSetCookie().find((c) => c.startsWith('xaso_csrf='))?.split(';')[0] ?? '';
      const html = await form.text();
      const [, csrf] = /name="_csrf" value="([^"]+)"/.exec(html) ?? [];
      const [, challenge] = /name="challenge" value="([^"]+)"/.exec(html) ?? [];
      const [, x, y] = /Mã xác thực: (\d+) \+ (\d+) = \?/.exec(html) ?? [];
      if (!csrf || !challenge || !x || !y) throw new Error(`no comment form on ${url} (status ${form.status})`);
      const sent = await fetch(`${url}/binh-luan`, {
        method: 'POST', redirect: 'manual', headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, name: 'Máy gửi tự động', email: '', body: `Bình luận tự động số ${i}`, ghi_chu_them: '', challenge, pow: '', captcha: String(Number(x) + Number(y)) }),
      });
      statuses.push(sent.status);
      const text = await sent.text();
      if (sent.status === 429 && !refusal) refusal = { retryAfter: sent.headers.get('retry-after'), text };
    }
    const elapsedMs = Date.now() - started;

    expect(elapsedMs, 'the 100 posts went out within a minute').toBeLessThan(60_000);
    expect(statuses.slice(0, COMMENT_LIMIT.limit)).toEqual(Array(COMMENT_LIMIT.limit).fill(303));
    expect(statuses.slice(COMMENT_LIMIT.limit)).toEqual(Array(100 - COMMENT_LIMIT.limit).fill(429));
    expect(Number(refusal?.retryAfter)).toBeGreaterThan(0);
    expect(Number(refusal?.retryAfter)).toBeLessThanOrEqual(COMMENT_LIMIT.windowMs / 1000);
    expect(refusal?.text).toContain(TOO_MANY_COMMENTS);

    // only the accepted ones are stored, waiting in the editor's queue
    await editor.goto('/quan-tri/binh-luan');
    expect(await editor.locator('.comment-body', { hasText: /^Bình luận tự động số \d+$/ }).count()).toBe(COMMENT_LIMIT.limit);
  });

  it(`${XSS_PAYLOADS.length} HTML/script payloads in an article (body and summary) and in approved comments (name and text) run nothing in Chromium`, async () => {
    const path = await publishArticle(editor, {
      title: 'Bài thử nội dung độc hại', category: 'Tin tức', summary: 'Bài dùng để thử.', bodyHtml: '<p>Bài thử.</p>',
    }, { signedIn: true });
    const editorWatch = watchForScript(editor);
    await editorWatch.expectInert('the published article form');
    const formPath = new URL(editor.url()).pathname;

    const viewer = await openContext(reader('xss-viewer'));
    const poster = await openContext(reader('xss-poster'));
    try {
      // the comment form's proof of work is not wanted here: without its script the pages stay as sent, with the sum
      for (const context of [viewer, poster]) await context.route('**/static/binh-luan*.js', (route) => route.abort());
      const page = await viewer.newPage();
      const pageWatch = watchForScript(page);

      // the article: saved through the editor's form with the payloads in the body and in the summary
      const { bodies, summaries } = articleRounds();
      for (let k = 0; k < Math.max(bodies.length, summaries.length); k++) {
        const body = bodies[k % bodies.length]!;
        const summary = summaries[k % summaries.length]!;
        await editor.getByLabel('Tóm tắt').fill(summary);
        await editor.getByLabel('Nội dung').fill(body.html);
        await Promise.all([editor.waitForNavigation(), editor.getByRole('button', { name: 'Lưu thay đổi' }).click()]);
        expect(currentPath(editor), `saving round ${k + 1}`).toBe(`${formPath}?da=luu`);
        await editorWatch.expectInert(`the article form, round ${k + 1}`);
        await page.goto(path);
        await expectVisible(page.getByText(body.markers[0]!, { exact: true }));
        const prose = await page.locator('.prose').textContent();
        for (const marker of body.markers) expect(prose, 'every payload of the round reached the page').toContain(marker);
        await pageWatch.expectInert(`the article, round ${k + 1}`);
        expect(await page.locator('p.lead').textContent(), 'the summary is shown as typed').toBe(summary);
        expect(await page.locator('meta[name="description"]').getAttribute('content')).toBe(summary);
      }
      for (const where of ['/', '/tin-tuc', `/tim-kiem?q=${encodeURIComponent('bai thu noi dung doc hai')}`]) {
        await page.goto(where);
        await expectVisible(page.getByRole('link', { name: 'Bài thử nội dung độc hại' }));
        await pageWatch.expectInert(`${where} listing the article`);
      }

      // comments: the payloads one a line, in as many comments as one reader may post; each is first sent with a wrong
      // mã xác thực, so the form comes back with the payloads in its fields, then with the right one
      const comments = commentRounds();
      const form = await poster.newPage();
      const formWatch = watchForScript(form);
      await form.goto(path);
      for (const c of comments) {
        await postComment(form, c.name, c.lines.join('\n'), 'wrong');
        await expectVisible(form.locator('.error-message', { hasText: 'Mã xác thực không đúng' }));
        await formWatch.expectInert(`the comment form given back to ${c.name}`);
        expect(await form.getByLabel('Họ và tên').inputValue()).toBe(c.name);
        expect(await form.getByLabel('Nội dung bình luận').inputValue()).toBe(c.lines.join('\n'));
        await postComment(form, c.name, c.lines.join('\n'));
        await expectVisible(form.getByText('Bình luận đang chờ duyệt'));
      }

      // the editor's queue shows them (the names also in the buttons' labels), then approves them
      await editor.goto('/quan-tri/binh-luan');
      await editorWatch.expectInert('the moderation queue with the payloads');
      const pending = editor.getByRole('button', { name: /^Duyệt bình luận của Độc giả \d+ / });
      expect(await pending.count()).toBe(comments.length);
      for (let left = comments.length; left > 0; left--) await approveComment(editor, /Độc giả \d+ /);
      expect(await pending.count()).toBe(0);

      await page.goto(path);
      await pageWatch.expectInert('the article with the payloads as approved comments');
      for (const [g, c] of comments.entries()) {
        const shown = page.locator('.comment').filter({ has: page.locator('.meta strong', { hasText: new RegExp(`^Độc giả ${g + 1} `) }) });
        expect(await shown.locator('.meta strong').textContent(), 'the name is shown as typed').toBe(c.name);
        expect(await shown.locator('.comment-body span').allTextContents(), 'each line is shown as typed').toEqual(c.lines);
      }
    } finally {
      await viewer.close();
      await poster.close();
    }
  });
});
