import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { setSetting } from '../../src/platform/settings.js';

const ring = (lon: number, lat: number, d = 0.02) => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
const geojson = (v: unknown) => ({ name: 'ban-do.geojson', content: Buffer.from(JSON.stringify(v)), type: 'application/geo+json' });
const boundary = {
  type: 'FeatureCollection',
  attribution: 'Nguồn: số liệu thử <b>in đậm</b>',
  features: [
    { type: 'Feature', properties: { fullName: 'Xã Thử' }, geometry: { type: 'MultiPolygon', coordinates: [[ring(105.5, 18.5)], [ring(105.53, 18.5, 0.01)]] } },
    { type: 'Feature', properties: { role: 'neighbour', name: 'Xã <script>Bên</script>' }, geometry: { type: 'Polygon', coordinates: [ring(105.48, 18.5)] } },
  ],
};
const places = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'Nhà văn hóa <thôn> Một', kind: 'nhaVanHoa', wifi: true, address: 'Thôn Một' }, geometry: { type: 'Point', coordinates: [105.51, 18.51] } },
    { type: 'Feature', properties: { name: 'Trường Mầm non', kind: 'truongHoc' }, geometry: { type: 'Point', coordinates: [105.512, 18.505] } },
  ],
};

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app?.dispose();
});

const layerRows = () => app.db.rows<{ kind: string; data: unknown }>(sql`select kind, data from portal_map_layers order by kind`);
const audits = () => app.db.rows<{ action: string; details: Record<string, unknown> }>(sql`select action, details from audit_log where action like 'portal.map.%' order by id`);

describe('/ban-do (public)', () => {
  it('shows the seeded Tứ Mỹ boundary as an accessible SVG, the legend and the sample places in a table', async () => {
    const res = await new TestClient(app).get('/ban-do');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<h1>Bản đồ hành chính Xã Tứ Mỹ</h1>');
    expect(html).toMatch(/<svg class="map-svg" viewBox="0 0 1000 [\d.]+" role="img" aria-labelledby="commune-map-title commune-map-desc"/);
    expect(html).toContain('<title id="commune-map-title">Bản đồ hành chính Xã Tứ Mỹ</title>');
    expect(html).toMatch(/<desc id="commune-map-desc">Ranh giới hành chính Xã Tứ Mỹ, giáp Xã Hương Sơn/);
    expect(html).toContain('class="map-commune"');
    expect(html.match(/class="map-neighbour"/g)!.length).toBeGreaterThanOrEqual(6);
    expect(html).toContain('<caption>Các địa điểm trên bản đồ</caption>');
    expect(html.match(/\(điểm mẫu\)/g)!.length).toBe(5);
    expect(html).toContain('Nhà văn hóa (có wifi công cộng)');
    expect(html).toMatch(/18,5\d{4}° B, 105,5\d{4}° Đ/);
    expect(html).toContain('sapnhap.bando.com.vn');
    expect(Buffer.byteLength(html)).toBeLessThan(60 * 1024);
    expect(html).not.toContain('trực tuyến</a>'); // no online map unless configured
    expect(res.headers['content-security-policy']).toContain("img-src 'self' data:");
  });

  it('links each place and the area to an online map when the setting is configured', async () => {
    await setSetting(app.db, 'portal.map.onlineMapUrl', 'https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}');
    try {
      const html = (await new TestClient(app).get('/ban-do')).body;
      expect(html).toMatch(/<a href="https:\/\/www\.openstreetmap\.org\/\?mlat=18\.5\d{4}&(amp;)?mlon=105\.5\d{4}#map=17\/18\.5\d{4}\/105\.5\d{4}" rel="noopener noreferrer">/);
      expect(html).toContain('xem khu vực này trên bản đồ trực tuyến');
    } finally {
      await app.db.rows(sql`delete from settings where key = 'portal.map.onlineMapUrl'`);
    }
  });
});

describe('/quan-tri/ban-do (admin)', () => {
  it('is for the commune admin and editor only: signed out → sign-in, other staff → 403', async () => {
    const anon = await new TestClient(app).get('/quan-tri/ban-do');
    expect(anon.statusCode).toBe(303);
    for (const user of ['tumy.tiepnhan', 'thanhsen.tiepnhan', 'congdan']) {
      const c = new TestClient(app);
      await c.login(user);
      expect((await c.get('/quan-tri/ban-do')).statusCode, user).toBe(403);
      expect((await c.postMultipart('/quan-tri/ban-do/ranh-gioi', geojson(boundary))).statusCode, user).toBe(403);
    }
    for (const user of ['tumy.quantri', 'tumy.bientap']) {
      const c = new TestClient(app);
      await c.login(user);
      const res = await c.get('/quan-tri/ban-do');
      expect(res.statusCode, user).toBe(200);
      expect(res.body).toContain('Tệp ranh giới (GeoJSON)');
    }
  });

  it('refuses a post without the CSRF token and changes nothing', async () => {
    const c = new TestClient(app);
    await c.login('tumy.quantri');
    const before = await layerRows();
    const boundaryText = '----x';
    const payload = Buffer.from(`--${boundaryText}\r\nContent-Disposition: form-data; name="file"; filename="a.geojson"\r\nContent-Type: application/geo+json\r\n\r\n${JSON.stringify(boundary)}\r\n--${boundaryText}--\r\n`);
    const res = await app.server.inject({
      method: 'POST', url: '/quan-tri/ban-do/ranh-gioi', payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundaryText}`, accept: 'text/html', cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.statusCode).toBe(403);
    expect(await layerRows()).toEqual(before);
  });

  it('shows the reasons for a bad file and keeps the old layer', async () => {
    const c = new TestClient(app);
    await c.login('tumy.quantri');
    const before = await layerRows();
    const bad = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring(18.5, 105.5)] } }] };
    const res = await c.postMultipart('/quan-tri/ban-do/ranh-gioi', geojson(bad));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<h2 id="error-summary-title">Tệp chưa được nhận</h2>');
    expect(res.body).toContain('Đối tượng thứ 1: Tọa độ nằm ngoài lãnh thổ Việt Nam');
    expect(res.body).toContain('aria-invalid="true"');
    const notJson = await c.postMultipart('/quan-tri/ban-do/dia-diem', { name: 'a.kml', content: Buffer.from('<kml/>'), type: 'application/xml' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.body).toContain('Tệp không phải JSON hợp lệ');
    const big = await c.postMultipart('/quan-tri/ban-do/dia-diem', { name: 'big.geojson', content: Buffer.alloc(5 * 1024 * 1024 + 10, 0x20), type: 'application/geo+json' });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('Tệp quá lớn: tối đa 5 MB.');
    expect(await layerRows()).toEqual(before);
    expect(await audits()).toEqual([]);
  });

  it('replaces the boundary and the places, audits each upload, and the public page draws them (escaped)', async () => {
    const c = new TestClient(app);
    await c.login('tumy.bientap');
    const r1 = await c.postMultipart('/quan-tri/ban-do/ranh-gioi', geojson(boundary));
    expect(r1.statusCode).toBe(303);
    expect(r1.headers.location).toBe('/quan-tri/ban-do?da=ranh-gioi');
    const r2 = await c.postMultipart('/quan-tri/ban-do/dia-diem', geojson(places));
    expect(r2.statusCode).toBe(303);
    expect((await c.get('/quan-tri/ban-do?da=dia-diem')).body).toContain('Đã thay danh sách địa điểm.');

    const log = await audits();
    expect(log.map((a) => a.action)).toEqual(['portal.map.boundary.replace', 'portal.map.places.replace']);
    expect(log[0]!.details).toMatchObject({ fileName: 'ban-do.geojson', communes: 1, neighbours: 1 });
    expect(log[1]!.details).toMatchObject({ places: 2 });

    const html = (await new TestClient(app).get('/ban-do')).body;
    expect(html).not.toContain('điểm mẫu');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toMatch(/Nhà văn hóa &lt;thôn(&gt;|>) Một/);
    expect(html).toMatch(/Nguồn: số liệu thử &lt;b(&gt;|>)in đậm&lt;\/b/);
    expect(html).toMatch(/giáp Xã &lt;script(&gt;|>)Bên&lt;\/script/);
    // the MultiPolygon's two parts, each a closed subpath
    const commune = /<path class="map-commune" d="([^"]+)"/.exec(html)![1]!;
    expect(commune.match(/M/g)).toHaveLength(2);
    expect(html).toContain('Nhà văn hóa có wifi công cộng (vòng tròn nét đứt)');
    expect(html.match(/<tr><td data-label="Số">/g)).toHaveLength(2);
  });
});
