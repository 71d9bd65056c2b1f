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

export async function processingReport(db: Database, filter: ReportFilter, now = new Date()): Promise<ProcessingReport> {
  const asOf = new Date(Math.min(filter.to.getTime(), now.getTime()));
  const aggregates = sql.join(METRICS.map((m) => sql`count(*) filter (where ${metricCondition(m, filter, asOf)})::int as ${sql.identifier(m)}`), sql`, `);
  if (filter.unitIds.length === 0) {
    return { filter, asOf, total: figuresOf(zero()), byUnit: [], bySector: [], byProcedure: [], byOfficer: [], byMonth: [] };
  }
  const rows = await db.rows<Record<string, unknown>>(sql`
    select grouping(s.unit_id, s.sector_code, s.procedure_code, s.handled_by)::int as g, s.unit_id, s.sector_code, s.procedure_code, s.handled_by, ${aggregates}
    from dossier_stats s where ${scopeCondition(filter)}
    group by grouping sets ((), (s.unit_id), (s.sector_code), (s.procedure_code), (s.handled_by))`);
  const report: ProcessingReport = { filter, asOf, total: figuresOf(zero()), byUnit: [], bySector: [], byProcedure: [], byOfficer: [], byMonth: [] };
  for (const r of rows) {
    const counts = Object.fromEntries(METRICS.map((m) => [m, Number(r[m] ?? 0)])) as Counts;
    const figures = figuresOf(counts);
    // grouping() bits, most significant first: unit, sector, procedure, officer (1 = not grouped by it)
    switch (Number(r.g)) {
      case 0b1111: report.total = figures; break;
      case 0b0111: report.byUnit.push({ key: String(r.unit_id), figures }); break;
      case 0b1011: report.bySector.push({ key: String(r.sector_code), figures }); break;
      case 0b1101: report.byProcedure.push({ key: String(r.procedure_code), figures }); break;
      case 0b1110: report.byOfficer.push({ key: r.handled_by == null ? '' : String(r.handled_by), figures }); break;
    }
  }
  const byReceived = (a: ReportRow, b: ReportRow) => b.figures.received - a.figures.received || a.key.localeCompare(b.key);
  for (const list of [report.byUnit, report.bySector, report.byProcedure, report.byOfficer]) list.sort(byReceived);
  report.byMonth = await monthly(db, filter);
  return report;
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
