import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { childText, findAll, parseXml } from '../helpers/xml.js';
import { createArticle, setPublished } from '../../src/portal/articles/store.js';
import { searchArticles } from '../../src/portal/search/store.js';
import { rfc822, xmlEscape } from '../../src/portal/search/xml.js';

let app: TestApp;
let unitId: number;
const visitor = () => new TestClient(app);
const EDITOR = { userId: null, fullName: 'Biên tập viên thử' };
const TRICKY = 'Thông báo "A & B" <khẩn> về đường điện';

async function article(title: string, opts: { category?: string; body?: string; at?: Date | null }) {
  const categoryId = Number((await app.db.rows<{ id: number }>(sql`select id from portal_categories where unit_id = ${unitId} and slug = ${opts.category ?? 'thong-bao'}`))[0]!.id);
  const a = await createArticle(app.db, unitId, EDITOR, { title, categoryId, summary: `Tóm tắt: ${title}`, bodyHtml: opts.body ?? '<p>Nội dung.</p>', authorName: EDITOR.fullName, coverAlt: '' }, null);
  if (opts.at !== null) await setPublished(app.db, unitId, a.id, EDITOR, opts.at ?? new Date(Date.now() - 60_000));
  return a;
}

beforeAll(async () => {
  app = await createTestApp({ env: { XASO_PUBLIC_URL: 'https://tumy.example.vn' } });
  unitId = app.server.sites.fallback().unitId;
  await article('Thông báo tiêm chủng mở rộng đợt 2', { body: '<p>Trạm y tế xã tổ chức <strong>tiêm vắc-xin</strong> cho trẻ em tại thôn Đông.</p>' });
  await article('Lịch đổ rác ở thôn Bắc', { category: 'tin-tuc', body: '<p>Đội vệ sinh thu gom rác thải <em>ngày chủ nhật</em>.</p>' });
  await article('Bản nháp về tiêm chủng chưa đăng', { at: null });
  await article('Hẹn giờ tiêm chủng tuần sau', { at: new Date(Date.now() + 7 * 86_400_000) });
  await article(TRICKY, {});
});
afterAll(async () => {
  await app?.dispose();
});

describe('site search', () => {
  it('finds a published article and a procedure without diacritics, with đ typed as d', async () => {
    const res = await visitor().get('/tim-kiem?q=thong+bao+tiem+chung');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Thông báo tiêm chủng mở rộng đợt 2');
    expect(res.body).not.toContain('Bản nháp về tiêm chủng');
    expect(res.body).not.toContain('Hẹn giờ tiêm chủng');
    const birth = await visitor().get('/tim-kiem?q=dang+ky+khai+sinh');
    expect(birth.body).toMatch(/<h2 id="kq-thu-tuc">Thủ tục \(\d+\)<\/h2>/);
    expect(birth.body).toContain('>Đăng ký khai sinh<');
    expect(birth.body).toContain('href="/thu-tuc/1.001193"');
    // body text, not tags: "strong" is a tag name, "vac-xin" and "do rac" (đổ) are words
    expect((await searchArticles(app.db, unitId, 'vac xin thon dong', { now: new Date(), limit: 10, offset: 0 })).items.map((a) => a.title)).toEqual(['Thông báo tiêm chủng mở rộng đợt 2']);
    expect((await searchArticles(app.db, unitId, 'strong', { now: new Date(), limit: 10, offset: 0 })).total).toBe(0);
    expect((await searchArticles(app.db, unitId, 'DO RAC', { now: new Date(), limit: 10, offset: 0 })).items[0]?.title).toBe('Lịch đổ rác ở thôn Bắc');
  });

  it('ranks title matches first and pages the results', async () => {
    await article('Tin về thôn Tây', { category: 'tin-tuc', body: '<p>Nhắc lịch tiêm chủng cho trẻ.</p>' });
    const hits = await searchArticles(app.db, unitId, 'tiem chung', { now: new Date(), limit: 10, offset: 0 });
    expect(hits.total).toBe(2);
    expect(hits.items.map((h) => h.title)).toEqual(['Thông báo tiêm chủng mở rộng đợt 2', 'Tin về thôn Tây']);
    expect((await searchArticles(app.db, unitId, 'tiem chung', { now: new Date(), limit: 1, offset: 1 })).items.map((h) => h.title)).toEqual(['Tin về thôn Tây']);
    const many = await visitor().get('/tim-kiem?q=dang');
    expect(many.statusCode).toBe(200);
    expect(many.body).toContain('href="/tim-kiem?q=dang&trang=2"');
    const second = await visitor().get('/tim-kiem?q=dang&trang=2');
    expect(second.body).toContain('<span aria-current="page">2</span>');
  });

  it('escapes the query and shows only the form when empty', async () => {
    const res = await visitor().get('/tim-kiem?q=' + encodeURIComponent('"><script>alert(1)</script>'));
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('"><script>');
    expect(res.body).toContain('<title>Kết quả tìm kiếm: &#34;>&lt;script>');
    const empty = await visitor().get('/tim-kiem');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).not.toContain('kq-tin-bai');
  });
});

describe('RSS', () => {
  it('escapes XML and dates as RFC 822', () => {
    expect(xmlEscape(`a & b < c > d " e ' f\u0001`)).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f');
    expect(rfc822(new Date('2026-11-27T01:02:03Z'))).toBe('Fri, 27 Nov 2026 01:02:03 GMT');
  });

  it('/rss.xml is well-formed RSS 2.0 with the latest published articles and absolute links', async () => {
    const res = await visitor().get('/rss.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const rss = parseXml(res.body);
    expect(rss.name).toBe('rss');
    expect(rss.attributes.version).toBe('2.0');
    const items = findAll(rss, 'item');
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(20);
    const titles = items.map((i) => childText(i, 'title'));
    expect(titles).toContain(TRICKY);
    expect(titles).toContain('Thông báo tiêm chủng mở rộng đợt 2');
    expect(titles).not.toContain('Bản nháp về tiêm chủng chưa đăng');
    expect(titles).not.toContain('Hẹn giờ tiêm chủng tuần sau');
    for (const i of items) {
      expect(childText(i, 'link')).toMatch(/^https:\/\/tumy\.example\.vn\/tin-tuc\/[a-z0-9-]+$/);
      expect(childText(i, 'pubDate')).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    }
    const dates = items.map((i) => Date.parse(childText(i, 'pubDate')!));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });

  it('has a feed per category', async () => {
    const res = await visitor().get('/chuyen-muc/tin-tuc/rss.xml');
    expect(res.statusCode).toBe(200);
    const titles = findAll(parseXml(res.body), 'item').map((i) => childText(i, 'title'));
    expect(titles).toContain('Lịch đổ rác ở thôn Bắc');
    expect(titles).not.toContain(TRICKY);
    expect((await visitor().get('/chuyen-muc/khong-co/rss.xml')).statusCode).toBe(404);
  });
});

describe('sitemap and robots', () => {
  it('lists the site pages, published articles and procedures, not drafts nor scheduled articles', async () => {
    const a = await article('Bài mới đăng cho sitemap', {});
    const res = await visitor().get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const doc = parseXml(res.body);
    expect(doc.name).toBe('urlset');
    const locs = findAll(doc, 'loc').map((l) => l.text);
    const B = 'https://tumy.example.vn';
    for (const p of ['/', '/tin-tuc', '/thu-tuc', '/thu-tuc/1.001193', '/gioi-thieu', '/gioi-thieu/lich-su', '/ban-do', '/minh-bach', '/chuyen-muc/thong-bao', `/tin-tuc/${a.slug}`]) expect(locs).toContain(B + p);
    expect(locs.some((l) => l.includes('ban-nhap-ve-tiem-chung'))).toBe(false);
    expect(locs.some((l) => l.includes('hen-gio-tiem-chung'))).toBe(false);
    for (const m of findAll(doc, 'lastmod')) expect(m.text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('robots.txt points to the sitemap', async () => {
    const res = await visitor().get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toContain('Sitemap: https://tumy.example.vn/sitemap.xml');
    expect(res.body).toContain('Disallow: /quan-tri/');
  });
});

describe('layout: header search, feed link, canonical links', () => {
  it('every page has the header search form (GET /tim-kiem, labelled) and links the RSS feed', async () => {
    for (const path of ['/', '/thu-tuc', '/tim-kiem']) {
      const res = await visitor().get(path);
      expect(res.body, path).toMatch(/<form class="site-search" method="get" action="\/tim-kiem" role="search" aria-label="Tìm kiếm trên trang"><label class="visually-hidden" for="site-search-q">/);
      expect(res.body, path).toContain('<link rel="alternate" type="application/rss+xml" title="Tin tức – UBND Xã Tứ Mỹ" href="/rss.xml"/>');
    }
  });

  it('home, news, category and introduction pages carry one canonical link on the public URL', async () => {
    const cases = [['/', '/'], ['/tin-tuc', '/tin-tuc'], ['/chuyen-muc/thong-bao?trang=1', '/chuyen-muc/thong-bao'], ['/gioi-thieu', '/gioi-thieu'], ['/gioi-thieu/lich-su', '/gioi-thieu/lich-su']] as const;
    for (const [path, canonical] of cases) {
      const res = await visitor().get(path);
      expect(res.body, path).toContain(`<link rel="canonical" href="https://tumy.example.vn${canonical}"/>`);
      expect(res.body.split('rel="canonical"').length, path).toBe(2);
    }
  });

  it('article pages keep their own canonical link and Open Graph tags; slugs have no diacritics', async () => {
    const res = await visitor().get('/tin-tuc/thong-bao-tiem-chung-mo-rong-dot-2');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<link rel="canonical" href="https://tumy.example.vn/tin-tuc/thong-bao-tiem-chung-mo-rong-dot-2"/>');
    expect(res.body.split('rel="canonical"').length).toBe(2);
    expect(res.body).toContain('<meta property="og:title" content="Thông báo tiêm chủng mở rộng đợt 2"/>');
    const slugs = await app.db.rows<{ slug: string }>(sql`select slug from articles`);
    for (const { slug } of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
