import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';
import type { VisitIncrement } from './counter.js';

/**
 * Adds the increments of one flush in one statement (additive upsert: several instances each add their own counts).
 * Rows are sorted by key, so two instances flushing at once lock the rows in the same order (no deadlock).
 */
export async function addVisitCounts(db: Database, increments: VisitIncrement[]): Promise<void> {
  if (!increments.length) return;
  const rows = [...increments].sort((a, b) => a.unitId - b.unitId || (a.day < b.day ? -1 : a.day > b.day ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const values = sql.join(
    rows.map((r) => sql`(${r.unitId}::integer, ${r.day}::date, ${r.path}::text, ${r.views}::bigint, ${r.visits}::bigint)`),
    sql`, `,
  );
  await db.rows(sql`insert into site_visits_daily (unit_id, day, path, views, visits) values ${values}
    on conflict (unit_id, day, path) do update
    set views = site_visits_daily.views + excluded.views, visits = site_visits_daily.visits + excluded.visits`);
}

/** Visits of the unit since counting began (the "Lượt truy cập" of the footer). */
export async function totalVisits(db: Database, unitId: number): Promise<number> {
  const rows = await db.rows<{ total: string | number }>(sql`select coalesce(sum(visits), 0)::text as total from site_visits_daily where unit_id = ${unitId}`);
  return Number(rows[0]?.total ?? 0);
}

export interface DayFigures {
  day: string;
  views: number;
  visits: number;
}

/** Visits and page views per day, most recent first, between two Vietnam dates (inclusive). */
export async function visitsByDay(db: Database, unitId: number, from: string, to: string): Promise<DayFigures[]> {
  const rows = await db.rows<{ day: string; views: string; visits: string }>(sql`
    select to_char(day, 'YYYY-MM-DD') as day, sum(views)::text as views, sum(visits)::text as visits
    from site_visits_daily where unit_id = ${unitId} and day between ${from}::date and ${to}::date
    group by day order by day desc`);
  return rows.map((r) => ({ day: r.day, views: Number(r.views), visits: Number(r.visits) }));
}

export interface PageFigures {
  path: string;
  views: number;
  visits: number;
}

/** The most viewed pages between two Vietnam dates (inclusive). */
export async function topPages(db: Database, unitId: number, from: string, to: string, limit = 20): Promise<PageFigures[]> {
  const rows = await db.rows<{ path: string; views: string; visits: string }>(sql`
    select path, sum(views)::text as views, sum(visits)::text as visits
    from site_visits_daily where unit_id = ${unitId} and day between ${from}::date and ${to}::date
    group by path order by sum(views) desc, path limit ${limit}`);
  return rows.map((r) => ({ path: r.path, views: Number(r.views), visits: Number(r.visits) }));
}
