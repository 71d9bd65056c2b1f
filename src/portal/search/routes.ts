import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../platform/db/index.js';
import { notFound, sendHtml } from '../../platform/http/index.js';
import { vnDate } from '../../platform/clock.js';
import { allInForce, searchProcedures } from '../../catalog/index.js';
import { pageContext, publicBaseUrl } from '../../web/context.js';
import { field, pageNumber } from '../form-body.js';
import { findCategoryBySlug } from '../articles/store.js';
import { SLUG_PATTERN } from '../articles/slug.js';
import { listPages } from '../pages/store.js';
import { categoriesWithLastChange, latestArticles, searchArticles } from './store.js';
import { SearchPage } from './view.js';
import { rssDocument, sitemapDocument } from './xml.js';

export const SEARCH_PAGE_SIZE = 10;
export const FEED_SIZE = 20;


const sendXml = (reply: FastifyReply, type: string, body: string) => reply.type(`${type}; charset=utf-8`).header('cache-control', 'public, max-age=300').send(body);

/** /tim-kiem (site search), /rss.xml and /chuyen-muc/<slug>/rss.xml, /sitemap.xml, /robots.txt. */
export function registerSearchAndFeedRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const { db } = deps;

  app.get('/tim-kiem', { config: { access: 'public' } }, async (request, reply) => {
    const q = field(request.query, 'q', 200).trim();
    const page = pageNumber(request);
    const offset = (page - 1) * SEARCH_PAGE_SIZE;
    const [articles, procedures] = q
      ? await Promise.all([
          searchArticles(db, request.site.unitId, q, { now: new Date(), limit: SEARCH_PAGE_SIZE, offset }),
          searchProcedures(db, { q, onDate: vnDate(new Date()), limit: SEARCH_PAGE_SIZE, offset }),
        ])
      : [{ total: 0, items: [] }, { total: 0, items: [] }];
    const pageCount = Math.max(1, Math.ceil(Math.max(articles.total, procedures.total) / SEARCH_PAGE_SIZE));
    return sendHtml(reply, SearchPage({ ctx: pageContext(request), q, page, pageCount, articles, procedures }));
  });

  async function feed(request: FastifyRequest, reply: FastifyReply, category: { id: number; slug: string; name: string } | null) {
    const base = publicBaseUrl(request);
    const site = `UBND ${request.site.name}`;
    const items = await latestArticles(db, request.site.unitId, { now: new Date(), limit: FEED_SIZE, ...(category ? { categoryId: category.id } : {}) });
    const path = category ? `/chuyen-muc/${category.slug}` : '/tin-tuc';
    return sendXml(reply, 'application/rss+xml', rssDocument({
      title: category ? `${category.name} – ${site}` : `Tin tức – ${site}`,
      link: base + path,
      selfUrl: base + (category ? `${path}/rss.xml` : '/rss.xml'),
      description: category ? `Tin bài mới nhất của chuyên mục ${category.name}, trang thông tin điện tử ${site}.` : `Tin bài mới nhất của trang thông tin điện tử ${site}.`,
      items: items.map((a) => ({ title: a.title, link: `${base}/tin-tuc/${a.slug}`, description: a.summary || a.title, category: a.categoryName, pubDate: a.publishAt })),
    }));
  }

  app.get('/rss.xml', { config: { access: 'public' } }, async (request, reply) => feed(request, reply, null));

  app.get('/chuyen-muc/:slug/rss.xml', { config: { access: 'public' } }, async (request, reply) => {
    const slug = (request.params as { slug: string }).slug;
    const category = SLUG_PATTERN.test(slug) ? await findCategoryBySlug(db, request.site.unitId, slug) : null;
    if (!category) throw notFound('Không tìm thấy chuyên mục này.');
    return feed(request, reply, category);
  });

  app.get('/sitemap.xml', { config: { access: 'public' } }, async (request, reply) => {
    const base = publicBaseUrl(request);
    const unitId = request.site.unitId;
    const now = new Date();
    const [articles, categories, pages, procedures] = await Promise.all([
      latestArticles(db, unitId, { now, limit: 45_000 }),
      categoriesWithLastChange(db, unitId, now),
      listPages(db, unitId),
      allInForce(db, vnDate(now)),
    ]);
    const newest = articles[0] ? new Date(Math.max(articles[0].publishAt.getTime(), articles[0].updatedAt.getTime())) : null;
    const pagesChanged = pages.length ? new Date(Math.max(...pages.map((p) => p.updatedAt.getTime()))) : null;
    return sendXml(reply, 'application/xml', sitemapDocument([
      { loc: `${base}/`, lastmod: newest },
      { loc: `${base}/tin-tuc`, lastmod: newest },
      ...categories.map((c) => ({ loc: `${base}/chuyen-muc/${c.slug}`, lastmod: c.lastmod })),
      ...articles.map((a) => ({ loc: `${base}/tin-tuc/${a.slug}`, lastmod: a.updatedAt > a.publishAt ? a.updatedAt : a.publishAt })),
      { loc: `${base}/gioi-thieu`, lastmod: pagesChanged },
      ...pages.map((p) => ({ loc: `${base}/gioi-thieu/${p.slug}`, lastmod: p.updatedAt })),
      { loc: `${base}/thu-tuc` },
      ...procedures.map((v) => ({ loc: `${base}/thu-tuc/${encodeURIComponent(v.code)}`, lastmod: new Date(`${v.effectiveFrom}T00:00:00+07:00`) })),
      { loc: `${base}/ban-do` },
      { loc: `${base}/minh-bach` },
    ]));
  });

  app.get('/robots.txt', { config: { access: 'public' } }, async (request, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send([
      'User-agent: *',
      'Disallow: /quan-tri/',
      'Disallow: /can-bo/',
      'Disallow: /ho-so-cua-toi',
      'Disallow: /tai-khoan/',
      'Disallow: /tim-kiem',
      '',
      `Sitemap: ${publicBaseUrl(request)}/sitemap.xml`,
      '',
    ].join('\n')),
  );
}
