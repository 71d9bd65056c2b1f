import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { DEMO_PASSWORD } from '../../src/identity/index.js';
import { normalHost, openSiteDirectory, saveSite, siteAddress, SiteError } from '../../src/portal/sites/index.js';
import { findUnitByCode } from '../../src/identity/index.js';
import { runSiteCommand, siteUsageError } from '../../src/portal/sites/cli.js';

// The demo opens two websites in one installation: Xã Tứ Mỹ (18202, the default, tumy.localhost) and
// Phường Thành Sen (18073, thanhsen.localhost), each with its own articles.
let app: TestApp;
const TU_MY_NEWS = 'Trung tâm Phục vụ hành chính công xã Tứ Mỹ hướng dẫn nộp hồ sơ trực tuyến';
const THANH_SEN_NEWS = 'Phường Thành Sen tiếp nhận hồ sơ trực tuyến trên trang thông tin của phường';

const visitor = () => new TestClient(app);
const get = (url: string, host?: string) => visitor().get(url, host ? { host } : {});
const slugOf = async (title: string) =>
  String((await app.db.rows<{ slug: string }>(sql`select slug from articles where title = ${title}`))[0]!.slug);
/** The page shows the one site's article and not the other's. */
function showsOnly(html: string, shown: string, hidden: string) {
  expect(html).toContain(shown);
  expect(html).not.toContain(hidden);
}
const hrefs = (html: string) => [...html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)].map((m) => m[1]!);

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app?.dispose();
});

describe('the site of a request', () => {
  it('is chosen by host name, in any case and with any port', async () => {
    const sen = await get('/', 'thanhsen.localhost');
    expect(sen.statusCode).toBe(200);
    expect(sen.body).toContain('Phường Thành Sen');
    showsOnly(sen.body, THANH_SEN_NEWS, TU_MY_NEWS);
    showsOnly((await get('/', 'TUMY.localhost:8080')).body, TU_MY_NEWS, THANH_SEN_NEWS);
  });

  it('is the default site (setting site.unitCode, else the demo commune) for any other host', async () => {
    const res = await get('/', 'unknown.example.vn');
    expect(res.body).toContain('Xã Tứ Mỹ');
    expect(res.body).toContain(TU_MY_NEWS);
  });

  it("keeps each site's content to itself: another commune's article is not found", async () => {
    const slug = await slugOf(TU_MY_NEWS);
    expect((await get(`/tin-tuc/${slug}`, 'tumy.localhost')).statusCode).toBe(200);
    expect((await get(`/tin-tuc/${slug}`, 'thanhsen.localhost')).statusCode).toBe(404);
    showsOnly((await get('/tim-kiem?q=truc+tuyen', 'thanhsen.localhost')).body, THANH_SEN_NEWS, TU_MY_NEWS);
  });

  it('gives canonical links, feeds and the sitemap the host name the reader used', async () => {
    const home = await get('/', 'thanhsen.localhost:3000');
    expect(home.body).toContain('<link rel="canonical" href="http://thanhsen.localhost:3000/"');
    const rss = await get('/rss.xml', 'thanhsen.localhost:3000');
    expect(rss.body).toContain(`http://thanhsen.localhost:3000/tin-tuc/${await slugOf(THANH_SEN_NEWS)}`);
    expect(rss.body).not.toContain('tumy');
    const sitemap = await get('/sitemap.xml', 'thanhsen.localhost:3000');
    expect(sitemap.body).toContain('<loc>http://thanhsen.localhost:3000/gioi-thieu/lich-su</loc>');
    expect(sitemap.body).not.toContain(await slugOf(TU_MY_NEWS));
  });

  it("lets only the site's own editors edit it", async () => {
    const tuMyEditor = new TestClient(app);
    await tuMyEditor.postForm('/dang-nhap', { username: 'tumy.bientap', password: DEMO_PASSWORD });
    expect((await tuMyEditor.get('/quan-tri/tin-bai', { host: 'tumy.localhost' })).statusCode).toBe(200);
    expect((await tuMyEditor.get('/quan-tri/tin-bai', { host: 'thanhsen.localhost' })).statusCode).toBe(403);
    const senEditor = new TestClient(app);
    await senEditor.postForm('/dang-nhap', { username: 'thanhsen.bientap', password: DEMO_PASSWORD });
    const own = await senEditor.get('/quan-tri/tin-bai', { host: 'thanhsen.localhost' });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(THANH_SEN_NEWS);
  });
});

describe('the path fallback /xa/<code>/', () => {
  it("serves the unit's site from any host, and every link of the page stays under the prefix", async () => {
    const res = await get('/xa/18073/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(THANH_SEN_NEWS);
    const local = hrefs(res.body).filter((h) => h.startsWith('/'));
    expect(local.length).toBeGreaterThan(10);
    expect(local.filter((h) => !h.startsWith('/xa/18073/'))).toEqual([]);
    expect(res.body).toContain('<link rel="canonical" href="http://localhost:80/xa/18073/"');
  });

  it('follows its own links: the article, the stylesheet and the search', async () => {
    const home = await get('/xa/18073');
    const article = hrefs(home.body).find((h) => h.startsWith('/xa/18073/tin-tuc/') && h.length > '/xa/18073/tin-tuc/'.length)!;
    const page = await get(article);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(THANH_SEN_NEWS);
    const css = hrefs(home.body).find((h) => h.endsWith('.css'))!;
    expect((await get(css)).statusCode).toBe(200);
    const search = await get('/xa/18073/tim-kiem?q=thanh+sen');
    expect(search.body).toContain(THANH_SEN_NEWS);
  });

  it('keeps redirects under the prefix', async () => {
    const res = await get('/xa/18073/quan-tri/tin-bai');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/xa\/18073\/dang-nhap\?tiep=/);
  });

  it('is 404 for a unit without a site, and leaves other addresses alone', async () => {
    expect((await get('/xa/99999/')).statusCode).toBe(404);
    expect((await get('/xa/18202x/')).statusCode).toBe(404);
    const plain = await get('/');
    expect(hrefs(plain.body).some((h) => h.startsWith('/xa/'))).toBe(false);
  });
});

describe('opening a site', () => {
  it('gives messages sent outside a request the address of the unit\'s own site', async () => {
    const sites = await openSiteDirectory(app.db, '18202');
    const unit = async (code: string) => (await findUnitByCode(app.db, code))!.id;
    expect(siteAddress(sites, await unit('18073'), 'http://127.0.0.1:3000')).toBe('http://thanhsen.localhost:3000');
    expect(siteAddress(sites, await unit('18202'), 'https://tumy.hatinh.gov.vn/'), 'the default site is the installation address').toBe('https://tumy.hatinh.gov.vn');
    await app.db.rows(sql`update sites set host = null where unit_id = ${await unit('18073')}`);
    await sites.refresh();
    expect(siteAddress(sites, await unit('18073'), 'https://dichvucong.hatinh.gov.vn')).toBe('https://dichvucong.hatinh.gov.vn/xa/18073');
    await app.db.rows(sql`update sites set host = 'thanhsen.localhost' where unit_id = ${await unit('18073')}`);
    expect(siteAddress(sites, (await findUnitByCode(app.db, '42'))!.id, 'https://dichvucong.hatinh.gov.vn')).toBe('https://dichvucong.hatinh.gov.vn'); // no site
  });

  it('accepts host names only, one site per host', async () => {
    expect(normalHost('TuMy.HaTinh.gov.vn.')).toBe('tumy.hatinh.gov.vn');
    expect(normalHost('a b.vn')).toBeNull();
    expect(normalHost('-x.vn')).toBeNull();
    await expect(saveSite(app.db, '18202', 'javascript:alert(1)')).rejects.toThrow(SiteError);
    await expect(saveSite(app.db, '18202', 'thanhsen.localhost')).rejects.toThrow('đã dùng');
    await expect(saveSite(app.db, '00000')).rejects.toThrow('Không có đơn vị');
  });

  it('xaso site add opens a new commune with its mandatory pages, reachable after a refresh, and is audited', async () => {
    const unit = (await app.db.rows<{ code: string; full_name: string }>(sql`select code, full_name from units where kind = 'commune'
      and id not in (select unit_id from sites) order by code limit 1`))[0]!;
    const code = String(unit.code);
    const lines: string[] = [];
    expect(siteUsageError({ sub: 'add', code, domain: 'x.vn', noDomain: true })).not.toBeNull();
    expect(await runSiteCommand(app.db, { sub: 'add', code, domain: 'moi.example.vn', noDomain: false }, (l) => lines.push(l))).toBe(0);
    expect((await get('/', 'moi.example.vn')).body).toContain('UBND Xã Tứ Mỹ'); // not yet: instances refresh every 30 s
    await app.server.sites.refresh();
    const home = await get('/gioi-thieu', 'moi.example.vn');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(`UBND ${unit.full_name}`);
    expect(home.body).toContain('Bộ máy hành chính');
    expect(home.body).toContain('http://moi.example.vn/gioi-thieu');
    expect((await get(`/xa/${code}/gioi-thieu`)).statusCode).toBe(200);
    const logged = await app.db.rows(sql`select details from audit_log where action = 'site.save' and details->>'domain' = 'moi.example.vn'`);
    expect(logged).toHaveLength(1);
    lines.length = 0;
    await runSiteCommand(app.db, { sub: 'list', code: undefined, domain: undefined, noDomain: false }, (l) => lines.push(l));
    expect(lines.some((l) => l.startsWith(`${code}\t`) && l.includes('moi.example.vn'))).toBe(true);
  });
});
