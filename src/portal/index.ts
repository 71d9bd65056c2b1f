import type { FastifyInstance } from 'fastify';
import type { Database } from '../platform/db/index.js';
import { sendHtml } from '../platform/http/index.js';
import { pageContext } from '../web/context.js';
import { listSectors } from '../catalog/index.js';
import { HomePage } from './home.js';
import { registerMapRoutes } from './map/index.js';
import { registerVisitStats } from './visits/routes.js';

export function registerPortalRoutes(app: FastifyInstance, deps: { db: Database }) {
  registerVisitStats(app, { db: deps.db });
  app.get('/', { config: { access: 'public' } }, async (request, reply) =>
    sendHtml(reply, HomePage({ ctx: pageContext(request), sectors: await listSectors(deps.db) })),
  );
  registerMapRoutes(app, deps);
}

export { seedPortalMap } from './map/index.js';
