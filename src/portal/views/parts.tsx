import { formatMomentVi } from '../../platform/i18n/text.js';
import type { Article, ArticleStatus } from '../articles/model.js';
import { STATUS_LABELS } from '../articles/model.js';
import { imagePath } from '../articles/images.js';
import { sanitizeArticleHtml } from '../articles/sanitize.js';

/** "14 giờ 30, 05/01/2027" */
export const when = (d: Date | null) => (d ? formatMomentVi(d) : '');

/** A machine-readable moment for <time datetime>. */
export const isoOf = (d: Date | null) => (d ? d.toISOString() : '');

export const articleHref = (a: Pick<Article, 'slug'>) => `/tin-tuc/${a.slug}`;
export const categoryHref = (slug: string) => `/chuyen-muc/${slug}`;
export const coverSrc = (a: Pick<Article, 'coverSha256' | 'coverMime'>) => (a.coverSha256 && a.coverMime ? imagePath(a.coverSha256, a.coverMime) : null);

/**
 * Article body HTML, sanitised again at render time (the stored copy was sanitised on save; rendering it
 * through the allow-list once more keeps older rows and direct database edits safe).
 */
export function SafeBody({ html }: { html: string }) {
  const safeBody = sanitizeArticleHtml(html);
  return <div class="prose">{safeBody}</div>;
}

const STATUS_TAG: Record<ArticleStatus, string> = { draft: 'tag', scheduled: 'tag amber', published: 'tag green' };

export function StatusTag({ status }: { status: ArticleStatus }) {
  return (
    <span class={STATUS_TAG[status]} safe>
      {STATUS_LABELS[status]}
    </span>
  );
}

/** One article in a list: title link, category, date, summary. `level`: the heading level in the page. */
export function ArticleItem({ a, level = 2 }: { a: Article; level?: 2 | 3 }) {
  const title = (
    <a href={articleHref(a)} safe>
      {a.title}
    </a>
  );
  return (
    <li>
      {level === 2 ? <h2 class="item-title">{title}</h2> : <h3 class="item-title">{title}</h3>}
      <p class="meta">
        <a href={categoryHref(a.categorySlug)} safe>
          {a.categoryName}
        </a>
        {' · '}
        <time datetime={isoOf(a.publishAt)} safe>
          {when(a.publishAt)}
        </time>
      </p>
      {a.summary ? <p safe>{a.summary}</p> : ''}
    </li>
  );
}
