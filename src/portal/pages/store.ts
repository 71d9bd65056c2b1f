import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';
import { notFound } from '../../platform/http/index.js';

/** An introduction page of the commune website (/gioi-thieu/<slug>). */
export interface PortalPage {
  unitId: number;
  id: number;
  slug: string;
  title: string;
  bodyHtml: string;
  sortOrder: number;
  updatedAt: Date;
}

const toPage = (r: Record<string, unknown>): PortalPage => ({
  unitId: Number(r.unit_id), id: Number(r.id), slug: String(r.slug), title: String(r.title), bodyHtml: String(r.body_html),
  sortOrder: Number(r.sort_order), updatedAt: new Date(r.updated_at as string),
});

export async function listPages(db: Database, unitId: number): Promise<PortalPage[]> {
  return (await db.rows(sql`select * from portal_pages where unit_id = ${unitId} order by sort_order, id`)).map(toPage);
}

export async function findPageBySlug(db: Database, unitId: number, slug: string): Promise<PortalPage | null> {
  const rows = await db.rows(sql`select * from portal_pages where unit_id = ${unitId} and slug = ${slug}`);
  return rows[0] ? toPage(rows[0]) : null;
}

export async function getPage(db: Database, unitId: number, id: number): Promise<PortalPage | null> {
  const rows = await db.rows(sql`select * from portal_pages where unit_id = ${unitId} and id = ${id}`);
  return rows[0] ? toPage(rows[0]) : null;
}

/** Adds the pages that do not exist yet (by slug); never overwrites what editors wrote. */
export async function ensurePages(db: Database, unitId: number, pages: ReadonlyArray<{ slug: string; title: string; bodyHtml: string }>): Promise<void> {
  for (const [i, p] of pages.entries()) {
    await db.rows(sql`insert into portal_pages (unit_id, slug, title, body_html, sort_order) values (${unitId}, ${p.slug}, ${p.title}, ${p.bodyHtml}, ${(i + 1) * 10})
      on conflict (unit_id, slug) do nothing`);
  }
}

/** Saves a page; `input` must be checked and its body sanitised already. */
export async function updatePage(db: Database, unitId: number, id: number, userId: number, input: { title: string; bodyHtml: string; sortOrder: number }): Promise<void> {
  const rows = await db.rows(sql`update portal_pages set title = ${input.title}, body_html = ${input.bodyHtml}, sort_order = ${input.sortOrder},
    updated_by = ${userId}, updated_at = now() where unit_id = ${unitId} and id = ${id} returning id`);
  if (!rows.length) throw notFound('Không tìm thấy trang này.');
}
