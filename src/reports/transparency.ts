/**
 * The public transparency figures of a commune for a year (no login): dossiers received and resolved, on-time rate,
 * online share and average satisfaction, for the year and by month. Cached briefly: the page is public.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import { processingReport } from './report.js';

export interface MonthFigures {
  month: string;
  received: number;
  online: number;
  resolved: number;
  onTime: number;
  ratings: number;
  averageRating: number | null;
}

export interface PublicFigures {
  unitId: number;
  year: number;
  asOf: Date;
  received: number;
  online: number;
  resolved: number;
  onTime: number;
  onTimeRate: number | null;
  onlineShare: number | null;
  ratings: number;
  averageRating: number | null;
  months: MonthFigures[];
}

const vnYearStart = (year: number) => new Date(`${year}-01-01T00:00:00+07:00`);
const monthOf = (col: string) => sql.raw(`to_char((${col} at time zone 'UTC') + interval '7 hours', 'YYYY-MM')`);

export async function publicFigures(db: Database, unitId: number, year: number, now = new Date()): Promise<PublicFigures> {
  const filter = { unitIds: [unitId], from: vnYearStart(year), to: vnYearStart(year + 1) };
  const report = await processingReport(db, filter, now);
  const from = filter.from.toISOString();
  const to = filter.to.toISOString();
  const extra = await db.rows<{ month: string; online: number; ratings: number; rating_sum: number }>(sql`
    select ${monthOf('s.received_at')} as month, count(*) filter (where s.channel = 'online')::int as online, 0 as ratings, 0 as rating_sum
      from dossier_stats s where s.unit_id = ${unitId} and s.received_at >= ${from}::timestamptz and s.received_at < ${to}::timestamptz group by 1
    union all
    select ${monthOf('s.end_at')}, 0, count(s.rating)::int, coalesce(sum(s.rating), 0)::int
      from dossier_stats s where s.unit_id = ${unitId} and s.end_at >= ${from}::timestamptz and s.end_at < ${to}::timestamptz and s.rating is not null group by 1`);
  const months = new Map<string, MonthFigures>();
  for (let m = 1; m <= 12; m++) {
    const key = `${year}-${String(m).padStart(2, '0')}`;
    months.set(key, { month: key, received: 0, online: 0, resolved: 0, onTime: 0, ratings: 0, averageRating: null });
  }
  for (const r of report.byMonth) {
    const e = months.get(r.month);
    if (!e) continue;
    e.received = r.received;
    e.resolved = r.resolvedEarly + r.resolvedOnTime + r.resolvedLate;
    e.onTime = r.resolvedEarly + r.resolvedOnTime;
  }
  const ratingSums = new Map<string, number>();
  for (const r of extra) {
    const e = months.get(r.month);
    if (!e) continue;
    e.online += Number(r.online);
    e.ratings += Number(r.ratings);
    ratingSums.set(r.month, (ratingSums.get(r.month) ?? 0) + Number(r.rating_sum));
  }
  for (const e of months.values()) e.averageRating = e.ratings ? Math.round(((ratingSums.get(e.month) ?? 0) / e.ratings) * 100) / 100 : null;
  const list = [...months.values()];
  const sum = (k: keyof MonthFigures) => list.reduce((s, m) => s + Number(m[k] ?? 0), 0);
  const ratings = sum('ratings');
  const ratingTotal = [...ratingSums.values()].reduce((a, b) => a + b, 0);
  const received = report.total.newInPeriod;
  return {
    unitId, year, asOf: report.asOf, received, online: report.total.receivedOnline, resolved: report.total.resolved,
    onTime: report.total.resolvedEarly + report.total.resolvedOnTime, onTimeRate: report.total.onTimeRate,
    onlineShare: received === 0 ? null : report.total.receivedOnline / received,
    ratings, averageRating: ratings ? Math.round((ratingTotal / ratings) * 100) / 100 : null, months: list,
  };
}

/** Public figures cached per unit and year for `ttlMs` (the page is open to everyone; numbers move slowly). */
export function cachedPublicFigures(db: Database, ttlMs = 60_000) {
  const cache = new Map<string, { at: number; value: Promise<PublicFigures> }>();
  return (unitId: number, year: number): Promise<PublicFigures> => {
    const key = `${unitId}:${year}`;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < ttlMs) return hit.value;
    const value = publicFigures(db, unitId, year);
    value.catch(() => cache.delete(key));
    cache.set(key, { at: Date.now(), value });
    if (cache.size > 1000) cache.delete(cache.keys().next().value as string);
    return value;
  };
}
