import type { BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectVisible, signIn } from './browser.js';

/**
 * Steps on the commune website shared by the browser tests: the editor's back office (/quan-tri/tin-bai,
 * /quan-tri/binh-luan), and a reader's rating and comment forms under an article (portal/feedback).
 */

export const PHONE = { width: 360, height: 740 };
export const EDITOR = 'tumy.bientap';

export interface ArticleDraft {
  title: string;
  /** the category's name, as in the form's list */
  category: string;
  summary: string;
  bodyHtml: string;
}

/** Fills the article form (on /quan-tri/tin-bai/moi, opened unless there already) and saves the draft. */
export async function saveDraft(page: Page, a: ArticleDraft): Promise<void> {
  if (new URL(page.url(), 'http://x').pathname !== '/quan-tri/tin-bai/moi') await page.goto('/quan-tri/tin-bai/moi');
  await page.getByLabel('Tiêu đề', { exact: true }).fill(a.title);
  await page.getByLabel('Chuyên mục').selectOption({ label: a.category });
  await page.getByLabel('Tóm tắt').fill(a.summary);
  await page.getByLabel('Nội dung').fill(a.bodyHtml);
  await Promise.all([page.waitForURL(/\/quan-tri\/tin-bai\/\d+\?da=tao$/), page.getByRole('button', { name: 'Lưu bản nháp' }).click()]);
  await expectVisible(page.getByText('Đã lưu bản nháp.'));
}

/** On a saved article's form: "Đăng ngay". Returns the article's public address ("Xem trên trang"). */
export async function publishNow(page: Page): Promise<string> {
  await Promise.all([page.waitForURL(/da=dang$/), page.getByRole('button', { name: 'Đăng ngay' }).click()]);
  await expectVisible(page.getByText('Đã đăng bài.'));
  const href = await page.getByRole('link', { name: 'Xem trên trang' }).getAttribute('href');
  if (!href) throw new Error(`no "Xem trên trang" link on ${page.url()}`);
  return href;
}

/** Writes and publishes an article through the back office (signing in as the editor first unless `signedIn`). */
export async function publishArticle(page: Page, a: ArticleDraft, opts: { signedIn?: boolean } = {}): Promise<string> {
  if (!opts.signedIn) await signIn(page, EDITOR);
  await saveDraft(page, a);
  return publishNow(page);
}

/** Each reader their own browser (User-Agent): readers are told apart by IP + User-Agent, and all come from 127.0.0.1. */
export const reader = (name: string, javaScript = true): BrowserContextOptions => ({
  bypassCSP: true, viewport: PHONE, javaScriptEnabled: javaScript, userAgent: `Mozilla/5.0 (X11; Linux x86_64) XaSoE2E/${name}`,
});

/** Rates the open article with `stars` and waits for the page to come back (POST, redirect, GET). */
export async function rate(page: Page, stars: number): Promise<void> {
  await page.getByLabel(`${stars} sao`, { exact: true }).check();
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Gửi đánh giá' }).click()]);
}

/** The answer of the form's "Mã xác thực: a + b = ?" (what a reader without JavaScript types). */
export async function sumAnswer(page: Page): Promise<string> {
  const label = (await page.locator('label[for="captcha"]').textContent()) ?? '';
  const m = /(\d+) \+ (\d+) = \?/.exec(label);
  if (!m) throw new Error(`no sum in "${label}"`);
  return String(Number(m[1]) + Number(m[2]));
}

export async function fillComment(page: Page, name: string, body: string): Promise<void> {
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Nội dung bình luận').fill(body);
}

export const submitComment = (page: Page) => Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.getByRole('button', { name: 'Gửi bình luận' }).click()]);

/** Comments without JavaScript: answers the sum (or a wrong one when `captcha` is 'wrong') and sends the form. */
export async function postComment(page: Page, name: string, body: string, captcha: 'right' | 'wrong' = 'right'): Promise<void> {
  await fillComment(page, name, body);
  const answer = await sumAnswer(page);
  await page.getByLabel(/Mã xác thực/).fill(captcha === 'right' ? answer : String(Number(answer) + 1));
  await submitComment(page);
}

/** On /quan-tri/binh-luan: presses "Duyệt" for the first pending comment whose author's name matches. */
export async function approveComment(editor: Page, author: string | RegExp): Promise<void> {
  const name = typeof author === 'string' ? `Duyệt bình luận của ${author}` : new RegExp(`^Duyệt bình luận của ${author.source}`);
  await Promise.all([editor.waitForNavigation(), editor.getByRole('button', { name, exact: true }).first().click()]);
  await expectVisible(editor.getByText('Đã duyệt bình luận'));
}

/**
 * Watches a page for injected script: every dialog is recorded (and dismissed), and `expectInert` checks, on the page
 * as loaded now, that no dialog opened, that the flag the payloads set (`top.__xss`) is unset, and that no element of the
 * document carries an event attribute or a javascript:/data: address.
 */
export function watchForScript(page: Page): { expectInert(where: string): Promise<void> } {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()} on ${page.url()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  return {
    async expectInert(where: string) {
      // let what the page would run on its own run first: image errors, autofocus, animations of the next frames
      await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
      expect(dialogs, `dialogs on ${where}`).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `window.__xss on ${where}`).toBeUndefined();
      const risky = await page.evaluate(() =>
        Array.from(document.querySelectorAll('*')).flatMap((el) =>
          Array.from(el.attributes)
            .filter((at) => /^on/i.test(at.name) || at.name === 'srcdoc' || (/^(href|src|action|formaction|data|xlink:href)$/i.test(at.name) && /^\s*(javascript|data|vbscript):/i.test(at.value)))
            .map((at) => `<${el.localName} ${at.name}="${at.value}">`),
        ),
      );
      expect(risky, `elements that could run script on ${where}`).toEqual([]);
      expect(await page.locator('iframe, object, embed, script:not([src])').count(), `frames or inline scripts on ${where}`).toBe(0);
    },
  };
}
