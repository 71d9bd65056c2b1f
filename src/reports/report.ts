/**
 * The standard processing report (báo cáo tình hình giải quyết TTHC, domain-vn.md §1.5) for any period, set of units,
 * sector, procedure and officer — computed in SQL over `dossier_stats` in one pass (FILTER aggregates and GROUPING
 * SETS), so a province-year stays fast. The same metric conditions select the dossiers behind each number.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';

export interface ReportFilter {
  unitIds: number[];
  /** Start of the period (inclusive). */
  from: Date;
  /** End of the period (exclusive). In-progress figures are as of min(to, now). */
  to: Date;
  sectorCode?: string | null;
  procedureCode?: string | null;
  /** The officer who handles the dossiers (assignee). */
  officerId?: number | null;
  /** Only the dossiers no officer handles (the by-officer row with the empty key). */
  unassigned?: boolean;
}

export const METRICS = [
  'carriedOver', 'receivedOnline', 'receivedCounter', 'receivedPost', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate',
  'inProgressWithinTime', 'inProgressOverdue', 'withdrawn', 'stopped',
] as const;
export type Metric = (typeof METRICS)[number];
/** Metrics that are sums of others (drill-down lists accept them too). */
export const COMPOSITE_METRICS = { received: ['carriedOver', 'receivedOnline', 'receivedCounter', 'receivedPost'], newInPeriod: ['receivedOnline', 'receivedCounter', 'receivedPost'], resolved: ['resolvedEarly', 'resolvedOnTime', 'resolvedLate'], inProgress: ['inProgressWithinTime', 'inProgressOverdue'] } as const satisfies Record<string, readonly Metric[]>;
export type AnyMetric = Metric | keyof typeof COMPOSITE_METRICS;

export type Counts = Record<Metric, number>;

export interface ReportFigures extends Counts {
  received: number;
  newInPeriod: number;
  resolved: number;
  inProgress: number;
  /** (early + on time) / resolved, or null when nothing was resolved. */
  onTimeRate: number | null;
}

export interface ReportRow { key: string; figures: ReportFigures }

export interface ProcessingReport {
  filter: ReportFilter;
  /** The moment in-progress dossiers are judged at: min(to, now). */
  asOf: Date;
  total: ReportFigures;
  byUnit: ReportRow[];
  bySector: ReportRow[];
  byProcedure: ReportRow[];
  byOfficer: ReportRow[];
  /** Per month of the period (YYYY-MM, Vietnam time): received (new) and resolved by timeliness. */
  byMonth: Array<{ month: string; received: number; resolvedEarly: number; resolvedOnTime: number; resolvedLate: number }>;
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** The SQL condition of each metric, over a row of dossier_stats aliased `s`. */
export function metricCondition(metric: Metric, f: Pick<ReportFilter, 'from' | 'to'>, asOf: Date): SQL {
  const from = ts(f.from);
  const to = ts(f.to);
  const at = ts(asOf);
  const receivedInPeriod = sql`s.received_at >= ${from} and s.received_at < ${to}`;
  const endedInPeriod = sql`s.end_at >= ${from} and s.end_at < ${to}`;
  const openAt = sql`s.received_at < ${at} and (s.end_at is null or s.end_at >= ${at})`;
  const overdueAt = sql`(s.supplement_requests >= 2 or (not coalesce(s.waiting_since <= ${at}, false) and s.due_at < ${at}))`;
  switch (metric) {
    case 'carriedOver': return sql`(s.received_at < ${from} and (s.end_at is null or s.end_at >= ${from}))`;
    case 'receivedOnline': return sql`(${receivedInPeriod} and s.channel = 'online')`;
    case 'receivedCounter': return sql`(${receivedInPeriod} and s.channel = 'counter')`;
    case 'receivedPost': return sql`(${receivedInPeriod} and s.channel = 'post')`;
    case 'resolvedEarly': return sql`(${endedInPeriod} and s.timeliness = 'early')`;
    case 'resolvedOnTime': return sql`(${endedInPeriod} and s.timeliness = 'onTime')`;
    case 'resolvedLate': return sql`(${endedInPeriod} and s.timeliness = 'late')`;
    case 'inProgressWithinTime': return sql`(${openAt} and not ${overdueAt})`;
    case 'inProgressOverdue': return sql`(${openAt} and ${overdueAt})`;
    case 'withdrawn': return sql`(${endedInPeriod} and s.end_kind = 'withdrawn')`;
    case 'stopped': return sql`(${endedInPeriod} and s.end_kind = 'stopped')`;
  }
}

export function anyMetricCondition(metric: AnyMetric, f: Pick<ReportFilter, 'from' | 'to'>, asOf: Date): SQL {
  if (metric in COMPOSITE_METRICS) {
    const parts = COMPOSITE_METRICS[metric as keyof typeof COMPOSITE_METRICS].map((m) => metricCondition(m, f, asOf));
    return sql`(${sql.join(parts, sql` or `)})`;
  }
  return metricCondition(metric as Metric, f, asOf);
}

/** Rows of the units, sector, procedure and officer of the filter that can matter for the period. */
export function scopeCondition(f: ReportFilter): SQL {
  const parts: SQL[] = [sql`s.unit_id = any(${sql.param(f.unitIds)})`, sql`s.received_at < ${ts(f.to)}`, sql`(s.end_at is null or s.end_at >= ${ts(f.from)})`];
  if (f.sectorCode) parts.push(sql`s.sector_code = ${f.sectorCode}`);
  if (f.procedureCode) parts.push(sql`s.procedure_code = ${f.procedureCode}`);
  if (f.officerId) parts.push(sql`s.handled_by = ${f.officerId}`);
  if (f.unassigned) parts.push(sql`s.handled_by is null`);
  return sql.join(parts, sql` and `);
}

export function figuresOf(c: Counts): ReportFigures {
  const newInPeriod = c.receivedOnline + c.receivedCounter + c.receivedPost;
  const resolved = c.resolvedEarly + c.resolvedOnTime + c.resolvedLate;
  return {
    ...c, newInPeriod, received: c.carriedOver + newInPeriod, resolved, inProgress: c.inProgressWithinTime + c.inProgressOverdue,
    onTimeRate: resolved === 0 ? null : (c.resolvedEarly + c.resolvedOnTime) / resolved,
  };
}

const zero = (): Counts => Object.fromEntries(METRICS.map((m) => [m, 0])) as Counts;

interface GroupCounts { unitId: number; sectorCode: string; procedureCode: string; handledBy: number | null; counts: Counts }

const countsOf = (r: Record<string, unknown>): Counts => Object.fromEntries(METRICS.map((m) => [m, Number(r[m] ?? 0)])) as Counts;
const groupOf = (r: Record<string, unknown>, counts: Counts): GroupCounts => ({
  unitId: Number(r.unit_id), sectorCode: String(r.sector_code), procedureCode: String(r.procedure_code),
  handledBy: r.handled_by == null ? null : Number(r.handled_by), counts,
});

/** Every metric per (unit, sector, procedure[, officer]) from the dossier rows: exact for any filter and moment. */
async function countsFromRows(db: Database, filter: ReportFilter, asOf: Date, byOfficer: boolean): Promise<GroupCounts[]> {
  const aggregates = sql.join(METRICS.map((m) => sql`count(*) filter (where ${metricCondition(m, filter, asOf)})::int as ${sql.identifier(m)}`), sql`, `);
  const officer = byOfficer ? sql`s.handled_by` : sql`null::integer`;
  const rows = await db.rows<Record<string, unknown>>(sql`
    select s.unit_id, s.sector_code, s.procedure_code, ${officer} as handled_by, ${aggregates}
    from dossier_stats s where ${scopeCondition(filter)} group by 1, 2, 3, 4`);
  return rows.map((r) => groupOf(r, countsOf(r)));
}

/** Whole Vietnam days only: the daily counts apply. */
const vnMidnight = (d: Date) => (d.getTime() + 7 * 3_600_000) % 86_400_000 === 0;
const dayOf = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

function dailyScope(f: ReportFilter): SQL {
  const parts: SQL[] = [sql`d.unit_id = any(${sql.param(f.unitIds)})`, sql`d.day < ${dayOf(f.to)}::date`];
  if (f.sectorCode) parts.push(sql`d.sector_code = ${f.sectorCode}`);
  if (f.procedureCode) parts.push(sql`d.procedure_code = ${f.procedureCode}`);
  return sql.join(parts, sql` and `);
}

/**
 * The same metrics from the daily counts (received and ended in the period; carried over = received before it −
 * ended before it) and, for the in-progress split, only the dossiers open at `asOf` (range index).
 */
async function countsFromDaily(db: Database, filter: ReportFilter, asOf: Date): Promise<GroupCounts[]> {
  const from = sql`${dayOf(filter.from)}::date`;
  const inPeriod = (col: string) => sql`coalesce(sum(d.${sql.raw(col)}) filter (where d.day >= ${from}), 0)::int`;
  const daily = await db.rows<Record<string, unknown>>(sql`
    select d.unit_id, d.sector_code, d.procedure_code,
      ${inPeriod('received_counter')} as "receivedCounter", ${inPeriod('received_online')} as "receivedOnline", ${inPeriod('received_post')} as "receivedPost",
      ${inPeriod('resolved_early')} as "resolvedEarly", ${inPeriod('resolved_on_time')} as "resolvedOnTime", ${inPeriod('resolved_late')} as "resolvedLate",
      ${inPeriod('withdrawn')} as withdrawn, ${inPeriod('stopped')} as stopped,
      (coalesce(sum(d.received_counter + d.received_online + d.received_post) filter (where d.day < ${from}), 0)
        - coalesce(sum(d.resolved_early + d.resolved_on_time + d.resolved_late + d.withdrawn + d.stopped) filter (where d.day < ${from}), 0))::int as "carriedOver"
    from dossier_stats_daily d where ${dailyScope(filter)} group by 1, 2, 3`);
  const at = sql`${asOf.toISOString()}::timestamptz`;
  const open = await db.rows<Record<string, unknown>>(sql`
    select s.unit_id, s.sector_code, s.procedure_code,
      count(*) filter (where ${metricCondition('inProgressWithinTime', filter, asOf)})::int as "inProgressWithinTime",
      count(*) filter (where ${metricCondition('inProgressOverdue', filter, asOf)})::int as "inProgressOverdue"
    from dossier_stats s where tstzrange(s.received_at, s.end_at, '(]') @> ${at} and ${scopeCondition(filter)} group by 1, 2, 3`);
  const groups = new Map<string, GroupCounts>();
  const key = (r: Record<string, unknown>) => `${String(r.unit_id)}|${String(r.procedure_code)}`;
  for (const r of [...daily, ...open]) {
    const g = groups.get(key(r)) ?? groups.set(key(r), groupOf({ ...r, handled_by: null }, zero())).get(key(r))!;
    for (const m of METRICS) g.counts[m] += Number(r[m] ?? 0);
  }
  return [...groups.values()];
}

function sumBy(groups: GroupCounts[], keyOf: (g: GroupCounts) => string): ReportRow[] {
  const sums = new Map<string, Counts>();
  for (const g of groups) {
    const k = keyOf(g);
    const c = sums.get(k) ?? sums.set(k, zero()).get(k)!;
    for (const m of METRICS) c[m] += g.counts[m];
  }
  const rows = [...sums].map(([key, c]) => ({ key, figures: figuresOf(c) })).filter((r) => METRICS.some((m) => r.figures[m] > 0));
  return rows.sort((a, b) => b.figures.received - a.figures.received || a.key.localeCompare(b.key));
}

/**
 * The report. Whole-day periods without an officer filter are summed from the daily counts (a province-year reads
 * ~150,000 daily rows, not 2,000,000 dossiers); otherwise, and for the per-officer table of one unit, the dossier
 * rows are counted. Both give the same numbers (test/reports/report-paths.test.ts). The per-officer table is
 * given for one unit (officers work in their commune).
 */
export async function processingReport(db: Database, filter: ReportFilter, now = new Date(), opts: { source?: 'auto' | 'rows' } = {}): Promise<ProcessingReport> {
  const asOf = new Date(Math.min(filter.to.getTime(), now.getTime()));
  const empty: ProcessingReport = { filter, asOf, total: figuresOf(zero()), byUnit: [], bySector: [], byProcedure: [], byOfficer: [], byMonth: [] };
  if (filter.unitIds.length === 0) return empty;
  const officerFilter = Boolean(filter.officerId) || filter.unassigned === true;
  const useDaily = opts.source !== 'rows' && !officerFilter && vnMidnight(filter.from) && vnMidnight(filter.to);
  const single = filter.unitIds.length === 1;
  const groups = useDaily ? await countsFromDaily(db, filter, asOf) : await countsFromRows(db, filter, asOf, single);
  const officers = !single ? [] : useDaily ? await countsFromRows(db, filter, asOf, true) : groups;
  return {
    ...empty,
    total: figuresOf(sumBy(groups, () => '')[0]?.figures ?? zero()),
    byUnit: sumBy(groups, (g) => String(g.unitId)),
    bySector: sumBy(groups, (g) => g.sectorCode),
    byProcedure: sumBy(groups, (g) => g.procedureCode),
    byOfficer: sumBy(officers, (g) => (g.handledBy === null ? '' : String(g.handledBy))),
    byMonth: useDaily ? await monthlyFromDaily(db, filter) : await monthly(db, filter),
  };
}

async function monthlyFromDaily(db: Database, f: ReportFilter): Promise<ProcessingReport['byMonth']> {
  const rows = await db.rows<{ month: string; received: number; early: number; on_time: number; late: number }>(sql`
    select to_char(d.day, 'YYYY-MM') as month, sum(d.received_counter + d.received_online + d.received_post)::int as received,
      sum(d.resolved_early)::int as early, sum(d.resolved_on_time)::int as on_time, sum(d.resolved_late)::int as late
    from dossier_stats_daily d where ${dailyScope(f)} and d.day >= ${dayOf(f.from)}::date group by 1 order by 1`);
  return rows
    .map((r) => ({ month: r.month, received: Number(r.received), resolvedEarly: Number(r.early), resolvedOnTime: Number(r.on_time), resolvedLate: Number(r.late) }))
    .filter((r) => r.received + r.resolvedEarly + r.resolvedOnTime + r.resolvedLate > 0);
}

/** Month (YYYY-MM in Vietnam time) of a timestamp column. */
const monthOf = (col: SQL) => sql`to_char((${col} at time zone 'UTC') + interval '7 hours', 'YYYY-MM')`;

async function monthly(db: Database, f: ReportFilter): Promise<ProcessingReport['byMonth']> {
  const from = ts(f.from);
  const to = ts(f.to);
  const rows = await db.rows<{ month: string; kind: string; n: number }>(sql`
    select ${monthOf(sql`s.received_at`)} as month, 'received' as kind, count(*)::int as n from dossier_stats s
      where ${scopeCondition(f)} and s.received_at >= ${from} group by 1
    union all
    select ${monthOf(sql`s.end_at`)}, s.timeliness, count(*)::int from dossier_stats s
      where ${scopeCondition(f)} and s.end_at >= ${from} and s.end_at < ${to} and s.timeliness is not null group by 1, 2`);
  const months = new Map<string, ProcessingReport['byMonth'][number]>();
  const get = (m: string) => months.get(m) ?? months.set(m, { month: m, received: 0, resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 0 }).get(m)!;
  for (const r of rows) {
    const e = get(r.month);
    if (r.kind === 'received') e.received += Number(r.n);
    else if (r.kind === 'early') e.resolvedEarly += Number(r.n);
    else if (r.kind === 'onTime') e.resolvedOnTime += Number(r.n);
    else if (r.kind === 'late') e.resolvedLate += Number(r.n);
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

export interface ReportDossier {
  unitId: number;
  dossierId: number;
  code: string | null;
  procedureCode: string;
  applicantName: string;
  receivedAt: Date;
  dueAt: Date | null;
  endAt: Date | null;
  timeliness: string | null;
  endKind: string | null;
}

/** The dossiers behind one number of the report (the same condition as the count), newest first. */
export async function reportDossiers(db: Database, filter: ReportFilter, metric: AnyMetric, page: { limit: number; offset: number }, now = new Date()): Promise<{ total: number; items: ReportDossier[] }> {
  const asOf = new Date(Math.min(filter.to.getTime(), now.getTime()));
  if (filter.unitIds.length === 0) return { total: 0, items: [] };
  const where = sql`${scopeCondition(filter)} and ${anyMetricCondition(metric, filter, asOf)}`;
  const [count, rows] = await Promise.all([
    db.rows<{ n: number }>(sql`select count(*)::int as n from dossier_stats s where ${where}`),
    db.rows<Record<string, unknown>>(sql`select s.unit_id, s.dossier_id, d.code, s.procedure_code, d.applicant ->> 'fullName' as applicant_name, s.received_at, s.due_at, s.end_at, s.timeliness, s.end_kind
      from dossier_stats s join dossiers d on d.unit_id = s.unit_id and d.id = s.dossier_id
      where ${where} order by s.received_at desc, s.dossier_id desc limit ${page.limit} offset ${page.offset}`),
  ]);
  const date = (v: unknown) => (v == null ? null : new Date(v as string));
  return {
    total: Number(count[0]?.n ?? 0),
    items: rows.map((r) => ({
      unitId: Number(r.unit_id), dossierId: Number(r.dossier_id), code: (r.code as string | null) ?? null, procedureCode: String(r.procedure_code),
      applicantName: String(r.applicant_name ?? ''), receivedAt: new Date(r.received_at as string), dueAt: date(r.due_at), endAt: date(r.end_at),
      timeliness: (r.timeliness as string | null) ?? null, endKind: (r.end_kind as string | null) ?? null,
    })),
  };
}
