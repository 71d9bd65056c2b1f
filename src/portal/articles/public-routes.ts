import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../platform/db/index.js';
import { notFound, sendHtml } from '../../platform/http/index.js';
import type { FileStore } from '../../platform/storage/index.js';
import { pageContextWithCanonical, publicBaseUrl } from '../../web/context.js';
import { pageNumber } from '../form-body.js';
import { findCategoryBySlug, findPublishedBySlug, listCategories, listPublished } from './store.js';
import { loadImage } from './images.js';
import { SLUG_PATTERN } from './slug.js';
import { ArticlePage, NewsListPage } from '../views/public-pages.js';

export const PAGE_SIZE = 10;


/** /tin-tuc, /chuyen-muc/<slug> and the site's stored images (/tep/anh/<sha256>.<ext>). */
export function registerArticlePublicRoutes(app: FastifyInstance, deps: { db: Database; store: FileStore }): void {
  const { db, store } = deps;

  async function list(request: FastifyRequest, category: { id: number; slug: string; name: string } | null) {
    const unitId = request.site.unitId;
    const page = pageNumber(request);
    const { articles, total } = await listPublished(db, unitId, { now: new Date(), categoryId: category?.id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (page > pageCount) throw notFound('Không có trang tin này.');
    const baseHref = category ? `/chuyen-muc/${category.slug}` : '/tin-tuc';
    return NewsListPage({
      ctx: pageContextWithCanonical(request, page > 1 ? `${baseHref}?trang=${page}` : baseHref), title: category ? category.name : 'Tin tức', categories: await listCategories(db, unitId), current: category?.slug ?? null,
      articles, page, pageCount, baseHref,
    });
  }

  app.get('/tin-tuc', { config: { access: 'public' } }, async (request, reply) => sendHtml(reply, list(request, null)));

  app.get('/chuyen-muc/:slug', { config: { access: 'public' } }, async (request, reply) => {
    const slug = (request.params as { slug: string }).slug;
    const category = SLUG_PATTERN.test(slug) ? await findCategoryBySlug(db, request.site.unitId, slug) : null;
    if (!category) throw notFound('Không tìm thấy chuyên mục này.');
    return sendHtml(reply, list(request, category));
  });

  // /tin-tuc/<slug>, the article page, is served by portal/feedback (it adds the ratings and comments under the article)

  app.get('/tep/anh/:name', { config: { access: 'public' } }, async (request, reply) => {
    const m = /^([0-9a-f]{64})\.(jpg|png|webp)$/.exec((request.params as { name: string }).name);
    const image = m ? await loadImage(db, store, request.site.unitId, m[1]!) : null;
    if (!image) throw notFound('Không tìm thấy ảnh này.');
    return reply.type(image.mime).header('cache-control', 'public, max-age=31536000, immutable').send(image.bytes);
  });
}
