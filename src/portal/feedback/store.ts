import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';

export type CommentStatus = 'pending' | 'approved' | 'rejected' | 'hidden';

export interface RatingSummary {
  count: number;
  /** null when nobody rated yet */
  average: number | null;
}

export interface ArticleComment {
  id: number;
  articleId: number;
  articleSlug: string;
  articleTitle: string;
  authorName: string;
  authorEmail: string | null;
  body: string;
  status: CommentStatus;
  createdAt: Date;
  /** reports since the last review */
  reports: number;
}

export interface FeedbackSettings {
  trustKnownCommenters: boolean;
  reportThreshold: number;
}

/** Records a reader's rating; a second rating in the same month replaces the first. Returns true when it replaced one. */
export async function rateArticle(db: Database, unitId: number, articleId: number, reader: { hash: string; period: string }, stars: number): Promise<boolean> {
  const rows = await db.rows<{ inserted: boolean }>(sql`insert into article_ratings (unit_id, article_id, reader_hash, period, stars)
    values (${unitId}, ${articleId}, ${reader.hash}, ${reader.period}, ${stars})
    on conflict (unit_id, article_id, reader_hash, period) do update set stars = excluded.stars, rated_at = now()
    returning (xmax = 0) as inserted`);
  return !rows[0]?.inserted;
}

export async function ratingSummary(db: Database, unitId: number, articleId: number): Promise<RatingSummary> {
  const rows = await db.rows<{ n: number; avg: string | null }>(sql`select count(*)::int as n, avg(stars)::numeric(4,2)::text as avg
    from article_ratings where unit_id = ${unitId} and article_id = ${articleId}`);
  const n = Number(rows[0]?.n ?? 0);
  return { count: n, average: n && rows[0]?.avg != null ? Number(rows[0].avg) : null };
}

export async function getFeedbackSettings(db: Database, unitId: number): Promise<FeedbackSettings> {
  const rows = await db.rows<{ trust_known_commenters: boolean; report_threshold: number }>(sql`select trust_known_commenters, report_threshold
    from portal_feedback_settings where unit_id = ${unitId}`);
  return { trustKnownCommenters: rows[0]?.trust_known_commenters ?? false, reportThreshold: Number(rows[0]?.report_threshold ?? 3) };
}

export async function saveFeedbackSettings(db: Database, unitId: number, s: FeedbackSettings): Promise<void> {
  await db.rows(sql`insert into portal_feedback_settings (unit_id, trust_known_commenters, report_threshold)
    values (${unitId}, ${s.trustKnownCommenters}, ${s.reportThreshold})
    on conflict (unit_id) do update set trust_known_commenters = excluded.trust_known_commenters, report_threshold = excluded.report_threshold`);
}

/**
 * A trusted commenter: the same name and e-mail (case-insensitive) as a comment an editor has approved before.
 * Without an e-mail nobody is trusted (a name alone is too easy to borrow).
 */
export async function isTrustedCommenter(db: Database, unitId: number, name: string, email: string | null): Promise<boolean> {
  if (!email) return false;
  const rows = await db.rows(sql`select 1 from article_comments where unit_id = ${unitId} and status = 'approved'
    and lower(author_email) = lower(${email}) and author_name = ${name} limit 1`);
  return rows.length > 0;
}

export async function addComment(db: Database, unitId: number, c: { articleId: number; name: string; email: string | null; body: string; readerHash: string; status: 'pending' | 'approved' }): Promise<number> {
  const rows = await db.rows<{ id: number }>(sql`insert into article_comments (unit_id, article_id, author_name, author_email, body, reader_hash, status)
    values (${unitId}, ${c.articleId}, ${c.name}, ${c.email}, ${c.body}, ${c.readerHash}, ${c.status}) returning id`);
  return Number(rows[0]!.id);
}

const SELECT = sql`select c.*, a.slug as article_slug, a.title as article_title,
    (select count(*)::int from comment_reports r where r.unit_id = c.unit_id and r.comment_id = c.id
       and r.reported_at > coalesce(c.reviewed_at, '-infinity'::timestamptz)) as reports
  from article_comments c join articles a on a.unit_id = c.unit_id and a.id = c.article_id`;

const toComment = (r: Record<string, unknown>): ArticleComment => ({
  id: Number(r.id), articleId: Number(r.article_id), articleSlug: String(r.article_slug), articleTitle: String(r.article_title),
  authorName: String(r.author_name), authorEmail: (r.author_email as string | null) ?? null, body: String(r.body),
  status: r.status as CommentStatus, createdAt: new Date(r.created_at as string), reports: Number(r.reports ?? 0),
});

export async function approvedComments(db: Database, unitId: number, articleId: number): Promise<ArticleComment[]> {
  return (await db.rows(sql`${SELECT} where c.unit_id = ${unitId} and c.article_id = ${articleId} and c.status = 'approved' order by c.created_at, c.id limit 500`)).map(toComment);
}

export async function getComment(db: Database, unitId: number, id: number): Promise<ArticleComment | null> {
  const rows = await db.rows(sql`${SELECT} where c.unit_id = ${unitId} and c.id = ${id}`);
  return rows[0] ? toComment(rows[0]) : null;
}

/** The editor's queues: waiting for approval, and reported (hidden by reports, or shown with reports not yet reviewed). */
export async function moderationQueues(db: Database, unitId: number): Promise<{ pending: ArticleComment[]; reported: ArticleComment[] }> {
  const pending = (await db.rows(sql`${SELECT} where c.unit_id = ${unitId} and c.status = 'pending' order by c.created_at, c.id limit 200`)).map(toComment);
  const reported = (await db.rows(sql`select * from (${SELECT} where c.unit_id = ${unitId} and c.status in ('approved', 'hidden')) x
    where x.reports > 0 or (x.status = 'hidden' and x.reviewed_at is null) order by x.created_at, x.id limit 200`)).map(toComment);
  return { pending, reported };
}

/** A reader's report (once per reader); hides an approved comment when the reports reach the threshold. Returns whether it hid it. */
export async function reportComment(db: Database, unitId: number, id: number, readerHash: string, threshold: number): Promise<boolean> {
  await db.rows(sql`insert into comment_reports (unit_id, comment_id, reader_hash) values (${unitId}, ${id}, ${readerHash}) on conflict do nothing`);
  const rows = await db.rows(sql`update article_comments c set status = 'hidden'
    where c.unit_id = ${unitId} and c.id = ${id} and c.status = 'approved'
      and (select count(*) from comment_reports r where r.unit_id = c.unit_id and r.comment_id = c.id
           and r.reported_at > coalesce(c.reviewed_at, '-infinity'::timestamptz)) >= ${threshold}
    returning c.id`);
  return rows.length > 0;
}

/** An editor's decision; returns false when the comment was not in a state the action applies to. */
export async function setCommentStatus(db: Database, unitId: number, id: number, from: readonly CommentStatus[], to: CommentStatus, userId: number): Promise<boolean> {
  const rows = await db.rows(sql`update article_comments set status = ${to}, reviewed_at = now(), reviewed_by = ${userId}
    where unit_id = ${unitId} and id = ${id} and status in (${sql.join(from.map((s) => sql`${s}`), sql`, `)}) returning id`);
  return rows.length > 0;
}
