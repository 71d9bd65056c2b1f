import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml, textOf } from '../../src/portal/articles/sanitize.js';
import { slugify, uniqueSlug } from '../../src/portal/articles/slug.js';
import { checkArticle, statusOf } from '../../src/portal/articles/model.js';
import { parseVnMoment } from '../../src/portal/articles/schedule.js';
import { XSS_PAYLOADS, type XssPayload } from '../fixtures/xss-payloads.js';

/** Cases the browser tests need not open: images the sanitizer refuses (other sites, addresses outside the image store). */
const SANITIZER_ONLY: XssPayload[] = [
  { html: '<img src="https://x.vn/a.png" onerror="alert(1)" alt="a">', sanitized: '' }, // other sites' images: privacy, CSP img-src 'self'
  { html: '<img src="/tep/anh/../../quan-tri" alt="a">', sanitized: '' },
];

/** Tags the allow-list keeps; anything else in the output would be a hole. */
const ALLOWED_TAG = /^(p|br|strong|em|u|h[234]|ul|ol|li|blockquote|a|img|table|caption|thead|tbody|tr|th|td)$/i;

describe('sanitizeArticleHtml', () => {
  for (const { html, sanitized } of [...XSS_PAYLOADS, ...SANITIZER_ONLY]) {
    it(`neutralises ${html}`, () => {
      const out = sanitizeArticleHtml(html);
      expect(out).toBe(sanitized);
      // attribute values are quoted and escaped: blank them, then only allow-listed tags and attributes may be left
      const tags = out.replace(/"[^"]*"/g, '""');
      for (const [, name] of tags.matchAll(/<\/?([^\s/>]*)/g)) expect(name).toMatch(ALLOWED_TAG);
      for (const [, attr] of tags.matchAll(/\s([^\s=/>]+)=/g)) expect(attr).toMatch(/^(href|rel|src|alt|scope|colspan|rowspan)$/);
      for (const [, url] of out.matchAll(/\s(?:href|src)="([^"]*)"/g)) expect(url).toMatch(/^(https?:\/\/|mailto:|\/(?!\/))/);
    });
  }

  it('keeps the allow-list: paragraphs, headings h2–h4, lists, quotes, links with rel="noopener", images, tables', () => {
    const html = '<h2>A</h2><h3>B</h3><h4>C</h4><p><strong>s</strong> <em>e</em> <u>u</u><br></p><ul><li>1</li></ul><ol><li>2</li></ol>' +
      '<blockquote>q</blockquote><p><a href="https://dichvucong.gov.vn" target="_blank">DVC</a> <a href="mailto:ubnd@example.vn">m</a> <a href="/thu-tuc">t</a></p>' +
      '<img src="/tep/anh/abababababababababababababababababababababababababababababababab.png" alt="Ảnh"><table><caption>c</caption><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">d</td></tr></tbody></table>';
    expect(sanitizeArticleHtml(html)).toBe(
      '<h2>A</h2><h3>B</h3><h4>C</h4><p><strong>s</strong> <em>e</em> <u>u</u><br /></p><ul><li>1</li></ul><ol><li>2</li></ol>' +
      '<blockquote>q</blockquote><p><a href="https://dichvucong.gov.vn" rel="noopener">DVC</a> <a href="mailto:ubnd@example.vn" rel="noopener">m</a> <a href="/thu-tuc" rel="noopener">t</a></p>' +
      '<img src="/tep/anh/abababababababababababababababababababababababababababababababab.png" alt="Ảnh" /><table><caption>c</caption><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">d</td></tr></tbody></table>',
    );
  });

  it('drops h1, divs and spans but keeps their text; text stays escaped', () => {
    expect(sanitizeArticleHtml('<h1>T</h1><div><span>x</span></div><p>A &amp; B &lt;x&gt;</p>')).toBe('Tx<p>A &amp; B &lt;x&gt;</p>');
    expect(textOf('<p>A &amp; B &lt;x&gt;</p>')).toBe('A & B <x>');
  });
});

describe('slugify', () => {
  it.each([
    ['Xã Tứ Mỹ tổ chức Ngày hội', 'xa-tu-my-to-chuc-ngay-hoi'],
    ['Đường Đá Đỏ – đoạn qua xã', 'duong-da-do-doan-qua-xa'],
    ['  Thông báo: lịch nghỉ Tết 2027!  ', 'thong-bao-lich-nghi-tet-2027'],
    ['Hướng dẫn VNeID (cập nhật)', 'huong-dan-vneid-cap-nhat'],
    ['!!!', 'bai-viet'],
  ])('%s -> %s', (title, slug) => expect(slugify(title)).toBe(slug));

  it('handles decomposed (NFD) input and cuts long titles at a word', () => {
    expect(slugify('Xã Tứ Mỹ'.normalize('NFD'))).toBe('xa-tu-my');
    const long = slugify('một '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^mot(-mot)*$/);
  });

  it('makes the slug unique with -2, -3', () => {
    expect(uniqueSlug('a', new Set())).toBe('a');
    expect(uniqueSlug('a', new Set(['a', 'a-2']))).toBe('a-3');
  });
});

describe('checkArticle and states', () => {
  const good = { title: 'Tin về xã', categoryId: 1, summary: '', bodyHtml: '<p>Nội dung</p>', authorName: 'Biên tập', coverAlt: '' };
  it('accepts a valid article and sanitises the body', () => {
    const r = checkArticle({ ...good, bodyHtml: '<p onclick="x()">Nội dung</p><script>x</script>' }, { hasCover: false, categoryIds: [1] });
    expect(r).toEqual({ ok: true, value: { ...good, bodyHtml: '<p>Nội dung</p>' } });
  });
  it('gives one Vietnamese error per field', () => {
    const r = checkArticle({ ...good, title: 'ab', categoryId: 9, bodyHtml: '<script>x</script>', authorName: '' }, { hasCover: true, categoryIds: [1] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.param)).toEqual(['title', 'categoryId', 'bodyHtml', 'authorName', 'coverAlt']);
    const r2 = checkArticle({ ...good, categoryId: 9, bodyHtml: '<script>x</script>' }, { hasCover: true, categoryIds: [1] });
    if (!r2.ok) expect(r2.errors).toEqual([
      { param: 'categoryId', message: 'Chọn chuyên mục.' },
      { param: 'bodyHtml', message: 'Nhập nội dung bài viết.' },
      { param: 'coverAlt', message: 'Nhập mô tả ảnh đại diện cho người không xem được ảnh.' },
    ]);
  });
  it('a published article with a future time is scheduled', () => {
    const now = new Date('2026-11-26T00:00:00Z');
    expect(statusOf({ state: 'draft', publishAt: null }, now)).toBe('draft');
    expect(statusOf({ state: 'published', publishAt: new Date('2026-11-27T00:00:00Z') }, now)).toBe('scheduled');
    expect(statusOf({ state: 'published', publishAt: now }, now)).toBe('published');
  });
  it('reads Vietnam time from the schedule fields', () => {
    expect(parseVnMoment('01', '12', '2026', '07:30')?.toISOString()).toBe('2026-12-01T00:30:00.000Z');
    expect(parseVnMoment('31', '02', '2027', '07:30')).toBeNull();
    expect(parseVnMoment('1', '1', '2027', '25:00')).toBeNull();
  });
});
