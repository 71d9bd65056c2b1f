import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../platform/db/index.js';
import { notFound, sendHtml, type FieldError } from '../../platform/http/index.js';
import { audit } from '../../platform/audit.js';
import type { FileStore } from '../../platform/storage/index.js';
import { pageContext } from '../../web/context.js';
import { EDITOR_ROLES, editorUnit, field, fileOf, idOf } from '../form-body.js';
import { checkArticle, statusOf, type Article, type ArticleStatus } from './model.js';
import { MAX_IMAGE_BYTES, saveImage, sniffImage } from './images.js';
import { parseVnMoment, vnFields } from './schedule.js';
import { createArticle, getArticle, listAllArticles, listCategories, listRevisions, setDraft, setPublished, updateArticle, type Editor } from './store.js';
import { ArticleFormPage, ArticleListPage, type AdminNotice, type ArticleFormValues, type ScheduleValues } from '../views/admin-pages.js';
import { ArticlePage } from '../views/public-pages.js';
import { Notice } from '../../web/components/form.js';

const NOTICES: Record<string, AdminNotice> = {
  tao: { kind: 'success', text: 'Đã lưu bản nháp. Bài chưa hiện trên trang cho đến khi được đăng.' },
  luu: { kind: 'success', text: 'Đã lưu thay đổi (thêm một lần lưu vào lịch sử).' },
  dang: { kind: 'success', text: 'Đã đăng bài. Bài hiện ngay trên trang Tin tức và trang chủ.' },
  'hen-gio': { kind: 'success', text: 'Đã hẹn giờ đăng. Bài tự hiện trên trang khi đến giờ.' },
  go: { kind: 'success', text: 'Đã gỡ bài về bản nháp. Người đọc không còn thấy bài.' },
};

const STATUSES: ArticleStatus[] = ['draft', 'scheduled', 'published'];

function formValues(body: unknown): ArticleFormValues {
  return {
    title: field(body, 'title', 300), categoryId: field(body, 'categoryId', 12), summary: field(body, 'summary', 1_000),
    bodyHtml: field(body, 'bodyHtml', 250_000), authorName: field(body, 'authorName', 200), coverAlt: field(body, 'coverAlt', 400),
    removeCover: field(body, 'removeCover', 5) === '1',
  };
}

const valuesOf = (a: Article): ArticleFormValues => ({
  title: a.title, categoryId: String(a.categoryId), summary: a.summary, bodyHtml: a.bodyHtml, authorName: a.authorName, coverAlt: a.coverAlt ?? '', removeCover: false,
});

const editorOf = (request: FastifyRequest): Editor => ({ userId: request.principal!.userId, fullName: request.principal!.fullName });
const emptySchedule = (): ScheduleValues => ({ day: '', month: '', year: '', time: '' });

/** The editor's back office for articles (tin bài) of the site's unit. */
export function registerArticleAdminRoutes(app: FastifyInstance, deps: { db: Database; store: FileStore }): void {
  const { db, store } = deps;

  async function articleFor(request: FastifyRequest): Promise<{ unitId: number; a: Article }> {
    const unitId = editorUnit(request);
    const id = idOf((request.params as { id: string }).id);
    const a = id === null ? null : await getArticle(db, unitId, id);
    if (!a) throw notFound('Không tìm thấy bài viết này.');
    return { unitId, a };
  }

  async function renderForm(request: FastifyRequest, reply: FastifyReply, unitId: number, a: Article | null, opts: {
    values?: ArticleFormValues; errors?: FieldError[]; notice?: AdminNotice | undefined; schedule?: ScheduleValues; scheduleError?: string; status?: number;
  } = {}) {
    const now = new Date();
    return sendHtml(reply, ArticleFormPage({
      ctx: pageContext(request), article: a, status: a ? statusOf(a, now) : null, categories: await listCategories(db, unitId),
      values: opts.values ?? (a ? valuesOf(a) : { title: '', categoryId: '', summary: '', bodyHtml: '', authorName: request.principal!.fullName, coverAlt: '', removeCover: false }),
      errors: opts.errors ?? [], notice: opts.notice, revisions: a ? await listRevisions(db, unitId, a.id) : [],
      schedule: opts.schedule ?? (a?.publishAt && statusOf(a, now) === 'scheduled' ? vnFields(a.publishAt) : emptySchedule()), scheduleError: opts.scheduleError,
    }), opts.status ?? 200);
  }

  app.get('/quan-tri/tin-bai', { config: { access: EDITOR_ROLES } }, async (request, reply) => {
    const unitId = editorUnit(request);
    const wanted = field(request.query, 'trang-thai', 20);
    const filter = (STATUSES as string[]).includes(wanted) ? (wanted as ArticleStatus) : '';
    const now = new Date();
    const all = (await listAllArticles(db, unitId)).map((a) => ({ a, status: statusOf(a, now) }));
    const counts = { draft: 0, scheduled: 0, published: 0 };
    for (const r of all) counts[r.status]++;
    return sendHtml(reply, ArticleListPage({ ctx: pageContext(request), rows: filter ? all.filter((r) => r.status === filter) : all, filter, counts }));
  });

  app.get('/quan-tri/tin-bai/moi', { config: { access: EDITOR_ROLES } }, async (request, reply) => renderForm(request, reply, editorUnit(request), null));

  /** Checks the form and the uploaded cover; stores the image only when everything else is valid. */
  async function readSave(request: FastifyRequest, unitId: number, existing: Article | null) {
    const values = formValues(request.body);
    const categories = await listCategories(db, unitId);
    const file = fileOf(request.body, 'cover');
    const errors: FieldError[] = [];
    let bytes: Buffer | null = null;
    if (file) {
      bytes = await file.toBuffer().catch(() => null);
      if (!bytes || file.file.truncated || bytes.length > MAX_IMAGE_BYTES) errors.push({ param: 'cover', message: 'Ảnh quá lớn: tối đa 5 MB.' });
      else if (!sniffImage(bytes)) errors.push({ param: 'cover', message: 'Chọn ảnh JPEG, PNG hoặc WebP.' });
    }
    const keepsCover = !!existing?.coverSha256 && !values.removeCover;
    const checked = checkArticle({ ...values, categoryId: idOf(values.categoryId) ?? 0 }, { hasCover: !!file || keepsCover, categoryIds: categories.map((c) => c.id) });
    if (!checked.ok) errors.unshift(...checked.errors);
    if (errors.length || !checked.ok) return { values, errors } as const;
    const cover = file && bytes ? await saveImage(db, store, unitId, request.principal!.userId, bytes) : null;
    return { values, errors, input: checked.value, cover, keepsCover } as const;
  }

  app.post('/quan-tri/tin-bai/moi', { config: { access: EDITOR_ROLES } }, async (request, reply) => {
    const unitId = editorUnit(request);
    const r = await readSave(request, unitId, null);
    if (!r.input) return renderForm(request, reply, unitId, null, { values: r.values, errors: r.errors, status: 400 });
    const a = await createArticle(db, unitId, editorOf(request), r.input, r.cover);
    return reply.redirect(`/quan-tri/tin-bai/${a.id}?da=tao`, 303);
  });

  app.get('/quan-tri/tin-bai/:id', { config: { access: EDITOR_ROLES } }, async (request, reply) => {
    const { unitId, a } = await articleFor(request);
    return renderForm(request, reply, unitId, a, { notice: NOTICES[field(request.query, 'da', 20)] });
  });

  app.post('/quan-tri/tin-bai/:id', { config: { access: EDITOR_ROLES } }, async (request, reply) => {
    const { unitId, a } = await articleFor(request);
    const r = await readSave(request, unitId, a);
    if (!r.input) return renderForm(request, reply, unitId, a, { values: r.values, errors: r.errors, status: 400 });
    await updateArticle(db, unitId, a.id, editorOf(request), r.input, r.cover ? { sha256: r.cover.sha256 } : r.keepsCover ? 'keep' : 'remove');
    return reply.redirect(`/quan-tri/tin-bai/${a.id}?da=luu`, 303);
  });

  app.get('/quan-tri/tin-bai/:id/xem-truoc', { config: { access: EDITOR_ROLES } }, async (request, reply) => {
    const { a } = await articleFor(request);
    const banner = (
      <Notice kind="warning">
        <p>
          Bản xem trước: người đọc chưa thấy bài này cho đến khi được đăng. <a href={`/quan-tri/tin-bai/${a.id}`}>Quay lại sửa bài</a>
        </p>
      </Notice>
    );
    reply.header('cache-control', 'no-store');
    return sendHtml(reply, ArticlePage({ ctx: pageContext(request), a, baseUrl: '', preview: banner }));
  });

  const auditPublication = (request: FastifyRequest, unitId: number, a: Article, action: string, publishAt: Date | null) =>
    audit(db, { unitId, actorUserId: request.principal!.userId, action, target: `article:${a.id}`, details: { slug: a.slug, title: a.title, publishAt: publishAt?.toISOString() ?? null }, ip: request.ip });

  app.post('/quan-tri/tin-bai/:id/dang', { config: { access: EDITOR_ROLES } }, async (request, reply) => {
    const { unitId, a } = await articleFor(request);
    const now = new Date();
    await setPublished(db, unitId, a.id, editorOf(request), now);
    await auditPublication(request, unitId, a, 'article.publish', now);
    return reply.redirect(`/quan-tri/tin-bai/${a.id}?da=dang`, 303);
  });

  app.post('/quan-tri/tin-bai/:id/hen-gio', { config: { access: EDITOR_ROLES } }, async (request, reply) => {
    const { unitId, a } = await articleFor(request);
    const b = request.body;
    const schedule = { day: field(b, 'publishDate-d', 4), month: field(b, 'publishDate-m', 4), year: field(b, 'publishDate-y', 6), time: field(b, 'publishTime', 8) };
    const at = parseVnMoment(schedule.day, schedule.month, schedule.year, schedule.time);
    const problem = !at ? 'Nhập ngày và giờ đăng hợp lệ, ví dụ ngày 01 12 2026, giờ 07:30.'
      : at.getTime() <= Date.now() ? 'Thời điểm hẹn đăng phải ở tương lai. Để đăng ngay, bấm “Đăng ngay”.' : null;
    if (problem || !at) {
      return renderForm(request, reply, unitId, a, { schedule, scheduleError: problem ?? undefined, errors: [{ param: 'publishDate', message: problem! }], status: 400 });
    }
    await setPublished(db, unitId, a.id, editorOf(request), at);
    await auditPublication(request, unitId, a, 'article.schedule', at);
    return reply.redirect(`/quan-tri/tin-bai/${a.id}?da=hen-gio`, 303);
  });

  app.post('/quan-tri/tin-bai/:id/go', { config: { access: EDITOR_ROLES } }, async (request, reply) => {
    const { unitId, a } = await articleFor(request);
    if (a.state === 'draft') return reply.redirect(`/quan-tri/tin-bai/${a.id}`, 303);
    await setDraft(db, unitId, a.id, editorOf(request));
    await auditPublication(request, unitId, a, 'article.unpublish', null);
    return reply.redirect(`/quan-tri/tin-bai/${a.id}?da=go`, 303);
  });
}

