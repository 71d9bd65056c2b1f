/**
 * The optional online base map of /ban-do: Web Mercator ("slippy map") raster tiles from a tile server, drawn by the
 * server as `<image>` elements inside the map's SVG, behind the boundary and the places. Pure: numbers and strings only.
 *
 * Placement: each tile is a rectangle between the projection of its north-west and south-east corners. Parallels and
 * meridians are straight in both our equirectangular projection and Web Mercator, so the corners and edges of every
 * tile land exactly; only inside a tile does Mercator's y (ln tan(π/4 + φ/2), not linear in φ) drift from our linear
 * latitude. The largest drift, halfway down a tile, is Δφ² · tan φ / 8 (Δφ the tile's height in radians), that is
 * Δφ · tan φ / 8 of the tile's height: at zoom ≥ 8 anywhere in Việt Nam (φ ≤ 23.4°) at most 0.12 % of the tile, a third of
 * one of its 256 pixels; at zoom 13, a commune's usual zoom, about 0.14 m on the ground. Negligible.
 */
import type { FieldError } from '../../platform/http/index.js';
import { round, type BBox, type Projection } from './projection.js';

export const MIN_TILE_ZOOM = 8;
export const MAX_TILE_ZOOM = 17;
/** The most tiles one page asks the tile server for. */
export const MAX_TILES = 36;
/** The zoom is the largest at which the map spans at most this many tiles across (so more than half as many). */
const MAX_ACROSS = 6;

/** The query parameter and value that turn the base map on for one page view (`/ban-do?nen=truc-tuyen`); off by default. */
export const TILES_PARAM = 'nen';
export const TILES_ON = 'truc-tuyen';

export const DEFAULT_TILE_ATTRIBUTION = '© Những người đóng góp OpenStreetMap';
export const EXAMPLE_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const MAX_URL_LENGTH = 500;
const MAX_ATTRIBUTION_LENGTH = 200;

/** A site's online base map: the tile URL template and the credit line its licence requires. */
export interface TileLayer {
  url: string;
  attribution: string;
}

export interface Tile {
  z: number;
  x: number;
  y: number;
}

/** Fractional tile column of a longitude at zoom z (OSM wiki, "Slippy map tilenames"). */
export const tileX = (lon: number, z: number) => ((lon + 180) / 360) * 2 ** z;

/** Fractional tile row of a latitude at zoom z: (1 − ln(tan φ + sec φ) / π) / 2 · 2^z; rows grow southward. */
export function tileY(lat: number, z: number): number {
  const phi = (lat * Math.PI) / 180;
  return ((1 - Math.asinh(Math.tan(phi)) / Math.PI) / 2) * 2 ** z;
}

/** Longitude of the west edge of tile column x (x + 1: its east edge). */
export const tileLon = (x: number, z: number) => (x / 2 ** z) * 360 - 180;

/** Latitude of the north edge of tile row y (y + 1: its south edge). */
export const tileLat = (y: number, z: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;

/** How many tiles wide the bbox is at zoom z (fractional). */
export const tilesAcross = (b: BBox, z: number) => tileX(b.maxLon, z) - tileX(b.minLon, z);

/** The tiles that cover the bbox at zoom z, row by row from the north-west. */
export function tilesCovering(b: BBox, z: number): Tile[] {
  const last = 2 ** z - 1;
  const index = (n: number) => Math.min(Math.max(n, 0), last);
  const [x0, x1] = [index(Math.floor(tileX(b.minLon, z))), index(Math.ceil(tileX(b.maxLon, z)) - 1)];
  const [y0, y1] = [index(Math.floor(tileY(b.maxLat, z))), index(Math.ceil(tileY(b.minLat, z)) - 1)];
  const tiles: Tile[] = [];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) tiles.push({ z, x, y });
  return tiles;
}

/**
 * The zoom for a map showing `b`: the largest in MIN_TILE_ZOOM..MAX_TILE_ZOOM at which it spans at most MAX_ACROSS
 * tiles across and needs at most MAX_TILES tiles; null when even the smallest zoom needs more (a province or wider).
 */
export function chooseTileZoom(b: BBox): number | null {
  const fits = Math.floor(Math.log2(MAX_ACROSS / tilesAcross(b, 0)));
  let z = Math.min(Math.max(Number.isFinite(fits) ? fits : MAX_TILE_ZOOM, MIN_TILE_ZOOM), MAX_TILE_ZOOM);
  while (z > MIN_TILE_ZOOM && tilesCovering(b, z).length > MAX_TILES) z--;
  return tilesCovering(b, z).length <= MAX_TILES ? z : null;
}

export const tileUrl = (template: string, t: Tile) => template.replaceAll('{z}', String(t.z)).replaceAll('{x}', String(t.x)).replaceAll('{y}', String(t.y));

/** The origin the reader's browser fetches tiles from (for the page's Content-Security-Policy). */
export const tileOrigin = (template: string) => new URL(tileUrl(template, { z: 0, x: 0, y: 0 })).origin;

export interface PlacedTile {
  href: string;
  /** Position and size in the map's SVG user units, rounded to 0.1 so that neighbouring tiles share their edges. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The tiles behind a map drawn with `projection`, each placed by its corners; none if the area is too large. */
export function placeTiles(projection: Projection, template: string): PlacedTile[] {
  const z = chooseTileZoom(projection.view);
  if (z === null) return [];
  return tilesCovering(projection.view, z).map((t) => {
    const [x0, y0] = projection.project([tileLon(t.x, z), tileLat(t.y, z)]).map((n) => round(n, 1)) as [number, number];
    const [x1, y1] = projection.project([tileLon(t.x + 1, z), tileLat(t.y + 1, z)]).map((n) => round(n, 1)) as [number, number];
    return { href: tileUrl(template, t), x: x0, y: y0, width: round(x1 - x0, 1), height: round(y1 - y0, 1) };
  });
}

/** Why a tile URL template is refused, or null when it is a usable one. */
function templateError(url: string): string | null {
  if (url.length > MAX_URL_LENGTH) return `Địa chỉ máy chủ ảnh nền dài quá ${MAX_URL_LENGTH} ký tự.`;
  if (/[\s"'`<>\\]/.test(url)) return 'Địa chỉ máy chủ ảnh nền không được chứa dấu cách, dấu nháy, dấu < > hay dấu \\.';
  if (!/^https:\/\//i.test(url)) return 'Địa chỉ máy chủ ảnh nền phải bắt đầu bằng https:// (kết nối được mã hóa).';
  if (!['{z}', '{x}', '{y}'].every((p) => url.includes(p))) return 'Địa chỉ máy chủ ảnh nền phải có đủ {z}, {x} và {y} (chỗ thay mức phóng to, cột và hàng của ô ảnh).';
  if (/[{}]/.test(url.replaceAll(/\{[zxy]\}/g, ''))) return 'Địa chỉ máy chủ ảnh nền chỉ được có các chỗ thay {z}, {x} và {y}.';
  let a: URL;
  let b: URL;
  try {
    [a, b] = [new URL(tileUrl(url, { z: 0, x: 0, y: 0 })), new URL(tileUrl(url, { z: 1, x: 1, y: 1 }))];
  } catch {
    return 'Địa chỉ máy chủ ảnh nền không hợp lệ.';
  }
  if (a.origin !== b.origin || a.username || a.password) return 'Tên máy chủ ảnh nền phải viết cố định (không có {z}, {x}, {y}) và không kèm tên đăng nhập, mật khẩu.';
  return null;
}

export type TileSettingsResult = { ok: true; value: TileLayer | null } | { ok: false; errors: FieldError[] };

/**
 * The admin form's two fields → the site's base map, or null (an empty address turns the layer off), or the reasons
 * next to each field (`param` is the field's name). An empty credit line gets the OpenStreetMap one.
 */
export function parseTileSettings(input: { tileUrl?: unknown; tileAttribution?: unknown }): TileSettingsResult {
  const url = typeof input.tileUrl === 'string' ? input.tileUrl.trim() : '';
  const attribution = (typeof input.tileAttribution === 'string' ? input.tileAttribution : '').normalize('NFC').replace(/[\s\p{Cc}]+/gu, ' ').trim();
  const errors: FieldError[] = [];
  const urlError = url ? templateError(url) : null;
  if (urlError) errors.push({ param: 'tileUrl', message: urlError });
  if (attribution.length > MAX_ATTRIBUTION_LENGTH) errors.push({ param: 'tileAttribution', message: `Dòng ghi nguồn ảnh nền dài quá ${MAX_ATTRIBUTION_LENGTH} ký tự.` });
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: url ? { url, attribution: attribution || DEFAULT_TILE_ATTRIBUTION } : null };
}
