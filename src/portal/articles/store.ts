import { sql } from 'drizzle-orm';
import type { Database, RawTransaction } from '../../platform/db/index.js';
import { conflict, notFound } from '../../platform/http/index.js';
import type { Article, ArticleInput, ArticleRevision, Category } from './model.js';
import { slugify, uniqueSlug } from './slug.js';
import { articlesChanged } from './changes.js';

const date = (v: unknown): Date | null => (v == null ? null : new Date(v as string));

const SELECT = sql.raw(`select a.*, c.slug as category_slug, c.name as category_name, i.mime as cover_mime
  from articles a
  join portal_categories c on c.unit_id = a.unit_id and c.id = a.category_id
  left join portal_images i on i.unit_id = a.unit_id and i.sha256 = a.cover_sha256`);

function toArticle(r: Record<string, unknown>): Article {
  return {
    unitId: Number(r.unit_id), id: Number(r.id), categoryId: Number(r.category_id), categorySlug: String(r.category_slug), categoryName: String(r.category_name),
    slug: String(r.slug), title: String(r.title), summary: String(r.summary), bodyHtml: String(r.body_html),
    coverSha256: (r.cover_sha256 as string | null) ?? null, coverMime: (r.cover_mime as string | null) ?? null, coverAlt: (r.cover_alt as string | null) ?? null,
    authorName: String(r.author_name), state: r.state as Article['state'], publishAt: date(r.publish_at), revision: Number(r.revision),
    createdAt: new Date(r.created_at as string), updatedAt: new Date(r.updated_at as string),
  };
}

const toCategory = (r: Record<string, unknown>): Category => ({
  unitId: Number(r.unit_id), id: Number(r.id), slug: String(r.slug), name: String(r.name), sortOrder: Number(r.sort_order),
});

export async function listCategories(db: Database, unitId: number): Promise<Category[]> {
  return (await db.rows(sql`select * from portal_categories where unit_id = ${unitId} order by sort_order, id`)).map(toCategory);
}

export async function findCategoryBySlug(db: Database, unitId: number, slug: string): Promise<Category | null> {
  const rows = await db.rows(sql`select * from portal_categories where unit_id = ${unitId} and slug = ${slug}`);
  return rows[0] ? toCategory(rows[0]) : null;
}

/** Adds the categories that do not exist yet (by slug); keeps the others as the editors left them. */
export async function ensureCategories(db: Database, unitId: number, categories: ReadonlyArray<{ slug: string; name: string }>): Promise<void> {
  for (const [i, c] of categories.entries()) {
    await db.rows(sql`insert into portal_categories (unit_id, slug, name, sort_order) values (${unitId}, ${c.slug}, ${c.name}, ${(i + 1) * 10})
      on conflict (unit_id, slug) do nothing`);
  }
}

export async function getArticle(db: Database, unitId: number, id: number): Promise<Article | null> {
  const rows = await db.rows(sql`${SELECT} where a.unit_id = ${unitId} and a.id = ${id}`);
  return rows[0] ? toArticle(rows[0]) : null;
}

/** Every article of the unit, newest change first, for the editors. */
export async function listAllArticles(db: Database, unitId: number, limit = 500): Promise<Article[]> {
  const rows = await db.rows(sql`select a.*, c.slug as category_slug, c.name as category_name, null as cover_mime
    from articles a join portal_categories c on c.unit_id = a.unit_id and c.id = a.category_id
    where a.unit_id = ${unitId} order by a.updated_at desc, a.id desc limit ${limit}`);
  return rows.map(toArticle);
}

export interface PublicQuery {
  now: Date;
  categoryId?: number | undefined;
  excludeCategoryId?: number | undefined;
  limit: number;
  offset?: number;
}

/** Articles readers may see (published, publication time reached), newest first. */
export async function listPublished(db: Database, unitId: number, q: PublicQuery): Promise<{ articles: Article[]; total: number }> {
  const category = q.categoryId === undefined ? sql`` : sql` and a.category_id = ${q.categoryId}`;
  const excluded = q.excludeCategoryId === undefined ? sql`` : sql` and a.category_id <> ${q.excludeCategoryId}`;
  const where = sql`a.unit_id = ${unitId} and a.state = 'published' and a.publish_at <= ${q.now.toISOString()}::timestamptz${category}${excluded}`;
  const rows = await db.rows(sql`${SELECT} where ${where} order by a.publish_at desc, a.id desc limit ${q.limit} offset ${q.offset ?? 0}`);
  const count = await db.rows<{ n: number }>(sql`select count(*)::int as n from articles a where ${where}`);
  return { articles: rows.map(toArticle), total: Number(count[0]?.n ?? 0) };
}

export async function findPublishedBySlug(db: Database, unitId: number, slug: string, now: Date): Promise<Article | null> {
  const rows = await db.rows(sql`${SELECT} where a.unit_id = ${unitId} and a.slug = ${slug} and a.state = 'published' and a.publish_at <= ${now.toISOString()}::timestamptz`);
  return rows[0] ? toArticle(rows[0]) : null;
}

export interface Editor {
  /** null for the demo seed when the demo editor does not exist */
  userId: number | null;
  fullName: string;
}

/** The cover of a save: a newly uploaded image, the one kept, or none. */
export type CoverChange = { sha256: string } | 'keep' | 'remove';

async function insertRevision(tx: RawTransaction, unitId: number, id: number, editor: Editor): Promise<void> {
  await tx.query(`insert into article_revisions (unit_id, article_id, revision, category_id, title, summary, body_html, cover_sha256, cover_alt, author_name, saved_by, saved_by_name)
    select unit_id, id, revision, category_id, title, summary, body_html, cover_sha256, cover_alt, author_name, $3, $4 from articles where unit_id = $1 and id = $2`,
  [unitId, id, editor.userId, editor.fullName]);
}

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === '23505';

/** Creates a draft (revision 1) with a slug made from the title, unique in the unit. `input` must be checked already. */
export async function createArticle(db: Database, unitId: number, editor: Editor, input: ArticleInput, cover: { sha256: string } | null): Promise<Article> {
  const base = slugify(input.title);
  try {
    const id = await db.withRawTransaction(async (tx) => {
      const taken = await tx.query<{ slug: string }>(`select slug from articles where unit_id = $1 and (slug = $2 or slug like $3)`, [unitId, base, `${base}-%`]);
      const slug = uniqueSlug(base, new Set(taken.map((r) => r.slug)));
      const rows = await tx.query<{ id: number }>(
        `insert into articles (unit_id, category_id, slug, title, summary, body_html, cover_sha256, cover_alt, author_name, state, created_by, updated_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10, $10) returning id`,
        [unitId, input.categoryId, slug, input.title, input.summary, input.bodyHtml, cover?.sha256 ?? null, cover ? input.coverAlt : null, input.authorName, editor.userId],
      );
      const newId = Number(rows[0]!.id);
      await insertRevision(tx, unitId, newId, editor);
      return newId;
    });
    return (await getArticle(db, unitId, id))!;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('SLUG_TAKEN', 'Một bài viết khác vừa được tạo với cùng tiêu đề. Vui lòng gửi lại.');
    throw err;
  }
}

/** Saves a new version of the article (its address stays the same) and keeps it as the next revision. */
export async function updateArticle(db: Database, unitId: number, id: number, editor: Editor, input: ArticleInput, cover: CoverChange): Promise<Article> {
  await db.withRawTransaction(async (tx) => {
    const current = await tx.query<{ cover_sha256: string | null }>('select cover_sha256 from articles where unit_id = $1 and id = $2 for update', [unitId, id]);
    if (!current.length) throw notFound('Không tìm thấy bài viết này.');
    const coverSha = cover === 'keep' ? current[0]!.cover_sha256 : cover === 'remove' ? null : cover.sha256;
    const rows = await tx.query(
      `update articles set category_id = $3, title = $4, summary = $5, body_html = $6, cover_sha256 = $7, cover_alt = $8, author_name = $9,
         revision = revision + 1, updated_by = $10, updated_at = now()
       where unit_id = $1 and id = $2 returning id`,
      [unitId, id, input.categoryId, input.title, input.summary, input.bodyHtml, coverSha, coverSha ? input.coverAlt : null, input.authorName, editor.userId],
    );
    if (!rows.length) throw notFound('Không tìm thấy bài viết này.');
    await insertRevision(tx, unitId, id, editor);
  });
  articlesChanged(db, unitId);
  return (await getArticle(db, unitId, id))!;
}

/** Publishes at `at` (now: published at once; later: scheduled). */
export async function setPublished(db: Database, unitId: number, id: number, editor: Editor, at: Date): Promise<void> {
  const rows = await db.rows(sql`update articles set state = 'published', publish_at = ${at.toISOString()}::timestamptz, updated_by = ${editor.userId}, updated_at = now()
    where unit_id = ${unitId} and id = ${id} returning id`);
  if (!rows.length) throw notFound('Không tìm thấy bài viết này.');
  articlesChanged(db, unitId);
}

/** Takes the article back to a draft: readers no longer see it. */
export async function setDraft(db: Database, unitId: number, id: number, editor: Editor): Promise<void> {
  const rows = await db.rows(sql`update articles set state = 'draft', publish_at = null, updated_by = ${editor.userId}, updated_at = now()
    where unit_id = ${unitId} and id = ${id} returning id`);
  if (!rows.length) throw notFound('Không tìm thấy bài viết này.');
  articlesChanged(db, unitId);
}

export async function listRevisions(db: Database, unitId: number, id: number): Promise<ArticleRevision[]> {
  const rows = await db.rows(sql`select revision, title, saved_by_name, saved_at from article_revisions
    where unit_id = ${unitId} and article_id = ${id} order by revision desc`);
  return rows.map((r) => ({ revision: Number(r.revision), title: String(r.title), savedByName: String(r.saved_by_name), savedAt: new Date(r.saved_at as string) }));
}
