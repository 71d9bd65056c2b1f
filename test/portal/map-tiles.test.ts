import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBoundary } from '../../src/portal/map/geojson.js';
import { fitProjection } from '../../src/portal/map/projection.js';
import { samplePlaces } from '../../src/portal/map/seed.js';
import { mapProjection } from '../../src/portal/map/svg.js';
import {
  chooseTileZoom, DEFAULT_TILE_ATTRIBUTION, EXAMPLE_TILE_URL, MAX_TILES, parseTileSettings, placeTiles, tileLat, tileLon, tileOrigin, tilesAcross, tilesCovering, tileX, tileY,
} from '../../src/portal/map/tiles.js';

/** The OSM wiki's formulas ("Slippy map tilenames"), written as there, to check ours against. */
const wiki = (lon: number, lat: number, z: number) => {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
};

const tuMy = () => {
  const parsed = parseBoundary(readFileSync(new URL('../../src/portal/map/data/tu-my-18202.geojson', import.meta.url)));
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return mapProjection(parsed.value, samplePlaces(parsed.value))!;
};

describe('tile numbers', () => {
  it('gives the slippy-map tile of a point near Hà Tĩnh (105.9° Đ, 18.3° B)', () => {
    const tile = (z: number) => [Math.floor(tileX(105.9, z)), Math.floor(tileY(18.3, z))];
    expect(tile(8)).toEqual([203, 114]);
    expect(tile(13)).toEqual([6505, 3672]);
    expect(tile(17)).toEqual([104093, 58756]);
    for (const z of [8, 10, 12, 13, 14, 15, 16, 17]) expect(tile(z), `z ${z}`).toEqual(wiki(105.9, 18.3, z));
  });

  it('maps tile edges back to longitude and latitude (inverse of the tile numbers)', () => {
    expect(tileLon(0, 5)).toBe(-180);
    expect(tileLon(32, 5)).toBe(180);
    expect(tileLat(0, 0)).toBeCloseTo(85.0511, 4); // Web Mercator's edge
    expect(tileLat(1, 1)).toBeCloseTo(0, 9);
    expect(tileLon(6505, 13)).toBeLessThanOrEqual(105.9);
    expect(tileLon(6506, 13)).toBeGreaterThan(105.9);
    expect(tileLat(3672, 13)).toBeGreaterThanOrEqual(18.3);
    expect(tileLat(3673, 13)).toBeLessThan(18.3);
    expect(tileY(tileLat(3672.25, 13), 13)).toBeCloseTo(3672.25, 9);
  });

  it('covers a bbox with whole tiles, row by row from the north-west', () => {
    const tiles = tilesCovering({ minLon: 105.9, minLat: 18.3, maxLon: 105.95, maxLat: 18.35 }, 13);
    expect(tiles[0]).toEqual({ z: 13, x: 6505, y: Math.floor(tileY(18.35, 13)) });
    expect(tiles.at(-1)).toEqual({ z: 13, x: Math.floor(tileX(105.95, 13)), y: 3672 });
    const columns = new Set(tiles.map((t) => t.x)).size;
    const rows = new Set(tiles.map((t) => t.y)).size;
    expect(tiles).toHaveLength(columns * rows);
  });

  it('keeps the drift between tile and map inside a tile under a pixel (the bound stated in tiles.ts)', () => {
    // The worst case: the smallest zoom at Việt Nam's northern tip. Mercator's row of the latitude halfway down a
    // tile, against where our projection (linear in latitude between the tile's edges) puts it.
    const z = 8;
    const y = Math.floor(tileY(23.4, z));
    const [north, south] = [tileLat(y, z), tileLat(y + 1, z)];
    const drift = Math.abs(tileY((north + south) / 2, z) - (y + 0.5));
    expect(drift * 256).toBeLessThan(0.35);
  });
});

describe('zoom and tiles for the map', () => {
  it('shows the demo Tứ Mỹ map at zoom 14: 3 to 6 tiles across, 30 tiles in all', () => {
    const projection = tuMy();
    const z = chooseTileZoom(projection.view)!;
    expect(z).toBe(14);
    expect(tilesAcross(projection.view, z)).toBeGreaterThan(3);
    expect(tilesAcross(projection.view, z)).toBeLessThanOrEqual(6);
    expect(tilesCovering(projection.view, z)).toHaveLength(30);
  });

  it('places the tiles edge to edge over the whole viewBox', () => {
    const projection = tuMy();
    const tiles = placeTiles(projection, 'https://tile.example.vn/{z}/{x}/{y}.png');
    expect(tiles).toHaveLength(30);
    expect(tiles[0]!.href).toBe('https://tile.example.vn/14/12992/7331.png');
    const right = (t: (typeof tiles)[number]) => Math.round((t.x + t.width) * 10);
    const bottom = (t: (typeof tiles)[number]) => Math.round((t.y + t.height) * 10);
    expect(tiles[1]!.x * 10).toBe(right(tiles[0]!)); // no gap, no overlap
    expect(tiles[5]!.y * 10).toBe(bottom(tiles[0]!));
    expect(Math.min(...tiles.map((t) => t.x))).toBeLessThanOrEqual(0);
    expect(Math.min(...tiles.map((t) => t.y))).toBeLessThanOrEqual(0);
    expect(Math.max(...tiles.map((t) => t.x + t.width))).toBeGreaterThanOrEqual(projection.width);
    expect(Math.max(...tiles.map((t) => t.y + t.height))).toBeGreaterThanOrEqual(projection.height);
    for (const t of tiles) expect(t.width).toBeCloseTo(270, -1); // about square at this latitude
  });

  it('clamps the zoom to 8..17 and gives up on areas wider than a province', () => {
    expect(chooseTileZoom({ minLon: 105.9, minLat: 18.3, maxLon: 105.9001, maxLat: 18.3001 })).toBe(17);
    expect(chooseTileZoom({ minLon: 105, minLat: 18, maxLon: 107, maxLat: 19 })).toBe(10); // 5.7 tiles across
    expect(chooseTileZoom({ minLon: 100, minLat: 18, maxLon: 110, maxLat: 19 })).toBe(8); // 7.1 across, no smaller zoom
    expect(chooseTileZoom({ minLon: 102, minLat: 8, maxLon: 110, maxLat: 24 })).toBeNull();
    const tall = { minLon: 105.5, minLat: 18, maxLon: 105.6, maxLat: 18.5 }; // five times as tall as wide
    expect(tilesCovering(tall, chooseTileZoom(tall)!).length).toBeLessThanOrEqual(MAX_TILES);
    expect(placeTiles(fitProjection({ minLon: 102, minLat: 8, maxLon: 110, maxLat: 24 }), 'https://t.vn/{z}/{x}/{y}.png')).toEqual([]);
  });
});

describe('the tile URL template', () => {
  const url = (tileUrl: string) => parseTileSettings({ tileUrl, tileAttribution: '' });
  const refusal = (tileUrl: string) => {
    const r = url(tileUrl);
    return r.ok ? null : r.errors.map((e) => `${e.param}: ${e.message}`).join('; ');
  };

  it('accepts an https template with {z}, {x} and {y} and gives its origin', () => {
    expect(url(' https://tile.openstreetmap.org/{z}/{x}/{y}.png ')).toEqual({
      ok: true,
      value: { url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: DEFAULT_TILE_ATTRIBUTION },
    });
    expect(url('https://maps.example.vn:8443/tiles/{z}/{y}/{x}?style=basic&key=abc')).toMatchObject({ ok: true });
    expect(tileOrigin('https://maps.example.vn:8443/tiles/{z}/{y}/{x}?style=basic')).toBe('https://maps.example.vn:8443');
  });

  it('turns the layer off when the address is empty', () => {
    expect(parseTileSettings({ tileUrl: '  ', tileAttribution: 'x' })).toEqual({ ok: true, value: null });
    expect(parseTileSettings({})).toEqual({ ok: true, value: null });
  });

  it('refuses what is not https, lacks a placeholder, has other placeholders, quotes or spaces, or a variable host', () => {
    expect(refusal('http://tile.openstreetmap.org/{z}/{x}/{y}.png')).toContain('phải bắt đầu bằng https://');
    expect(refusal('javascript:alert(1)//{z}{x}{y}')).toContain('phải bắt đầu bằng https://');
    expect(refusal('https://tile.openstreetmap.org/{z}/{x}.png')).toContain('phải có đủ {z}, {x} và {y}');
    expect(refusal('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png')).toContain('chỉ được có các chỗ thay {z}, {x} và {y}');
    expect(refusal('https://tile.osm.org/{z}/{x}/{y}.png" onload="alert(1)')).toContain('không được chứa dấu cách, dấu nháy');
    expect(refusal("https://tile.osm.org/{z}/{x}/{y}.png'")).toContain('dấu nháy');
    expect(refusal('https://tile.osm.org/{z}/{x}/{y}.png<')).toContain('dấu < >');
    expect(refusal('https://a{z}.example.vn/{x}/{y}.png')).toContain('Tên máy chủ ảnh nền phải viết cố định');
    expect(refusal('https://user:pw@tile.example.vn/{z}/{x}/{y}.png')).toContain('không kèm tên đăng nhập');
    expect(refusal('https://[::1/{z}/{x}/{y}.png')).toContain('không hợp lệ');
    expect(refusal(`https://tile.example.vn/${'a'.repeat(500)}/{z}/{x}/{y}.png`)).toContain('dài quá 500 ký tự');
    expect(refusal('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBeNull();
  });

  it('keeps the credit line on one line, NFC, at most 200 characters', () => {
    const r = parseTileSettings({ tileUrl: EXAMPLE_TILE_URL, tileAttribution: ' © Bản đồ\nsố\u0000 Việt ' });
    expect(r).toEqual({ ok: true, value: { url: EXAMPLE_TILE_URL, attribution: '© Bản đồ số Việt' } });
    expect(parseTileSettings({ tileUrl: EXAMPLE_TILE_URL, tileAttribution: 'x'.repeat(201) })).toEqual({
      ok: false,
      errors: [{ param: 'tileAttribution', message: 'Dòng ghi nguồn ảnh nền dài quá 200 ký tự.' }],
    });
  });
});
