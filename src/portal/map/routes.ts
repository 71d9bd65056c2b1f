import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { Database } from '../../platform/db/index.js';
import { audit } from '../../platform/audit.js';
import { getSetting } from '../../platform/settings.js';
import { contentSecurityPolicy, forbidden, sendHtml, type StaffRole } from '../../platform/http/index.js';
import { pageContext } from '../../web/context.js';
import { parseBoundary, parsePlaces, type Parsed, type BoundaryLayer, type PlacesLayer } from './geojson.js';
import { mapLayersOf, mapTilesOf, saveMapLayer, saveMapTiles } from './store.js';
import { parseTileSettings, tileOrigin, TILES_ON, TILES_PARAM } from './tiles.js';
import { MapAdminPage, MapPage, type TileForm } from './views.js';

/** Who may replace the map of the site's commune. */
export const MAP_EDITORS: readonly StaffRole[] = ['unitAdmin', 'editor'];

/** Setting: a link template for an online map, e.g. `https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}`. */
export const ONLINE_MAP_SETTING = 'portal.map.onlineMapUrl';

async function onlineMapUrl(db: Database): Promise<string | null> {
  const value = await getSetting(db, ONLINE_MAP_SETTING);
  return value && /^https?:\/\/[^\s"'<>]+$/.test(value) ? value : null;
}

/** The site's unit, if the caller edits its map there (a role held in another commune does not count). */
function siteUnitFor(request: FastifyRequest): number {
  const unitId = request.site.unitId;
  const ok = request.principal?.grants.some((g) => g.unitId === unitId && MAP_EDITORS.includes(g.role));
  if (!ok) throw forbidden(`Chỉ quản trị viên hoặc biên tập viên của ${request.site.name} được sửa bản đồ của xã.`);
  return unitId;
}

const NOTICES: Record<string, string> = {
  'ranh-gioi': 'Đã thay ranh giới. Trang Bản đồ hành chính đã dùng dữ liệu mới.',
  'dia-diem': 'Đã thay danh sách địa điểm. Trang Bản đồ hành chính đã dùng dữ liệu mới.',
  'nen-truc-tuyen': 'Đã lưu nền bản đồ trực tuyến. Người xem bật nền bằng liên kết "Hiện nền bản đồ trực tuyến" trên trang Bản đồ hành chính.',
  'tat-nen': 'Đã tắt nền bản đồ trực tuyến.',
};

export function registerMapRoutes(app: FastifyInstance, deps: { db: Database }) {
  const { db } = deps;

  app.get('/ban-do', { config: { access: 'public' } }, async (request, reply) => {
    const [layers, url, tiles] = await Promise.all([mapLayersOf(db, request.site.unitId), onlineMapUrl(db), mapTilesOf(db, request.site.unitId)]);
    const tilesOn = !!tiles && (request.query as Record<string, unknown>)[TILES_PARAM] === TILES_ON;
    // The reader's browser fetches the tiles: this response alone may load images from the tile server's origin.
    if (tilesOn) reply.header('content-security-policy', contentSecurityPolicy({ imgSrc: [tileOrigin(tiles.url)] }));
    return sendHtml(reply, MapPage({ ctx: pageContext(request), layers, onlineMapUrl: url, tiles, tilesOn }));
  });

  async function renderAdmin(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { errors?: { layer: 'boundary' | 'places'; messages: string[] }; tileForm?: TileForm; notice?: string; status?: number } = {},
  ) {
    const unitId = siteUnitFor(request);
    const [layers, tiles] = await Promise.all([mapLayersOf(db, unitId), mapTilesOf(db, unitId)]);
    const page = MapAdminPage({
      ctx: pageContext(request),
      unitName: request.site.name,
      layers,
      tileForm: opts.tileForm ?? { values: { tileUrl: tiles?.url ?? '', tileAttribution: tiles?.attribution ?? '' }, errors: [] },
      ...(opts.errors ? { errors: opts.errors } : {}),
      ...(opts.notice ? { notice: opts.notice } : {}),
    });
    return sendHtml(reply, page, opts.status ?? 200);
  }

  app.get('/quan-tri/ban-do', { config: { access: MAP_EDITORS } }, async (request, reply) => {
    const done = (request.query as Record<string, unknown>).da;
    const notice = typeof done === 'string' ? NOTICES[done] : undefined;
    return renderAdmin(request, reply, notice ? { notice } : {});
  });

  /** Reads the uploaded file; validates it; replaces the layer and audits, or shows the reasons and changes nothing. */
  async function upload<T extends BoundaryLayer | PlacesLayer>(
    request: FastifyRequest,
    reply: FastifyReply,
    layer: 'boundary' | 'places',
    parse: (bytes: Buffer) => Parsed<T>,
    summary: (value: T) => Record<string, unknown>,
  ) {
    const unitId = siteUnitFor(request);
    const file = (request.body as Record<string, unknown> | undefined)?.file as MultipartFile | undefined;
    const refuse = (messages: string[], status = 400) => renderAdmin(request, reply, { errors: { layer, messages }, status });
    if (!file || typeof file.toBuffer !== 'function' || !file.filename) return refuse(['Hãy chọn một tệp GeoJSON để tải lên.']);
    const bytes = await file.toBuffer().catch(() => null);
    if (!bytes || file.file.truncated) return refuse(['Tệp quá lớn: tối đa 5 MB.'], 413);
    const parsed = parse(bytes);
    if (!parsed.ok) return refuse(parsed.errors, bytes.length > 5 * 1024 * 1024 ? 413 : 400);
    const fileName = file.filename.normalize('NFC').slice(0, 200);
    await saveMapLayer(db, { unitId, kind: layer, data: parsed.value, fileName, userId: request.principal!.userId });
    await audit(db, {
      unitId, actorUserId: request.principal!.userId, action: `portal.map.${layer}.replace`, target: `portal_map:${layer}`,
      details: { fileName, bytes: bytes.length, ...summary(parsed.value) }, ip: request.ip,
    });
    return reply.redirect(`/quan-tri/ban-do?da=${layer === 'boundary' ? 'ranh-gioi' : 'dia-diem'}`, 303);
  }

  app.post('/quan-tri/ban-do/ranh-gioi', { config: { access: MAP_EDITORS } }, async (request, reply) =>
    upload(request, reply, 'boundary', parseBoundary, (b) => ({ communes: b.communes.length, neighbours: b.neighbours.length })),
  );
  app.post('/quan-tri/ban-do/dia-diem', { config: { access: MAP_EDITORS } }, async (request, reply) =>
    upload(request, reply, 'places', parsePlaces, (p) => ({ places: p.places.length })),
  );

  /** Sets or turns off the online base map; a refused value is shown again next to its field and nothing changes. */
  app.post('/quan-tri/ban-do/nen-truc-tuyen', { config: { access: MAP_EDITORS } }, async (request, reply) => {
    const unitId = siteUnitFor(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseTileSettings(body);
    if (!parsed.ok) {
      const text = (v: unknown) => (typeof v === 'string' ? v : '');
      return renderAdmin(request, reply, { tileForm: { values: { tileUrl: text(body.tileUrl), tileAttribution: text(body.tileAttribution) }, errors: parsed.errors }, status: 400 });
    }
    const before = await mapTilesOf(db, unitId);
    await saveMapTiles(db, unitId, parsed.value);
    await audit(db, {
      unitId, actorUserId: request.principal!.userId, action: 'portal.map.tiles.update', target: 'portal_map:tiles',
      details: { tileUrl: parsed.value?.url ?? null, attribution: parsed.value?.attribution ?? null, before: before?.url ?? null }, ip: request.ip,
    });
    return reply.redirect(`/quan-tri/ban-do?da=${parsed.value ? 'nen-truc-tuyen' : 'tat-nen'}`, 303);
  });
}
