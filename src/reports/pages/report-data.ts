/**
 * The processing report as the page and its exports show it: the total and the tables per unit, sector, procedure
 * and officer, each row with its names and the filter change that lists its dossiers; the months of the period.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';
import { peoplesCommitteeName } from '../../identity/index.js';
import { formatVnDate, formatVnDateTime, pad2 } from '../../documents/text.js';
import type { ProcessingReport, ReportFigures } from '../report.js';
import { UNASSIGNED, vnDayStart, type Filters, type Option, type UnitScope } from './filters.js';
import { RATE_HEADER, REPORT_COLUMNS, figureOf } from './labels.js';
import type { ExportDocument, ExportTable } from './exports.js';

export interface SectionRow {
  label: string;
  figures: ReportFigures;
  /** Filter parameters that narrow the report to this row. */
  changes: Record<string, string>;
}

export interface ReportSection {
  id: string;
  title: string;
  sheet: string;
  rowHeader: string;
  rows: SectionRow[];
}

const optionLabels = (options: Option[]) => new Map(options.map((o) => [o.value, o.label]));

/** Names of the officers in the report (those who left the units too). */
async function officerNames(db: Database, report: ProcessingReport): Promise<Map<string, string>> {
  const ids = report.byOfficer.map((r) => Number(r.key)).filter((n) => Number.isSafeInteger(n) && n > 0);
  if (!ids.length) return new Map();
  const rows = await db.rows<{ id: number; full_name: string }>(sql`select id, full_name from users where id = any(${sql.param(ids)}::integer[])`);
  return new Map(rows.map((r) => [String(r.id), r.full_name]));
}

export async function reportSections(db: Database, report: ProcessingReport, filters: Filters, scope: UnitScope): Promise<ReportSection[]> {
  const sectors = optionLabels(filters.options.sectors);
  const procedures = optionLabels(filters.options.procedures);
  const officers = await officerNames(db, report);
  const units = new Map(scope.units.map((u) => [String(u.id), u]));
  const sections: ReportSection[] = [{
    id: 'tong-hop', title: 'Tổng hợp', sheet: 'Tổng hợp', rowHeader: 'Phạm vi',
    rows: [{ label: scope.wholeProvince ? `Toàn tỉnh (${scope.unit.fullName})` : scope.unit.fullName, figures: report.total, changes: {} }],
  }];
  if (scope.wholeProvince) {
    sections.push({
      id: 'theo-don-vi', title: 'Theo đơn vị', sheet: 'Theo đơn vị', rowHeader: 'Đơn vị',
      rows: report.byUnit.map((r) => {
        const u = units.get(r.key);
        return { label: u?.fullName ?? r.key, figures: r.figures, changes: { 'don-vi': u?.code ?? '' } };
      }),
    });
  }
  sections.push(
    {
      id: 'theo-linh-vuc', title: 'Theo lĩnh vực', sheet: 'Theo lĩnh vực', rowHeader: 'Lĩnh vực',
      rows: report.bySector.map((r) => ({ label: sectors.get(r.key) ?? r.key, figures: r.figures, changes: { 'linh-vuc': r.key } })),
    },
    {
      id: 'theo-thu-tuc', title: 'Theo thủ tục', sheet: 'Theo thủ tục', rowHeader: 'Thủ tục',
      rows: report.byProcedure.map((r) => ({ label: procedures.get(r.key) ?? r.key, figures: r.figures, changes: { 'thu-tuc': r.key } })),
    },
  );
  // officers work in their commune: the per-officer table is for one commune (choose it to see its officers)
  if (!scope.wholeProvince) {
    sections.push({
      id: 'theo-can-bo', title: 'Theo cán bộ xử lý', sheet: 'Theo cán bộ', rowHeader: 'Cán bộ',
      rows: report.byOfficer.map((r) => ({
        label: r.key === '' ? 'Chưa phân công' : (officers.get(r.key) ?? `Tài khoản số ${r.key}`), figures: r.figures, changes: { 'can-bo': r.key === '' ? UNASSIGNED : r.key },
      })),
    });
  }
  return sections;
}

/** "Ủy ban nhân dân xã Tứ Mỹ"; the province's committee for the whole province. */
export const scopeBodyName = (scope: UnitScope) => peoplesCommitteeName(scope.unit.fullName);

/** What the report covers, in words: unit, period, narrowing filters and the moment in-progress figures are judged. */
export function reportLines(filters: Filters, scope: UnitScope, asOf: Date): string[] {
  const v = filters.values;
  const labelOf = (list: Option[], value: string) => list.find((o) => o.value === value)?.label ?? value;
  const period = filters.period!;
  const range = period.range.charAt(0).toLowerCase() + period.range.slice(1);
  const lines = [
    `Đơn vị: ${scope.wholeProvince ? `toàn tỉnh (${scope.unit.fullName})` : scope.unit.fullName}`,
    `Kỳ báo cáo: ${period.key === 'tuy-chon' ? range : `${period.label} (${range})`}`,
  ];
  if (v['linh-vuc']) lines.push(`Lĩnh vực: ${labelOf(filters.options.sectors, v['linh-vuc'])}`);
  if (v['thu-tuc']) lines.push(`Thủ tục: ${labelOf(filters.options.procedures, v['thu-tuc'])}`);
  if (v['can-bo']) lines.push(`Cán bộ xử lý: ${labelOf(filters.options.officers, v['can-bo'])}`);
  lines.push(`Hồ sơ đang xử lý tính đến ${formatVnDateTime(asOf)}`);
  return lines;
}

/** The report as tables to export. */
export function reportExport(report: ProcessingReport, sections: ReportSection[], filters: Filters): ExportDocument {
  const tables: ExportTable[] = sections.map((s) => ({
    title: s.title, sheet: s.sheet, emptyText: 'Không có hồ sơ nào trong kỳ.',
    columns: [
      { header: s.rowHeader, kind: 'text', width: 36 },
      ...REPORT_COLUMNS.map((c) => ({ header: c.subgroup ? `${c.subgroup}: ${c.header.toLowerCase()}` : c.header, group: c.group, kind: 'count' as const, width: 11 })),
      { header: RATE_HEADER, kind: 'percent', width: 12 },
    ],
    rows: s.rows.map((r) => [r.label, ...REPORT_COLUMNS.map((c) => figureOf(r.figures, c.metric)), r.figures.onTimeRate]),
  }));
  const months = reportMonths(report, filters.period!.from, filters.period!.to);
  tables.push({
    title: 'Theo tháng', sheet: 'Theo tháng', emptyText: 'Không có hồ sơ nào trong kỳ.',
    columns: [
      { header: 'Tháng', kind: 'text', width: 12 }, { header: 'Tiếp nhận trong tháng', kind: 'count', width: 14 }, { header: 'Đã xử lý', kind: 'count', width: 12 },
      { header: 'Trước hạn', kind: 'count', width: 12 }, { header: 'Đúng hạn', kind: 'count', width: 12 }, { header: 'Quá hạn', kind: 'count', width: 12 },
    ],
    rows: months.map((m) => [m.label, m.received, m.resolvedEarly + m.resolvedOnTime + m.resolvedLate, m.resolvedEarly, m.resolvedOnTime, m.resolvedLate]),
  });
  return { ...exportBase(filters, 'bao-cao', report.asOf), title: 'Báo cáo tình hình giải quyết thủ tục hành chính', tables };
}

/** File name ("bao-cao-18202-20260301-20260331"), unit and lines of an export. */
export function exportBase(filters: Filters, slug: string, asOf: Date): Pick<ExportDocument, 'fileName' | 'unitName' | 'lines'> {
  const scope = filters.scope!;
  const dates = (filters.period!.range.match(/\d{2}\/\d{2}\/\d{4}/g) ?? []).map((d) => d.split('/').reverse().join('')).join('-');
  return { fileName: `${slug}-${scope.unit.code}-${dates}`, unitName: scopeBodyName(scope), lines: reportLines(filters, scope, asOf) };
}

export interface MonthFigures {
  /** "03/2026" */
  label: string;
  /** The part of the period in this month, as the filter's from/to dates (dd/mm/yyyy). */
  tu: string;
  den: string;
  received: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
}

/** Every month of the period that has begun (at most 60; beyond that only the months with dossiers), zero where nothing happened. */
export function reportMonths(report: ProcessingReport, from: Date, to: Date): MonthFigures[] {
  const byKey = new Map(report.byMonth.map((m) => [m.month, m]));
  const start = new Date(from.getTime() + 7 * 3_600_000);
  const keys: string[] = [];
  // months of the period up to the moment of the report (a month that has not begun yet has nothing to show)
  const end = Math.min(to.getTime(), report.asOf.getTime());
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth() + 1; vnDayStart(y, m).getTime() < end && keys.length <= 60; m === 12 ? (y++, (m = 1)) : m++) keys.push(`${y}-${pad2(m)}`);
  const list = keys.length > 60 ? report.byMonth.map((m) => m.month) : keys;
  return list.map((key) => {
    const [y, m] = key.split('-').map(Number) as [number, number];
    const monthFrom = new Date(Math.max(vnDayStart(y, m).getTime(), from.getTime()));
    const monthTo = new Date(Math.min(vnDayStart(y, m + 1).getTime(), to.getTime()));
    const f = byKey.get(key);
    return {
      label: `${pad2(m)}/${y}`, tu: formatVnDate(monthFrom), den: formatVnDate(new Date(monthTo.getTime() - 1)),
      received: f?.received ?? 0, resolvedEarly: f?.resolvedEarly ?? 0, resolvedOnTime: f?.resolvedOnTime ?? 0, resolvedLate: f?.resolvedLate ?? 0,
    };
  });
}
