import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../platform/db/index.js';
import { AppError, notFound, sendHtml, type FieldError } from '../../platform/http/index.js';
import { createRateLimiter } from '../../platform/http/rate-limit.js';
import { installationSecret } from '../../platform/settings.js';
import { audit } from '../../platform/audit.js';
import { pageContext, publicBaseUrl } from '../../web/context.js';
import { EDITOR_ROLES, editorUnit, field, idOf } from '../form-body.js';
import type { Article } from '../articles/model.js';
import { findPublishedBySlug } from '../articles/store.js';
import { SLUG_PATTERN } from '../articles/slug.js';
import { ArticlePage } from '../views/public-pages.js';
import { checkChallenge, issueChallenge } from './captcha.js';
import { FEEDBACK_SECRET_KEY, readerHash } from './reader.js';
import {
  addComment, approvedComments, getComment, getFeedbackSettings, isTrustedCommenter, moderationQueues, rateArticle, ratingSummary,
  reportComment, saveFeedbackSettings, setCommentStatus, type CommentStatus,
} from './store.js';
import { ArticleFeedback, CAPTCHA_WRONG, ModerationPage, type CommentFormValues, type FeedbackProps } from './views.js';


/** Comments a reader may post (accepted ones) and attempts they may make, per reader hash and instance. */
export const COMMENT_LIMIT = { limit: 5, windowMs: 10 * 60_000 };
export const ATTEMPT_LIMIT = { limit: 20, windowMs: 10 * 60_000 };
/**
 * The same limits per client address alone, more generous because readers share addresses (an office, a school, a
 * carrier's NAT): without them a script changing its User-Agent would count as a new reader each time.
 */
export const ADDRESS_COMMENT_LIMIT = { limit: 30, windowMs: 10 * 60_000 };
export const ADDRESS_ATTEMPT_LIMIT = { limit: 120, windowMs: 10 * 60_000 };
export const TOO_MANY_COMMENTS = 'Bạn đã gửi quá nhiều bình luận trong thời gian ngắn. Vui lòng đợi khoảng 10 phút rồi gửi lại.';

const NOTICES: Record<string, FeedbackProps['notice']> = {
  'da-danh-gia': { kind: 'success', text: 'Cảm ơn bạn đã đánh giá bài viết.' },
  'cap-nhat-danh-gia': { kind: 'success', text: 'Đã cập nhật đánh giá của bạn (mỗi người đọc một đánh giá cho mỗi bài).' },
  'cho-duyet': { kind: 'success', text: 'Cảm ơn bạn. Bình luận đang chờ duyệt và sẽ hiện sau khi biên tập viên duyệt.' },
  'da-dang': { kind: 'success', text: 'Cảm ơn bạn. Bình luận đã được đăng.' },
  'da-bao-cao': { kind: 'success', text: 'Cảm ơn bạn đã báo cáo. Biên tập viên sẽ xem xét bình luận này.' },
};

const MODERATION_NOTICES: Record<string, string> = {
  duyet: 'Đã duyệt bình luận: bình luận hiện dưới bài viết.',
  'tu-choi': 'Đã từ chối bình luận.',
  an: 'Đã ẩn bình luận.',
  hien: 'Đã hiện lại bình luận.',
  'cai-dat': 'Đã lưu cài đặt bình luận.',
};

const commentSchema = z.object({
  name: z.string().trim().min(1, 'Nhập họ và tên.').max(100, 'Họ và tên dài tối đa 100 ký tự.'),
  email: z.union([z.literal(''), z.string().trim().max(200, 'Thư điện tử dài tối đa 200 ký tự.').pipe(z.email('Thư điện tử không hợp lệ, ví dụ ten@example.com.'))]),
  body: z.string().trim().min(1, 'Nhập nội dung bình luận.').max(2000, 'Nội dung bình luận dài tối đa 2.000 ký tự.'),
});

/** Ratings, comments, reports of the site's articles, and the editors' moderation page /quan-tri/binh-luan. */
export function registerFeedbackRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const { db } = deps;
  let secretPromise: Promise<string> | null = null;
  const secret = () => (secretPromise ??= installationSecret(db, FEEDBACK_SECRET_KEY));
  const attempts = createRateLimiter(ATTEMPT_LIMIT);
  const accepted = createRateLimiter(COMMENT_LIMIT);
  const attemptsByAddress = createRateLimiter(ADDRESS_ATTEMPT_LIMIT);
  const acceptedByAddress = createRateLimiter(ADDRESS_COMMENT_LIMIT);
  /** The client address as a keyed hash too: not even the in-memory limits hold it in clear. */
  const addressOf = async (request: FastifyRequest) => readerHash(await secret(), request.ip, '', new Date()).hash;

  const readerOf = async (request: FastifyRequest) => readerHash(await secret(), request.ip, String(request.headers['user-agent'] ?? ''), new Date());

  async function publishedArticle(request: FastifyRequest): Promise<Article> {
    const slug = (request.params as { slug: string }).slug;
    const a = SLUG_PATTERN.test(slug) ? await findPublishedBySlug(db, request.site.unitId, slug, new Date()) : null;
    if (!a) throw notFound('Không tìm thấy bài viết này, hoặc bài chưa được đăng.');
    return a;
  }

  /** The article page with its feedback section (a fresh challenge each time). */
  async function renderArticle(request: FastifyRequest, reply: FastifyReply, a: Article, opts: { values?: CommentFormValues; errors?: FieldError[]; status?: number } = {}) {
    const unitId = request.site.unitId;
    const feedback = ArticleFeedback({
      csrfToken: request.csrfToken, slug: a.slug, rating: await ratingSummary(db, unitId, a.id), comments: await approvedComments(db, unitId, a.id),
      challenge: issueChallenge(await secret()), values: opts.values ?? { name: '', email: '', body: '' }, errors: opts.errors ?? [],
      notice: NOTICES[field(request.query, 'phan-hoi', 30)],
    });
    reply.header('cache-control', 'no-store');
    return sendHtml(reply, ArticlePage({ ctx: pageContext(request), a, baseUrl: publicBaseUrl(request), feedback }), opts.status ?? 200);
  }

  app.get('/tin-tuc/:slug', { config: { access: 'public' } }, async (request, reply) => renderArticle(request, reply, await publishedArticle(request)));

  app.post('/tin-tuc/:slug/danh-gia', { config: { access: 'public' } }, async (request, reply) => {
    const a = await publishedArticle(request);
    const stars = Number(field(request.body, 'stars', 2));
    if (!Number.isInteger(stars) || stars < 1 || stars > 5) throw new AppError(400, 'INVALID_RATING', 'Chọn từ 1 đến 5 sao rồi bấm “Gửi đánh giá”.');
    const replaced = await rateArticle(db, a.unitId, a.id, await readerOf(request), stars);
    return reply.redirect(`/tin-tuc/${a.slug}?phan-hoi=${replaced ? 'cap-nhat-danh-gia' : 'da-danh-gia'}#feedback-title`, 303);
  });

  const tooMany = (reply: FastifyReply, waitMs: number) => {
    reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
    return new AppError(429, 'TOO_MANY_COMMENTS', TOO_MANY_COMMENTS);
  };

  app.post('/tin-tuc/:slug/binh-luan', { config: { access: 'public' } }, async (request, reply) => {
    const a = await publishedArticle(request);
    const reader = await readerOf(request);
    const address = await addressOf(request);
    const wait = attempts.hit(reader.hash) || attemptsByAddress.hit(address);
    if (wait) throw tooMany(reply, wait);
    const b = request.body;
    const values: CommentFormValues = { name: field(b, 'name', 200), email: field(b, 'email', 300), body: field(b, 'body', 4000) };
    // the honeypot: people do not see this field; a filled one is a robot, told "thank you" and ignored
    if (field(b, 'ghi_chu_them', 200) !== '') return reply.redirect(`/tin-tuc/${a.slug}?phan-hoi=cho-duyet#feedback-title`, 303);
    const parsed = commentSchema.safeParse(values);
    const errors: FieldError[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ param: String(i.path[0]), message: i.message }));
    const paramOf: Record<string, string> = { name: 'comment-name', email: 'comment-email', body: 'comment-body' };
    const linked = errors.map((e) => ({ ...e, param: paramOf[e.param] ?? e.param }));
    if (!parsed.success) return renderArticle(request, reply, a, { values, errors: linked.filter((e, i) => linked.findIndex((x) => x.param === e.param) === i), status: 400 });
    const result = await checkChallenge(db, await secret(), { token: field(b, 'challenge', 1000), pow: field(b, 'pow', 20), answer: field(b, 'captcha', 10) });
    if (result !== 'ok') return renderArticle(request, reply, a, { values, errors: [{ param: 'captcha', message: CAPTCHA_WRONG }], status: 400 });
    const waitAccepted = accepted.hit(reader.hash) || acceptedByAddress.hit(address);
    if (waitAccepted) throw tooMany(reply, waitAccepted);
    const email = parsed.data.email === '' ? null : parsed.data.email;
    const settings = await getFeedbackSettings(db, a.unitId);
    const trusted = settings.trustKnownCommenters && (await isTrustedCommenter(db, a.unitId, parsed.data.name, email));
    await addComment(db, a.unitId, { articleId: a.id, name: parsed.data.name, email, body: parsed.data.body, readerHash: reader.hash, status: trusted ? 'approved' : 'pending' });
    return reply.redirect(`/tin-tuc/${a.slug}?phan-hoi=${trusted ? 'da-dang' : 'cho-duyet'}#feedback-title`, 303);
  });

  app.post('/tin-tuc/:slug/binh-luan/:id/bao-cao', { config: { access: 'public' } }, async (request, reply) => {
    const a = await publishedArticle(request);
    const id = idOf((request.params as { id: string }).id);
    const c = id === null ? null : await getComment(db, a.unitId, id);
    if (!c || c.articleId !== a.id || c.status !== 'approved') throw notFound('Không tìm thấy bình luận này.');
    const settings = await getFeedbackSettings(db, a.unitId);
    const hidden = await reportComment(db, a.unitId, c.id, (await readerOf(request)).hash, settings.reportThreshold);
    if (hidden) await audit(db, { unitId: a.unitId, action: 'comment.hide', target: `comment:${c.id}`, details: { articleId: a.id, reason: 'reports', threshold: settings.reportThreshold } });
    return reply.redirect(`/tin-tuc/${a.slug}?phan-hoi=da-bao-cao#feedback-title`, 303);
  });

  // --- the editors' moderation page

  app.get('/quan-tri/binh-luan', { config: { access: EDITOR_ROLES } }, async (request, reply) => {
    const unitId = editorUnit(request);
    reply.header('cache-control', 'no-store');
    return sendHtml(reply, ModerationPage({
      ctx: pageContext(request), ...(await moderationQueues(db, unitId)), settings: await getFeedbackSettings(db, unitId),
      notice: MODERATION_NOTICES[field(request.query, 'da', 20)],
    }));
  });

  const ACTIONS: Record<string, { from: CommentStatus[]; to: CommentStatus; audit: string }> = {
    duyet: { from: ['pending'], to: 'approved', audit: 'comment.approve' },
    'tu-choi': { from: ['pending', 'hidden', 'approved'], to: 'rejected', audit: 'comment.reject' },
    an: { from: ['approved'], to: 'hidden', audit: 'comment.hide' },
    hien: { from: ['hidden', 'approved'], to: 'approved', audit: 'comment.restore' },
  };

  app.post('/quan-tri/binh-luan/:id/:action', { config: { access: EDITOR_ROLES } }, async (request, reply) => {
    const unitId = editorUnit(request);
    const params = request.params as { id: string; action: string };
    const action = Object.hasOwn(ACTIONS, params.action) ? ACTIONS[params.action]! : null;
    const id = idOf(params.id);
    const c = id === null ? null : await getComment(db, unitId, id);
    if (!action || !c) throw notFound('Không tìm thấy bình luận này.');
    const done = await setCommentStatus(db, unitId, c.id, action.from, action.to, request.principal!.userId);
    if (!done) return reply.redirect('/quan-tri/binh-luan', 303);
    await audit(db, {
      unitId, actorUserId: request.principal!.userId, action: action.audit, target: `comment:${c.id}`,
      details: { articleId: c.articleId, from: c.status, to: action.to, reports: c.reports }, ip: request.ip,
    });
    return reply.redirect(`/quan-tri/binh-luan?da=${params.action}`, 303);
  });

  app.post('/quan-tri/binh-luan/cai-dat', { config: { access: EDITOR_ROLES } }, async (request, reply) => {
    const unitId = editorUnit(request);
    const threshold = Number(field(request.body, 'reportThreshold', 4));
    const settings = {
      trustKnownCommenters: field(request.body, 'trusted', 2) === '1',
      reportThreshold: Number.isInteger(threshold) && threshold >= 1 && threshold <= 100 ? threshold : 3,
    };
    await saveFeedbackSettings(db, unitId, settings);
    await audit(db, { unitId, actorUserId: request.principal!.userId, action: 'comment.settings', target: `unit:${unitId}`, details: { ...settings }, ip: request.ip });
    return reply.redirect('/quan-tri/binh-luan?da=cai-dat', 303);
  });
}
