import { z } from 'zod';
import type { FieldError } from '../../platform/http/index.js';
import { sanitizeArticleHtml, textOf } from './sanitize.js';

/** What is stored: a draft, or published from `publishAt` on. */
export type ArticleState = 'draft' | 'published';
/** What editors see: a published article whose time has not come yet is scheduled. */
export type ArticleStatus = 'draft' | 'scheduled' | 'published';

export const STATUS_LABELS: Record<ArticleStatus, string> = { draft: 'Bản nháp', scheduled: 'Hẹn giờ đăng', published: 'Đã đăng' };

export interface Category {
  unitId: number;
  id: number;
  slug: string;
  name: string;
  sortOrder: number;
}

export interface Article {
  unitId: number;
  id: number;
  categoryId: number;
  categorySlug: string;
  categoryName: string;
  slug: string;
  title: string;
  summary: string;
  bodyHtml: string;
  coverSha256: string | null;
  coverMime: string | null;
  coverAlt: string | null;
  authorName: string;
  state: ArticleState;
  publishAt: Date | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ArticleRevision {
  revision: number;
  title: string;
  savedByName: string;
  savedAt: Date;
}

export function statusOf(a: Pick<Article, 'state' | 'publishAt'>, now: Date): ArticleStatus {
  if (a.state === 'draft' || !a.publishAt) return 'draft';
  return a.publishAt.getTime() > now.getTime() ? 'scheduled' : 'published';
}

/** What an editor fills in; the body is sanitised before it is checked and stored. */
export interface ArticleInput {
  title: string;
  categoryId: number;
  summary: string;
  bodyHtml: string;
  authorName: string;
  coverAlt: string;
}

const schema = z.object({
  title: z.string().trim().min(5, 'Nhập tiêu đề, ít nhất 5 ký tự.').max(250, 'Tiêu đề dài tối đa 250 ký tự.'),
  categoryId: z.number().int('Chọn chuyên mục.').positive('Chọn chuyên mục.'),
  summary: z.string().trim().max(600, 'Tóm tắt dài tối đa 600 ký tự.'),
  bodyHtml: z.string().max(200_000, 'Nội dung quá dài (tối đa 200.000 ký tự).'),
  authorName: z.string().trim().min(2, 'Nhập tên tác giả.').max(120, 'Tên tác giả dài tối đa 120 ký tự.'),
  coverAlt: z.string().trim().max(300, 'Mô tả ảnh dài tối đa 300 ký tự.'),
});

/** Field names of the editor's form, in the order of the page (for the error summary's links). */
const FIELD_OF: Record<keyof ArticleInput, string> = {
  title: 'title', categoryId: 'categoryId', summary: 'summary', bodyHtml: 'bodyHtml', authorName: 'authorName', coverAlt: 'coverAlt',
};

/**
 * Checks an article and returns it cleaned (trimmed, NFC, body sanitised) or the errors, one per field.
 * `hasCover`: an image is given or kept, so it needs a text alternative.
 */
export function checkArticle(input: ArticleInput, opts: { hasCover: boolean; categoryIds: readonly number[] }):
  { ok: true; value: ArticleInput } | { ok: false; errors: FieldError[] } {
  const parsed = schema.safeParse({ ...input, bodyHtml: sanitizeArticleHtml(input.bodyHtml) });
  const errors: FieldError[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ param: FIELD_OF[i.path[0] as keyof ArticleInput] ?? String(i.path[0]), message: i.message }));
  const value = parsed.success ? parsed.data : null;
  const has = (param: string) => errors.some((e) => e.param === param);
  const body = sanitizeArticleHtml(input.bodyHtml);
  if (!has('categoryId') && !opts.categoryIds.includes(input.categoryId)) errors.push({ param: 'categoryId', message: 'Chọn chuyên mục.' });
  if (!has('bodyHtml') && textOf(body) === '' && !/<img\s/.test(body)) errors.push({ param: 'bodyHtml', message: 'Nhập nội dung bài viết.' });
  if (!has('coverAlt') && opts.hasCover && input.coverAlt.trim() === '') errors.push({ param: 'coverAlt', message: 'Nhập mô tả ảnh đại diện cho người không xem được ảnh.' });
  const order = Object.values(FIELD_OF);
  errors.sort((a, b) => order.indexOf(a.param) - order.indexOf(b.param));
  const unique = errors.filter((e, i) => errors.findIndex((x) => x.param === e.param) === i);
  return unique.length || !value ? { ok: false, errors: unique } : { ok: true, value };
}
