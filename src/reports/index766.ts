/**
 * The Decision 766 indicators our data can compute, for a commune or a province and a period: each with its
 * formula, numerator, denominator, ratio, points and group totals; the others are "not available" with the reason.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import { getSetting } from '../platform/settings.js';
import { vnDate } from '../platform/clock.js';
import { allInForce, type ProcedureVersion } from '../catalog/index.js';
import { GROUPS, INDICATORS, scoreOf, type GroupId, type IndicatorDefinition } from './index766-definitions.js';
import { processingReport, scopeCondition, type ReportFilter } from './report.js';

export interface IndicatorResult extends IndicatorDefinition {
  available: boolean;
  numerator: number | null;
  denominator: number | null;
  /** numerator / denominator, 0…1, rounded to 4 decimals (2.2: average days). */
  ratio: number | null;
  score: number | null;
  /** Why there is no figure: data we do not hold, or nothing to count in the period. */
  reason: string | null;
}

export interface GroupResult { id: GroupId; name: string; max: number; score: number; maxAvailable: number; indicators: IndicatorResult[] }

export interface Index766 {
  filter: ReportFilter;
  groups: GroupResult[];
  total: number;
  max: number;
  /** Points of the indicators we could compute. */
  maxAvailable: number;
}

export const CERTIFIED_COPY_PROCEDURE = '2.000815';
const ONLINE_PAYMENT = sql`(s.fee_method is not null and s.fee_method <> 'cash')`;

async function definitions(db: Database): Promise<IndicatorDefinition[]> {
  const raw = await getSetting(db, 'index766.overrides');
  let overrides: Record<string, { points?: unknown; target?: unknown }> = {};
  try {
    overrides = raw ? (JSON.parse(raw) as typeof overrides) : {};
  } catch {
    overrides = {};
  }
  return INDICATORS.map((d) => {
    const o = overrides[d.id];
    const points = typeof o?.points === 'number' && o.points >= 0 && o.points <= 100 ? o.points : d.points;
    const target = o && 'target' in o && (o.target === null || (typeof o.target === 'number' && o.target > 0 && o.target <= 1)) ? (o.target as number | null) : d.target;
    return { ...d, points, target };
  });
}

/** Procedures whose publication lists every part Decree 63/2010 art. 8(2) requires (what our catalogue holds of it). */
const complete = (p: ProcedureVersion) => p.name !== '' && p.competentBody !== '' && p.requiredDocuments.length > 0 && p.resultType !== '' && p.timeLimit !== undefined;

export async function computeIndex766(db: Database, filter: ReportFilter, now = new Date()): Promise<Index766> {
  const defs = await definitions(db);
  const report = await processingReport(db, filter, now);
  const procedures = await allInForce(db, vnDate(new Date(Math.min(filter.to.getTime(), now.getTime()) - 1)));
  const onlineCodes = procedures.filter((p) => p.onlineLevel !== 'none').map((p) => p.code);
  const fullCodes = procedures.filter((p) => p.onlineLevel === 'full').map((p) => p.code);
  const feeCodes = procedures.filter((p) => p.fees.items.length > 0).map((p) => p.code);
  const from = sql`${filter.from.toISOString()}::timestamptz`;
  const to = sql`${filter.to.toISOString()}::timestamptz`;
  const receivedIn = sql`s.received_at >= ${from} and s.received_at < ${to}`;
  const endedIn = sql`s.end_at >= ${from} and s.end_at < ${to}`;
  const x = filter.unitIds.length === 0 ? {} : (await db.rows<Record<string, unknown>>(sql`select
      count(*) filter (where ${endedIn} and s.end_kind = 'resolved')::int as resolved,
      count(*) filter (where ${endedIn} and s.end_kind = 'resolved' and s.e_result)::int as e_results,
      count(*) filter (where ${receivedIn})::int as received,
      count(*) filter (where ${receivedIn} and s.digitized and s.e_result)::int as digitized,
      count(*) filter (where ${receivedIn} and s.fee_total > 0)::int as fee_dossiers,
      count(*) filter (where ${receivedIn} and s.fee_total > 0 and ${ONLINE_PAYMENT})::int as paid_online,
      count(distinct s.procedure_code) filter (where ${receivedIn} and s.fee_total > 0 and ${ONLINE_PAYMENT})::int as paid_online_procedures,
      count(*) filter (where ${receivedIn} and s.procedure_code = any(${sql.param(fullCodes)}))::int as full_dossiers,
      count(*) filter (where ${receivedIn} and s.procedure_code = any(${sql.param(fullCodes)}) and s.channel = 'online')::int as full_online,
      count(distinct s.procedure_code) filter (where ${receivedIn} and s.channel = 'online' and s.procedure_code = any(${sql.param(onlineCodes)}))::int as online_procedures,
      count(*) filter (where ${endedIn} and s.timeliness is not null and s.rating <= 2)::int as dissatisfied,
      count(*) filter (where ${endedIn} and s.end_kind = 'resolved' and s.procedure_code = ${CERTIFIED_COPY_PROCEDURE})::int as copies,
      count(*) filter (where ${endedIn} and s.end_kind = 'resolved' and s.procedure_code = ${CERTIFIED_COPY_PROCEDURE} and s.e_result)::int as e_copies,
      avg(extract(epoch from s.end_at - s.received_at)) filter (where ${endedIn} and s.end_kind = 'resolved')::float8 as avg_seconds
    from dossier_stats s where ${scopeCondition(filter)}`))[0] ?? {};
  const n = (k: string) => Number(x[k] ?? 0);
  const t = report.total;

  type Figure = { numerator: number; denominator: number } | { value: number } | null;
  const figures: Record<string, Figure> = {
    '1.3': { numerator: procedures.filter(complete).length, denominator: procedures.length },
    '2.1': { numerator: t.resolvedEarly + t.resolvedOnTime + t.inProgressWithinTime, denominator: t.resolved + t.inProgress },
    '2.2': x.avg_seconds == null ? null : { value: Math.round((Number(x.avg_seconds) / 86_400) * 100) / 100 },
    '3.1': { numerator: onlineCodes.length, denominator: procedures.length },
    '3.2': { numerator: n('online_procedures'), denominator: onlineCodes.length },
    '3.3': { numerator: t.receivedOnline, denominator: t.newInPeriod },
    '3.4': { numerator: n('full_online'), denominator: n('full_dossiers') },
    '3.5b': { numerator: n('paid_online_procedures'), denominator: feeCodes.length },
    '3.6': { numerator: n('paid_online'), denominator: n('fee_dossiers') },
    '4.1': { numerator: n('e_results'), denominator: n('resolved') },
    '4.2': { numerator: n('digitized'), denominator: n('received') },
    '4.2b': { numerator: n('e_copies'), denominator: n('copies') },
    '5.4': t.resolved === 0 ? { numerator: 0, denominator: 0 } : {
      // 100% − (late rate + dissatisfied rate), as a count out of the resolved dossiers
      numerator: Math.max(0, t.resolved - t.resolvedLate - n('dissatisfied')), denominator: t.resolved,
    },
  };

  const results: IndicatorResult[] = defs.map((d) => {
    const base = { ...d, available: false, numerator: null, denominator: null, ratio: null, score: null, reason: d.unavailable ?? null };
    if (d.unavailable) return base;
    const f = figures[d.id];
    if (!f) return { ...base, reason: 'Không có hồ sơ nào đã giải quyết trong kỳ.' };
    if ('value' in f) return { ...base, available: true, ratio: f.value, score: 0, reason: null };
    if (f.denominator === 0) return { ...base, numerator: f.numerator, denominator: 0, reason: 'Không có gì để tính trong kỳ (mẫu số bằng 0).' };
    const ratio = Math.round((f.numerator / f.denominator) * 10_000) / 10_000;
    return { ...base, available: true, numerator: f.numerator, denominator: f.denominator, ratio, score: scoreOf(ratio, d.points, d.target), reason: null };
  });

  const groups: GroupResult[] = GROUPS.map((g) => {
    const indicators = results.filter((r) => r.group === g.id);
    const available = indicators.filter((i) => i.available && i.denominator !== 0);
    return {
      ...g, indicators,
      score: Math.round(available.reduce((s, i) => s + (i.score ?? 0), 0) * 100) / 100,
      maxAvailable: available.reduce((s, i) => s + i.points, 0),
    };
  });
  return {
    filter, groups,
    total: Math.round(groups.reduce((s, g) => s + g.score, 0) * 100) / 100,
    max: groups.reduce((s, g) => s + g.max, 0),
    maxAvailable: groups.reduce((s, g) => s + g.maxAvailable, 0),
  };
}
