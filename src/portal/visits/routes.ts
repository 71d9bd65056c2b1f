import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/index.js';
import { vnDate } from '../../platform/clock.js';
import { forbidden, sendHtml, unitsWithRole, type StaffRole } from '../../platform/http/index.js';
import { pageContext } from '../../web/context.js';
import { isBotUserAgent } from './counter.js';
import { PERIODS, VisitStatsPage } from './page.js';
import { topPages, visitsByDay } from './store.js';
import { createVisitTracker, FLUSH_INTERVAL_MS, type VisitTracker } from './tracker.js';

const EDITORS: readonly StaffRole[] = ['editor', 'unitAdmin'];
export const VISIT_STATS_PATH = '/quan-tri/thong-ke-truy-cap';

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Visitor statistics of the site: counts successful public HTML page views in memory (onResponse), flushes them every
 * 30 s and when the server closes, gives the footer its figures (`server.visitorFigures`) and serves the editor page.
 */
export function registerVisitStats(app: FastifyInstance, deps: { db: Database; now?: () => number; flushIntervalMs?: number }) {
  const { db } = deps;
  const tracker = createVisitTracker({
    db,
    ...(deps.now ? { now: deps.now } : {}),
    flushIntervalMs: deps.flushIntervalMs ?? FLUSH_INTERVAL_MS,
    units: app.sites.all().map((s) => s.unitId),
    onError: (err) => app.log.error({ err }, 'visit statistics flush failed; the counts are kept for the next flush'),
  });
  app.decorate('visits', tracker);
  app.decorate('visitorFigures', (unitId: number) => tracker.figures(unitId));
  app.addHook('onReady', () => tracker.start());
  app.addHook('onClose', () => tracker.stop());

  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' || reply.statusCode < 200 || reply.statusCode >= 300 || request.is404) return;
    if (request.routeOptions.config?.access !== 'public' || request.url.startsWith('/api/')) return;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return;
    const userAgent = request.headers['user-agent'];
    if (isBotUserAgent(userAgent)) return;
    // link prefetches (Sec-Purpose / Purpose: prefetch) are not views
    if (/prefetch/i.test(String(request.headers['sec-purpose'] ?? request.headers.purpose ?? ''))) return;
    const unitId = request.site.unitId;
    if (!unitId) return;
    tracker.record({ unitId, url: request.url, ip: request.ip, userAgent: userAgent! });
  });

  app.get(VISIT_STATS_PATH, { config: { access: EDITORS } }, async (request, reply) => {
    const unitId = request.site.unitId;
    if (!unitsWithRole(request.principal, EDITORS).includes(unitId)) {
      throw forbidden('Chỉ biên tập viên hoặc quản trị của đơn vị mới xem được thống kê truy cập.');
    }
    const q = request.query as Record<string, unknown>;
    const period = PERIODS.find((p) => String(p.days) === q.ky)?.days ?? 30;
    const to = vnDate(new Date(deps.now ? deps.now() : Date.now()));
    const from = addDays(to, -(period - 1));
    const [days, pages] = await Promise.all([visitsByDay(db, unitId, from, to), topPages(db, unitId, from, to)]);
    return sendHtml(reply, VisitStatsPage({ ctx: pageContext(request), period, from, to, figures: tracker.figures(unitId), days, pages }));
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** the visit counter of this instance (portal/visits) */
    visits: VisitTracker;
  }
}
