import type { FastifyInstance } from 'fastify';
import type { Database } from '../platform/db/index.js';
import { sendHtml } from '../platform/http/index.js';
import { pageContextWithCanonical } from '../web/context.js';
import { listSectors } from '../catalog/index.js';
import { HomePage } from './home.js';
import type { FileStore } from '../platform/storage/index.js';
import { homeNews } from './home-news.js';
import { cachedPublicFigures } from '../reports/transparency.js';
import { vnParts } from '../documents/text.js';
import { registerArticlePublicRoutes } from './articles/public-routes.js';
import { registerArticleAdminRoutes } from './articles/admin-routes.js';
import { registerIntroPageRoutes } from './pages/routes.js';
import { registerFeedbackRoutes } from './feedback/routes.js';
import { registerSearchAndFeedRoutes } from './search/routes.js';

export { seedPortalDemo } from './demo-content.js';
export { ensurePortalDefaults } from './defaults.js';
import { registerMapRoutes } from './map/index.js';
import { registerVisitStats } from './visits/routes.js';

export function registerPortalRoutes(app: FastifyInstance, deps: { db: Database; store: FileStore }) {
  registerVisitStats(app, { db: deps.db });
  const figures = cachedPublicFigures(deps.db);
  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    const unitId = request.site.unitId;
    const [sectors, news, yearFigures] = await Promise.all([
      listSectors(deps.db), homeNews(deps.db, unitId), unitId ? figures(unitId, vnParts(new Date()).year) : null,
    ]);
    return sendHtml(reply, HomePage({ ctx: pageContextWithCanonical(request, '/'), sectors, ...news, figures: yearFigures }));
  });
  registerArticlePublicRoutes(app, deps);
  registerFeedbackRoutes(app, deps);
  registerArticleAdminRoutes(app, deps);
  registerIntroPageRoutes(app, deps);
  registerMapRoutes(app, deps);
  registerSearchAndFeedRoutes(app, deps);
}

export { seedPortalMap } from './map/index.js';
