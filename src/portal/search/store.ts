import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';
import { foldDiacritics } from '../../platform/i18n/text.js';

/** An article found by the site search (what the result list shows). */
export interface ArticleHit {
  slug: string;
  title: string;
  summary: string;
  categoryName: string;
  publishAt: Date;
}

/** The words of a query as search_text stores them: lower case, no diacritics ('đ' -> 'd'), at most 10. */
export function queryWords(q: string): { folded: string; words: string[] } {
  const folded = foldDiacritics(q).slice(0, 200);
  return { folded, words: folded.split(' ').filter(Boolean).slice(0, 10) };
}

const likeAny = (w: string) => '%' + w.replace(/[\\%_]/g, (c) => '\\' + c) + '%';

/**
 * Published articles of the unit (publication time reached) containing every word of `q` in the title, summary
 * or body text, ignoring diacritics: those whose title has every word first, then by trigram word similarity, newest first.
 */
export async function searchArticles(db: Database, unitId: number, q: string, opts: { now: Date; limit: number; offset: number }): Promise<{ total: number; items: ArticleHit[] }> {
  const { folded, words } = queryWords(q);
  if (!words.length) return { total: 0, items: [] };
  const inText = sql.join(words.map((w) => sql`a.search_text like ${likeAny(w)}`), sql` and `);
  const inTitle = sql.join(words.map((w) => sql`lower(f_unaccent(lower(a.title))) like ${likeAny(w)}`), sql` and `);
  const rows = await db.rows<{ slug: string; title: string; summary: string; category_name: string; publish_at: string; total: number }>(sql`
    select a.slug, a.title, a.summary, c.name as category_name, a.publish_at, count(*) over ()::int as total
    from articles a join portal_categories c on c.unit_id = a.unit_id and c.id = a.category_id
    where a.unit_id = ${unitId} and a.state = 'published' and a.publish_at <= ${opts.now.toISOString()}::timestamptz and ${inText}
    order by (${inTitle}) desc, word_similarity(${folded}::text, a.search_text) desc, a.publish_at desc, a.id desc
    limit ${opts.limit} offset ${opts.offset}`);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({ slug: r.slug, title: r.title, summary: r.summary, categoryName: r.category_name, publishAt: new Date(r.publish_at) })),
  };
}

/** What the sitemap and the feeds list: published articles, newest first. */
export interface FeedArticle {
  slug: string;
  title: string;
  summary: string;
  categoryName: string;
  publishAt: Date;
  updatedAt: Date;
}

export async function latestArticles(db: Database, unitId: number, opts: { now: Date; limit: number; categoryId?: number }): Promise<FeedArticle[]> {
  const category = opts.categoryId === undefined ? sql`` : sql` and a.category_id = ${opts.categoryId}`;
  const rows = await db.rows<{ slug: string; title: string; summary: string; category_name: string; publish_at: string; updated_at: string }>(sql`
    select a.slug, a.title, a.summary, c.name as category_name, a.publish_at, a.updated_at
    from articles a join portal_categories c on c.unit_id = a.unit_id and c.id = a.category_id
    where a.unit_id = ${unitId} and a.state = 'published' and a.publish_at <= ${opts.now.toISOString()}::timestamptz${category}
    order by a.publish_at desc, a.id desc limit ${opts.limit}`);
  return rows.map((r) => ({ slug: r.slug, title: r.title, summary: r.summary, categoryName: r.category_name, publishAt: new Date(r.publish_at), updatedAt: new Date(r.updated_at) }));
}

/** Categories with the time their newest visible article was published or changed (null when none). */
export async function categoriesWithLastChange(db: Database, unitId: number, now: Date): Promise<Array<{ slug: string; lastmod: Date | null }>> {
  const rows = await db.rows<{ slug: string; lastmod: string | null }>(sql`
    select c.slug, max(greatest(a.publish_at, a.updated_at)) as lastmod
    from portal_categories c left join articles a on a.unit_id = c.unit_id and a.category_id = c.id and a.state = 'published' and a.publish_at <= ${now.toISOString()}::timestamptz
    where c.unit_id = ${unitId} group by c.slug, c.sort_order, c.id order by c.sort_order, c.id`);
  return rows.map((r) => ({ slug: r.slug, lastmod: r.lastmod ? new Date(r.lastmod) : null }));
}
