import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { Database } from '../../platform/db/index.js';
import { audit } from '../../platform/audit.js';
import { getSetting } from '../../platform/settings.js';
import { forbidden, sendHtml, type StaffRole } from '../../platform/http/index.js';
import { pageContext } from '../../web/context.js';
import { parseBoundary, parsePlaces, type Parsed, type BoundaryLayer, type PlacesLayer } from './geojson.js';
import { mapLayersOf, saveMapLayer } from './store.js';
import { MapAdminPage, MapPage } from './views.js';

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
};

export function registerMapRoutes(app: FastifyInstance, deps: { db: Database }) {
  const { db } = deps;

  app.get('/ban-do', { config: { access: 'public' } }, async (request, reply) => {
    const [layers, url] = await Promise.all([mapLayersOf(db, request.site.unitId), onlineMapUrl(db)]);
    return sendHtml(reply, MapPage({ ctx: pageContext(request), layers, onlineMapUrl: url }));
  });

  async function renderAdmin(request: FastifyRequest, reply: FastifyReply, opts: { errors?: { layer: 'boundary' | 'places'; messages: string[] }; notice?: string; status?: number } = {}) {
    const unitId = siteUnitFor(request);
    const page = MapAdminPage({
      ctx: pageContext(request),
      unitName: request.site.name,
      layers: await mapLayersOf(db, unitId),
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
}
