/**
 * The GET filters shared by the statistics pages and their exports: period (a preset or two dd/mm/yyyy dates),
 * unit (a commune the person works in; a province role also gets the whole province), sector, procedure and
 * officer. Bad values become field errors in Vietnamese (the page answers 400), never an exception.
 */
import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';
import { forbidden, unitsWithRole, type FieldError, type StaffRole } from '../../platform/http/index.js';
import { listUnitsByIds, reachableUnitIds, type Unit } from '../../identity/index.js';
import { formatVnDate, pad2, vnParts } from '../../documents/text.js';
import type { ReportFilter } from '../report.js';

/** Who sees the statistics pages. */
export const REPORT_ROLES: readonly StaffRole[] = ['leader', 'clerk', 'receptionist', 'specialist', 'unitAdmin', 'provinceAdmin'];

export const PERIOD_PRESETS = [
  { value: 'thang-nay', label: 'Tháng này' },
  { value: 'thang-truoc', label: 'Tháng trước' },
  { value: 'quy-nay', label: 'Quý này' },
  { value: 'nam-nay', label: 'Năm nay' },
  { value: 'nam-truoc', label: 'Năm trước' },
  { value: 'tuy-chon', label: 'Tùy chọn' },
] as const;
export type PeriodKey = (typeof PERIOD_PRESETS)[number]['value'];
const DEFAULT_PERIOD: PeriodKey = 'thang-nay';
/** Longest custom period (the report stays quick and the monthly chart readable). */
const MAX_PERIOD_DAYS = 366 * 5;

export const UNASSIGNED = 'chua-phan-cong';

/** The raw values of the filter form, as typed (shown again next to their errors). */
export interface FilterValues {
  ky: string;
  tu: string;
  den: string;
  'don-vi': string;
  'linh-vuc': string;
  'thu-tuc': string;
  'can-bo': string;
}
export type FilterName = keyof FilterValues;

export interface Period {
  key: PeriodKey;
  from: Date;
  /** Exclusive end (the day after the last day). */
  to: Date;
  /** "tháng 03/2026", "quý I năm 2026", "từ ngày 01/03/2026 đến ngày 15/03/2026" */
  label: string;
  /** "Từ ngày 01/03/2026 đến ngày 31/03/2026" */
  range: string;
}

export interface Option { value: string; label: string }

export interface UnitScope {
  unit: Unit;
  /** The province chosen as a whole ("toàn tỉnh"). */
  wholeProvince: boolean;
  unitIds: number[];
  units: Unit[];
}

export interface Filters {
  values: FilterValues;
  errors: FieldError[];
  /** The units the person may choose ("toàn tỉnh" first for a province role). */
  unitChoices: Option[];
  options: { sectors: Option[]; procedures: Option[]; officers: Option[] };
  period: Period | null;
  scope: UnitScope | null;
  /** The report filter, or null when a value is wrong. */
  filter: ReportFilter | null;
  /** Canonical query parameters of the filters (what links and exports carry). */
  params: Record<string, string>;
}

const str = (v: unknown, max = 100) => (typeof v === 'string' ? v.normalize('NFC').trim().slice(0, max) : '');

/** Midnight at the start of a Vietnam calendar day (months and days may overflow: 13 → January next year). */
export const vnDayStart = (year: number, month: number, day = 1) => new Date(Date.UTC(year, month - 1, day) - 7 * 3_600_000);

const QUARTERS = ['I', 'II', 'III', 'IV'];

export function presetPeriod(key: Exclude<PeriodKey, 'tuy-chon'>, now: Date): Period {
  const { year, month } = vnParts(now);
  const q = Math.floor((month - 1) / 3);
  const spans: Record<typeof key, [number, number, number, string]> = {
    'thang-nay': [year, month, 1, `tháng ${pad2(month)}/${year}`],
    'thang-truoc': [month === 1 ? year - 1 : year, month === 1 ? 12 : month - 1, 1, `tháng ${pad2(month === 1 ? 12 : month - 1)}/${month === 1 ? year - 1 : year}`],
    'quy-nay': [year, q * 3 + 1, 3, `quý ${QUARTERS[q]} năm ${year}`],
    'nam-nay': [year, 1, 12, `năm ${year}`],
    'nam-truoc': [year - 1, 1, 12, `năm ${year - 1}`],
  };
  const [y, m, months, label] = spans[key];
  const from = vnDayStart(y, m);
  const to = vnDayStart(y, m + months);
  return { key, from, to, label, range: rangeText(from, to) };
}

/** "Từ ngày 01/03/2026 đến ngày 31/03/2026" (the end is exclusive: the day before it is shown). */
export function rangeText(from: Date, to: Date): string {
  return `Từ ngày ${formatVnDate(from)} đến ngày ${formatVnDate(new Date(to.getTime() - 1))}`;
}

/** A date typed as dd/mm/yyyy (also d-m-yyyy, d.m.yyyy); null when it is not a real date. */
export function parseVnDate(text: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || year < 2000 || year > 2100) return null;
  return { year, month, day };
}

/** Dates typed (or "Tùy chọn" chosen) decide the period; otherwise the preset does. */
const isCustom = (v: FilterValues) => v.ky === 'tuy-chon' || v.tu !== '' || v.den !== '';

function readPeriod(values: FilterValues, errors: FieldError[], now: Date): Period | null {
  if (!isCustom(values)) {
    const key = (values.ky || DEFAULT_PERIOD) as PeriodKey;
    if (!PERIOD_PRESETS.some((p) => p.value === key)) {
      errors.push({ param: 'ky', message: 'Kỳ báo cáo không hợp lệ. Hãy chọn một kỳ trong danh sách.' });
      return null;
    }
    return presetPeriod(key as Exclude<PeriodKey, 'tuy-chon'>, now);
  }
  const ends: Array<['tu' | 'den', string]> = [['tu', 'Từ ngày'], ['den', 'Đến ngày']];
  const [from, to] = ends.map(([name, label]) => {
    if (values[name] === '') {
      errors.push({ param: name, message: `Nhập ${label.toLowerCase()} theo dạng ngày/tháng/năm, ví dụ 01/03/2026.` });
      return null;
    }
    const d = parseVnDate(values[name]);
    if (!d) errors.push({ param: name, message: `${label} không đúng. Nhập theo dạng ngày/tháng/năm, ví dụ 01/03/2026.` });
    return d;
  });
  if (!from || !to) return null;
  const start = vnDayStart(from.year, from.month, from.day);
  const end = vnDayStart(to.year, to.month, to.day + 1);
  if (end <= start) {
    errors.push({ param: 'den', message: 'Đến ngày phải bằng hoặc sau từ ngày.' });
    return null;
  }
  if (end.getTime() - start.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
    errors.push({ param: 'den', message: 'Kỳ báo cáo dài nhất là 5 năm. Hãy chọn khoảng ngày ngắn hơn.' });
    return null;
  }
  const range = rangeText(start, end);
  return { key: 'tuy-chon', from: start, to: end, label: range.charAt(0).toLowerCase() + range.slice(1), range };
}

/** Units the person may report on (holding one of `roles`): their units and, for a province role, the communes under it. */
async function reachableUnits(db: Database, request: FastifyRequest, roles: readonly StaffRole[]): Promise<Unit[]> {
  const ids = await reachableUnitIds(db, unitsWithRole(request.principal, roles));
  const units = await listUnitsByIds(db, ids);
  const rank = (u: Unit) => (u.kind === 'province' ? 0 : 1);
  return units.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'vi'));
}

export const unitChoiceLabel = (u: Unit) => (u.kind === 'province' ? `Toàn tỉnh (${u.fullName})` : u.fullName);

/** The unit chosen in `don-vi` among those the person may report on (their first by default), and the choices. */
export async function readUnitScope(db: Database, request: FastifyRequest, code: string, roles: readonly StaffRole[], errors: FieldError[]): Promise<{ scope: UnitScope | null; unitChoices: Option[] }> {
  const units = await reachableUnits(db, request, roles);
  return { scope: readScope(request, units, code, errors), unitChoices: units.map((u) => ({ value: u.code, label: unitChoiceLabel(u) })) };
}

function readScope(request: FastifyRequest, units: Unit[], code: string, errors: FieldError[]): UnitScope | null {
  let unit: Unit | undefined;
  if (code) {
    unit = units.find((u) => u.code === code);
    if (!unit) {
      errors.push({ param: 'don-vi', message: 'Bạn không xem được báo cáo của đơn vị này. Hãy chọn một đơn vị trong danh sách.' });
      return null;
    }
  } else {
    // a province role starts with the whole province; a commune role with the site's commune or its first unit
    unit = units.find((u) => u.kind === 'province') ?? units.find((u) => u.id === request.site.unitId) ?? units[0];
  }
  if (!unit) throw forbidden('Tài khoản của bạn chưa được gán đơn vị nào.');
  const chosen = unit;
  const wholeProvince = chosen.kind === 'province';
  const covered = wholeProvince ? units.filter((u) => u.id === chosen.id || u.parentId === chosen.id) : [chosen];
  return { unit: chosen, wholeProvince, unitIds: covered.map((u) => u.id), units: covered };
}

/** Sectors and procedures of the catalogue (every procedure's latest version) and of the dossiers counted in the units. */
async function catalogueOptions(db: Database, unitIds: number[]): Promise<{ sectors: Option[]; procedures: Option[] }> {
  const catalogue = await db.rows<{ code: string; name: string; sector: string; sector_code: string | null }>(sql`
    select distinct on (code) code, name, sector, data ->> 'sectorCode' as sector_code from procedure_versions order by code, effective_from desc, version desc`);
  const used = await db.rows<{ procedure_code: string; sector_code: string }>(sql`
    select distinct s.procedure_code, s.sector_code from dossier_stats s where s.unit_id = any(${sql.param(unitIds)})`);
  const sectors = new Map<string, string>();
  const procedures = new Map<string, string>();
  for (const p of catalogue) {
    sectors.set(p.sector_code ?? p.sector, p.sector);
    procedures.set(p.code, `${p.code} – ${p.name}`);
  }
  for (const u of used) {
    if (!sectors.has(u.sector_code)) sectors.set(u.sector_code, u.sector_code);
    if (!procedures.has(u.procedure_code)) procedures.set(u.procedure_code, u.procedure_code);
  }
  const sorted = (m: Map<string, string>) => [...m].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  return { sectors: sorted(sectors), procedures: sorted(procedures) };
}

/** Staff of the units, and whoever handled dossiers there. */
async function officerOptions(db: Database, unitIds: number[]): Promise<Option[]> {
  const ids = sql.param(unitIds);
  const rows = await db.rows<{ id: number; full_name: string }>(sql`select u.id, u.full_name from users u
    where u.account_type = 'staff' and (u.id in (select r.user_id from user_roles r where r.unit_id = any(${ids}))
      or u.id in (select s.handled_by from dossier_stats s where s.unit_id = any(${ids}) and s.handled_by is not null))
    order by u.full_name`);
  return rows.map((r) => ({ value: String(r.id), label: r.full_name }));
}

export interface ReadFiltersOptions {
  /** Whether sector, procedure and officer apply (the processing report); else only period and unit. */
  detail: boolean;
  now?: Date;
  /** Who may see the page (its units); default REPORT_ROLES. */
  roles?: readonly StaffRole[];
}

/** Reads and checks the filters of the query. */
export async function readFilters(db: Database, request: FastifyRequest, opts: ReadFiltersOptions): Promise<Filters> {
  const q = request.query as Record<string, unknown>;
  const values: FilterValues = {
    ky: str(q.ky, 20), tu: str(q.tu, 20), den: str(q.den, 20), 'don-vi': str(q['don-vi'], 10),
    'linh-vuc': opts.detail ? str(q['linh-vuc'], 200) : '', 'thu-tuc': opts.detail ? str(q['thu-tuc'], 30) : '', 'can-bo': opts.detail ? str(q['can-bo'], 20) : '',
  };
  const errors: FieldError[] = [];
  const period = readPeriod(values, errors, opts.now ?? new Date());
  const { scope, unitChoices } = await readUnitScope(db, request, values['don-vi'], opts.roles ?? REPORT_ROLES, errors);
  const options = { sectors: [] as Option[], procedures: [] as Option[], officers: [] as Option[] };
  if (scope && opts.detail) {
    Object.assign(options, await catalogueOptions(db, scope.unitIds));
    options.officers = [...(await officerOptions(db, scope.unitIds)), { value: UNASSIGNED, label: 'Chưa phân công' }];
    const check = (name: 'linh-vuc' | 'thu-tuc' | 'can-bo', list: Option[], message: string) => {
      if (values[name] !== '' && !list.some((o) => o.value === values[name])) errors.push({ param: name, message });
    };
    check('linh-vuc', options.sectors, 'Không có lĩnh vực này. Hãy chọn một lĩnh vực trong danh sách.');
    check('thu-tuc', options.procedures, 'Không có thủ tục này. Hãy chọn một thủ tục trong danh sách.');
    check('can-bo', options.officers, 'Không có cán bộ này trong đơn vị đã chọn. Hãy chọn một người trong danh sách.');
  }
  const params: Record<string, string> = {};
  if (period?.key === 'tuy-chon') Object.assign(params, { tu: values.tu, den: values.den });
  else if (period) params.ky = period.key;
  if (scope) params['don-vi'] = scope.unit.code;
  for (const name of ['linh-vuc', 'thu-tuc', 'can-bo'] as const) if (values[name]) params[name] = values[name];
  let filter: ReportFilter | null = null;
  if (!errors.length && period && scope) {
    const officer = values['can-bo'];
    filter = {
      unitIds: scope.unitIds, from: period.from, to: period.to, sectorCode: values['linh-vuc'] || null, procedureCode: values['thu-tuc'] || null,
      officerId: officer && officer !== UNASSIGNED ? Number(officer) : null, unassigned: officer === UNASSIGNED,
    };
  }
  return { values: { ...values, ky: period?.key ?? (isCustom(values) ? 'tuy-chon' : values.ky) }, errors, unitChoices, options, period, scope, filter, params };
}

/** A URL with the filter parameters, some replaced (an empty value drops the parameter). */
export function hrefWith(path: string, params: Record<string, string>, changes: Record<string, string> = {}): string {
  const all = { ...params, ...changes };
  const query = new URLSearchParams(Object.entries(all).filter(([, v]) => v !== ''));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
