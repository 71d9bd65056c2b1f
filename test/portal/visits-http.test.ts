import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { vnDate } from '../../src/platform/clock.js';
import { getSetting } from '../../src/platform/settings.js';
import { VISITS_SECRET_KEY } from '../../src/portal/visits/tracker.js';

const IP = '203.0.113.77';
const OTHER_IP = '203.0.113.78';
const CHROME = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0';

describe('visitor statistics over HTTP', () => {
  let app: TestApp;
  const view = (url: string, ip = IP, userAgent = CHROME, headers: Record<string, string> = {}) =>
    app.server.inject({ method: 'GET', url, remoteAddress: ip, headers: { accept: 'text/html', 'user-agent': userAgent, ...headers } });
  const stored = () => app.db.rows<{ path: string; views: string; visits: string }>(sql`select path, views::text, visits::text from site_visits_daily order by path`);

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.dispose();
  });

  it('counts public HTML page views in memory, one visit per visitor, and writes them at the flush', async () => {
    for (let i = 0; i < 5; i++) expect((await view(`/?lan=${i}`)).statusCode).toBe(200); // a script reloading the home page
    expect((await view('/thu-tuc?q=khai+sinh', IP, FIREFOX)).statusCode).toBe(200); // same IP, other browser
    expect((await view('/thu-tuc', OTHER_IP)).statusCode).toBe(200); // same browser, other IP
    // not counted: bots, assets, JSON, health, missing pages, prefetches, HEAD
    expect((await view('/', IP, 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')).statusCode).toBe(200);
    expect((await view('/', IP, 'Mozilla/5.0 (Windows NT 10.0) Chrome/130.0 Chrome-Lighthouse')).statusCode).toBe(200);
    expect((await view('/static/app.css')).statusCode).toBe(200);
    expect((await view('/healthz')).statusCode).toBe(200);
    expect((await view('/api/openapi.json')).statusCode).toBe(200);
    expect((await view('/khong-co-trang-nay')).statusCode).toBe(404);
    expect((await view('/', '203.0.113.99', CHROME, { 'sec-purpose': 'prefetch' })).statusCode).toBe(200);
    expect((await app.server.inject({ method: 'HEAD', url: '/', remoteAddress: '203.0.113.98', headers: { 'user-agent': CHROME } })).statusCode).toBe(200);

    expect(await stored()).toEqual([]); // nothing written per page view
    expect(app.server.visits.figures(app.server.sites.fallback().unitId)).toEqual({ total: 3, online: 3 });

    await app.server.visits.flush();
    expect(await stored()).toEqual([
      { path: '/', views: '5', visits: '1' },
      { path: '/thu-tuc', views: '2', visits: '2' },
    ]);
    const day = vnDate(new Date());
    const days = await app.db.rows<{ day: string }>(sql`select distinct to_char(day, 'YYYY-MM-DD') as day from site_visits_daily`);
    expect(days).toEqual([{ day }]);
  });

  it('shows "Lượt truy cập" and "Đang trực tuyến" in the footer of public pages', async () => {
    const home = await view('/', OTHER_IP); // a view within the visit: no new visit
    expect(home.body).toContain('Lượt truy cập: 3 · Đang trực tuyến: 3');
    const procedures = await view('/thu-tuc', '203.0.113.80'); // rendered before this new visitor is counted
    expect(procedures.body).toMatch(/<p class="visitors">Lượt truy cập: 3 · Đang trực tuyến: 3<\/p>/);
    expect((await view('/')).body).toContain('Lượt truy cập: 4 · Đang trực tuyến: 4');
  });

  it('stores no IP address, User-Agent or value derived from them in any table', async () => {
    await app.server.visits.flush();
    const secret = (await getSetting(app.db, VISITS_SECRET_KEY))!;
    expect(secret).toBeTruthy();
    const dayKey = createHmac('sha256', secret).update(`xaso.visits:${vnDate(new Date())}`).digest();
    const forbidden = [IP, OTHER_IP, '203.0.113.80', CHROME, FIREFOX, 'Chrome/130.0'];
    for (const ip of [IP, OTHER_IP]) {
      for (const ua of [CHROME, FIREFOX]) {
        const mac = createHmac('sha256', dayKey).update(`${ip}\n${ua}`).digest();
        forbidden.push(mac.toString('base64url').slice(0, 22), mac.toString('hex').slice(0, 16), mac.toString('base64').slice(0, 16));
      }
      forbidden.push(createHash('sha256').update(ip).digest('hex').slice(0, 16));
    }
    const hits = await app.db.withRawTransaction(async (tx) => {
      const columns = await tx.query<{ table_name: string; column_name: string }>(
        `select table_name, column_name from information_schema.columns
         where table_schema = current_schema() and data_type in ('text', 'character varying', 'jsonb', 'json', 'bytea', 'inet', 'ARRAY')`,
      );
      expect(columns.some((c) => c.table_name === 'site_visits_daily' && c.column_name === 'path')).toBe(true);
      const found: string[] = [];
      for (const c of columns) {
        for (const value of [...forbidden, '/thu-tuc']) {
          const rows = await tx.query<{ n: number }>(
            `select count(*)::int as n from "${c.table_name}" where position($1 in encode(convert_to("${c.column_name}"::text, 'UTF8'), 'escape')) > 0`,
            [value],
          );
          if (rows[0]!.n > 0) found.push(`${c.table_name}.${c.column_name}: ${value}`);
        }
      }
      return found;
    });
    expect(hits).toEqual(['site_visits_daily.path: /thu-tuc']); // the scan finds what is there (control)
  });

  it('the statistics page is for the editor and the administrator of the site unit only', async () => {
    const anonymous = await view('/quan-tri/thong-ke-truy-cap');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/dang-nhap/);
    for (const username of ['congdan', 'tumy.tiepnhan', 'thanhsen.tiepnhan']) {
      const c = new TestClient(app);
      await c.login(username);
      expect((await c.get('/quan-tri/thong-ke-truy-cap')).statusCode, username).toBe(403);
    }
    for (const username of ['tumy.bientap', 'tumy.quantri']) {
      const c = new TestClient(app);
      await c.login(username);
      const page = await c.get('/quan-tri/thong-ke-truy-cap?ky=7');
      expect(page.statusCode, username).toBe(200);
      expect(page.body).toContain('Thống kê truy cập');
      expect(page.body).toMatch(/<td data-label="Trang"><a href="\/">\/<\/a><\/td>\s*<td class="num" data-label="Lượt xem trang">\d+<\/td>/);
      expect(page.body).toContain('<option value="7" selected>7 ngày gần nhất</option>');
      expect(page.body).toContain(`<td data-label="Ngày">${vnDate(new Date()).split('-').reverse().join('/')}</td>`);
    }
  });

  it('flushes what is left when the server closes', async () => {
    const before = Number((await app.db.rows<{ n: string }>(sql`select coalesce(sum(views), 0)::text as n from site_visits_daily`))[0]!.n);
    await view('/tra-cuu', '203.0.113.90');
    await view('/tra-cuu', '203.0.113.90');
    await app.server.close();
    const rows = await app.db.rows<{ n: string }>(sql`select coalesce(sum(views), 0)::text as n from site_visits_daily`);
    expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(before + 2);
    expect(await app.db.rows(sql`select views::int, visits::int from site_visits_daily where path = '/tra-cuu'`)).toEqual([{ views: 2, visits: 1 }]);
  });
});
