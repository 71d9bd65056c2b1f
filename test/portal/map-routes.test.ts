import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { setSetting } from '../../src/platform/settings.js';
import { contentSecurityPolicy } from '../../src/platform/http/index.js';
import { mapLayersOf } from '../../src/portal/map/store.js';
import { mapProjection } from '../../src/portal/map/svg.js';
import { DEFAULT_TILE_ATTRIBUTION, placeTiles } from '../../src/portal/map/tiles.js';

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

describe('the online base map (tile layer)', () => {
  const TILE_URL = 'https://tile.example.vn/osm/{z}/{x}/{y}.png';
  const unitIdOf = async (code: string) => (await app.db.rows<{ id: number }>(sql`select id from units where code = ${code}`))[0]!.id;
  const tileSettings = () => app.db.rows<{ key: string; value: string }>(sql`select key, value from settings where key like 'portal.map.tile%' order by key`);
  const tileAudits = () => app.db.rows<{ unit_id: number; details: Record<string, unknown> }>(sql`select unit_id, details from audit_log where action = 'portal.map.tiles.update' order by id`);
  const images = (html: string) => [...html.matchAll(/<image href="([^"]+)" x="(-?[\d.]+)" y="(-?[\d.]+)" width="([\d.]+)" height="([\d.]+)" preserveAspectRatio="none"><\/image>/g)];
  const editor = async (user = 'tumy.bientap') => {
    const c = new TestClient(app);
    await c.login(user);
    return c;
  };

  it('is off without the setting: no toggle, no tiles, the default policy (also with ?nen=truc-tuyen)', async () => {
    for (const url of ['/ban-do', '/ban-do?nen=truc-tuyen']) {
      const res = await new TestClient(app).get(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<image');
      expect(res.body).not.toContain('nền bản đồ trực tuyến');
      expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy());
    }
  });

  it('refuses a bad template with the reason next to the field and changes nothing', async () => {
    const c = await editor();
    const before = await tileSettings();
    const res = await c.postForm('/quan-tri/ban-do/nen-truc-tuyen', { tileUrl: 'http://tile.example.vn/{z}/{x}/{y}.png"', tileAttribution: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<h2 id="error-summary-title">Có lỗi cần sửa</h2>');
    expect(res.body).toMatch(/<a href="#tileUrl">Địa chỉ máy chủ ảnh nền không được chứa dấu cách, dấu nháy, dấu &lt; (>|&gt;) hay dấu \\\.<\/a>/);
    expect(res.body).toMatch(/<span class="error-message" id="tileUrl-error">Địa chỉ máy chủ ảnh nền không được chứa dấu cách/);
    expect(res.body).toMatch(/<input id="tileUrl" name="tileUrl" type="text" value="http:\/\/tile\.example\.vn\/\{z\}\/\{x\}\/\{y\}\.png(&quot;|&#34;)"/);
    expect(res.body).toContain('aria-describedby="tileUrl-hint tileUrl-error" aria-invalid="true"');
    const noHttps = await c.postForm('/quan-tri/ban-do/nen-truc-tuyen', { tileUrl: 'http://tile.example.vn/{z}/{x}/{y}.png', tileAttribution: '' });
    expect(noHttps.statusCode).toBe(400);
    expect(noHttps.body).toContain('Địa chỉ máy chủ ảnh nền phải bắt đầu bằng https://');
    expect(await tileSettings()).toEqual(before);
    expect(await tileAudits()).toEqual([]);
  });

  it('is set by the editors and admins of the site\'s unit only', async () => {
    const anon = await new TestClient(app).postForm('/quan-tri/ban-do/nen-truc-tuyen', { tileUrl: TILE_URL });
    expect(anon.statusCode).toBe(401);
    for (const user of ['tumy.tiepnhan', 'thanhsen.bientap', 'congdan']) {
      const res = await (await editor(user)).postForm('/quan-tri/ban-do/nen-truc-tuyen', { tileUrl: TILE_URL });
      expect(res.statusCode, user).toBe(403);
    }
    const noCsrf = await (await editor()).postForm('/quan-tri/ban-do/nen-truc-tuyen', { tileUrl: TILE_URL }, { csrf: false });
    expect(noCsrf.statusCode).toBe(403);
    expect(await tileSettings()).toEqual([]);
  });

  it('stores one setting per unit, audits it, and the map page draws the tiles behind the map on request', async () => {
    const [tuMy, thanhSen] = [await unitIdOf('18202'), await unitIdOf('18073')];
    const c = await editor('tumy.quantri');
    const saved = await c.postForm('/quan-tri/ban-do/nen-truc-tuyen', { tileUrl: ` ${TILE_URL} `, tileAttribution: '' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/quan-tri/ban-do?da=nen-truc-tuyen');
    const admin = (await c.get('/quan-tri/ban-do?da=nen-truc-tuyen')).body;
    expect(admin).toContain('Đã lưu nền bản đồ trực tuyến.');
    expect(admin).toContain(`value="${TILE_URL}"`);
    expect(await tileSettings()).toEqual([
      { key: `portal.map.tileAttribution.${tuMy}`, value: DEFAULT_TILE_ATTRIBUTION },
      { key: `portal.map.tileUrl.${tuMy}`, value: TILE_URL },
    ]);
    expect(await tileAudits()).toEqual([{ unit_id: tuMy, details: { tileUrl: TILE_URL, attribution: DEFAULT_TILE_ATTRIBUTION, before: null } }]);

    // Off by default: the page offers the layer and loads nothing from the tile server.
    const plain = await new TestClient(app).get('/ban-do');
    expect(plain.body).toContain('<a href="/ban-do?nen=truc-tuyen">Hiện nền bản đồ trực tuyến</a>');
    expect(plain.body).not.toContain('<image');
    expect(plain.headers['content-security-policy']).toBe(contentSecurityPolicy());

    const res = await new TestClient(app).get('/ban-do?nen=truc-tuyen');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    const layers = await mapLayersOf(app.db, tuMy);
    const expected = placeTiles(mapProjection(layers.boundary, layers.places?.places ?? [])!, TILE_URL);
    expect(expected.length).toBeGreaterThan(3);
    expect(images(html).map((m) => m[1])).toEqual(expected.map((t) => t.href));
    expect(images(html)[0]![1]).toMatch(/^https:\/\/tile\.example\.vn\/osm\/1[0-7]\/\d+\/\d+\.png$/);
    expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy({ imgSrc: ['https://tile.example.vn'] }));
    expect(res.headers['content-security-policy']).toContain("img-src 'self' data: https://tile.example.vn;");
    // behind the boundary and the places, hidden from assistive technology; the SVG keeps its name and description
    expect(html).toMatch(/<svg class="map-svg with-tiles" viewBox="[^"]+" role="img" aria-labelledby="commune-map-title commune-map-desc"/);
    expect(html.indexOf('<g class="map-tiles" aria-hidden="true">')).toBeLessThan(html.indexOf('class="map-commune"'));
    expect(html).toMatch(/<desc id="commune-map-desc">[^<]* Nền bản đồ: © Những người đóng góp OpenStreetMap\.<\/desc>/);
    expect(html).toContain('<p class="map-tile-credit">Nền bản đồ: © Những người đóng góp OpenStreetMap</p>');
    expect(html).toContain('<a href="/ban-do">Ẩn nền bản đồ trực tuyến</a>');

    // Thành Sen's editor sets Thành Sen's own layer (path fallback); Tứ Mỹ's stays as it was.
    const sen = await editor('thanhsen.bientap');
    const senSaved = await sen.postForm('/xa/18073/quan-tri/ban-do/nen-truc-tuyen', { tileUrl: 'https://maps.example.vn/{z}/{x}/{y}', tileAttribution: 'Bản đồ nền' });
    expect(senSaved.statusCode).toBe(303);
    expect(senSaved.headers.location).toBe('/xa/18073/quan-tri/ban-do?da=nen-truc-tuyen');
    expect(await tileSettings()).toContainEqual({ key: `portal.map.tileUrl.${thanhSen}`, value: 'https://maps.example.vn/{z}/{x}/{y}' });
    expect(await tileSettings()).toContainEqual({ key: `portal.map.tileUrl.${tuMy}`, value: TILE_URL });
    const again = await new TestClient(app).get('/ban-do?nen=truc-tuyen');
    expect(again.headers['content-security-policy']).not.toContain('maps.example.vn');

    // The credit line is text: escaped in the caption and in the SVG's description.
    await c.postForm('/quan-tri/ban-do/nen-truc-tuyen', { tileUrl: TILE_URL, tileAttribution: '<b>Nền</b> <script>x</script>' });
    const credited = (await new TestClient(app).get('/ban-do?nen=truc-tuyen')).body;
    expect(credited).not.toContain('<b>');
    expect(credited).not.toContain('<script>');
    expect(credited.match(/Nền bản đồ: &lt;b(>|&gt;)Nền&lt;\/b(>|&gt;) &lt;script(>|&gt;)x&lt;\/script/g)).toHaveLength(2);

    // An empty address turns it off again.
    const off = await c.postForm('/quan-tri/ban-do/nen-truc-tuyen', { tileUrl: '', tileAttribution: '' });
    expect(off.headers.location).toBe('/quan-tri/ban-do?da=tat-nen');
    const after = await new TestClient(app).get('/ban-do?nen=truc-tuyen');
    expect(after.body).not.toContain('<image');
    expect(after.body).not.toContain('nền bản đồ trực tuyến');
    expect(after.headers['content-security-policy']).toBe(contentSecurityPolicy());
  });
});
