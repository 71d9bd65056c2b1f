import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../platform/db/index.js';
import { notFound, sendHtml, type FieldError } from '../../platform/http/index.js';
import { audit } from '../../platform/audit.js';
import { pageContext, pageContextWithCanonical } from '../../web/context.js';
import { EDITOR_ROLES, editorUnit, field, idOf } from '../form-body.js';
import { sanitizeArticleHtml, textOf } from '../articles/sanitize.js';
import { SLUG_PATTERN } from '../articles/slug.js';
import { findPageBySlug, getPage, listPages, updatePage } from './store.js';
import { PagesIndexPage, PortalPageView } from '../views/public-pages.js';
import { IntroPageForm, IntroPagesAdminPage } from '../views/admin-intro-pages.js';

const pageSchema = z.object({
  title: z.string().trim().min(3, 'Nhập tiêu đề, ít nhất 3 ký tự.').max(200, 'Tiêu đề dài tối đa 200 ký tự.'),
  bodyHtml: z.string().max(200_000, 'Nội dung quá dài.').refine((h) => textOf(h) !== '', 'Nhập nội dung trang.'),
  sortOrder: z.coerce.number({ error: 'Nhập thứ tự là một số.' }).int('Nhập thứ tự là số nguyên.').min(0, 'Thứ tự từ 0 đến 9999.').max(9999, 'Thứ tự từ 0 đến 9999.'),
});

/** /gioi-thieu (public) and /quan-tri/trang (editors): the introduction pages of the site's unit. */
export function registerIntroPageRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const { db } = deps;

  app.get('/gioi-thieu', { config: { access: 'public' } }, async (request, reply) =>
    sendHtml(reply, PagesIndexPage({ ctx: pageContextWithCanonical(request, '/gioi-thieu'), pages: await listPages(db, request.site.unitId) })),
  );

  app.get('/gioi-thieu/:slug', { config: { access: 'public' } }, async (request, reply) => {
    const slug = (request.params as { slug: string }).slug;
    const page = SLUG_PATTERN.test(slug) ? await findPageBySlug(db, request.site.unitId, slug) : null;
    if (!page) throw notFound('Không tìm thấy trang này.');
    return sendHtml(reply, PortalPageView({ ctx: pageContextWithCanonical(request, `/gioi-thieu/${page.slug}`), page }));
  });

  app.get('/quan-tri/trang', { config: { access: EDITOR_ROLES } }, async (request, reply) =>
    sendHtml(reply, IntroPagesAdminPage({ ctx: pageContext(request), pages: await listPages(db, editorUnit(request)) })),
  );

  async function pageFor(request: FastifyRequest) {
    const unitId = editorUnit(request);
    const id = idOf((request.params as { id: string }).id);
    const page = id === null ? null : await getPage(db, unitId, id);
    if (!page) throw notFound('Không tìm thấy trang này.');
    return { unitId, page };
  }

  app.get('/quan-tri/trang/:id', { config: { access: EDITOR_ROLES } }, async (request, reply) => {
    const { page } = await pageFor(request);
    return sendHtml(reply, IntroPageForm({
      ctx: pageContext(request), page, values: { title: page.title, bodyHtml: page.bodyHtml, sortOrder: String(page.sortOrder) }, errors: [], saved: field(request.query, 'da', 5) === 'luu',
    }));
  });

  app.post('/quan-tri/trang/:id', { config: { access: EDITOR_ROLES } }, async (request, reply) => {
    const { unitId, page } = await pageFor(request);
    const values = { title: field(request.body, 'title', 300), bodyHtml: field(request.body, 'bodyHtml', 250_000), sortOrder: field(request.body, 'sortOrder', 10).trim() };
    const parsed = pageSchema.safeParse({ ...values, bodyHtml: sanitizeArticleHtml(values.bodyHtml), sortOrder: values.sortOrder === '' ? undefined : values.sortOrder });
    if (!parsed.success) {
      const errors: FieldError[] = parsed.error.issues.map((i) => ({ param: String(i.path[0]), message: i.message }));
      return sendHtml(reply, IntroPageForm({ ctx: pageContext(request), page, values, errors: errors.filter((e, i) => errors.findIndex((x) => x.param === e.param) === i) }), 400);
    }
    await updatePage(db, unitId, page.id, request.principal!.userId, parsed.data);
    await audit(db, { unitId, actorUserId: request.principal!.userId, action: 'portal.page.update', target: `portal_page:${page.slug}`, ip: request.ip });
    return reply.redirect(`/quan-tri/trang/${page.id}?da=luu`, 303);
  });
}
