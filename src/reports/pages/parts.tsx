/** Pieces every statistics page shares: the section navigation, the filter form, the export links and the figure cards. */
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { ErrorSummary, Field, Select, UnitChooser } from '../../web/components/form.js';
import type { FieldError } from '../../platform/http/index.js';
import { hrefWith, PERIOD_PRESETS, type Filters } from './filters.js';

const SECTIONS = [
  { path: '/bao-cao', label: 'Tình hình giải quyết TTHC' },
  { path: '/bao-cao/chi-so-766', label: 'Bộ chỉ số 766' },
  { path: '/bao-cao/chuyen-doi-so', label: 'Chuyển đổi số' },
];

/** Links between the statistics pages, keeping the unit and the period. */
export function StatsNav({ current, params }: { current: string; params: Record<string, string> }) {
  const keep = Object.fromEntries(Object.entries(params).filter(([k]) => ['ky', 'tu', 'den', 'don-vi'].includes(k)));
  return (
    <nav aria-label="Các báo cáo thống kê">
      <ul class="queues">
        {SECTIONS.map((s) => (
          <li>
            <a href={hrefWith(s.path, keep)} aria-current={s.path === current ? 'page' : undefined} safe>{s.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const errorOf = (errors: FieldError[], name: string) => errors.find((e) => e.param === name)?.message;

/** The GET form of the filters; `detail` adds sector, procedure and officer. */
export function FilterForm({ action, filters, detail }: { action: string; filters: Filters; detail: boolean }) {
  const v = filters.values;
  const e = filters.errors;
  const all = (label: string) => ({ value: '', label });
  return (
    <form method="get" action={action} class="filters">
      <ErrorSummary errors={e} />
      <div class="filter-grid">
        <Select id="ky" label="Kỳ báo cáo" options={PERIOD_PRESETS.map((p) => ({ value: p.value, label: p.label }))} value={v.ky} error={errorOf(e, 'ky')} />
        <Field id="tu" label="Từ ngày" hint="Khi chọn Tùy chọn. Ví dụ 01/03/2026" value={v.tu} error={errorOf(e, 'tu')} inputClass="date" />
        <Field id="den" label="Đến ngày" hint="Khi chọn Tùy chọn. Ví dụ 31/03/2026" value={v.den} error={errorOf(e, 'den')} inputClass="date" />
        <UnitChooser units={filters.unitChoices.map((u) => ({ code: u.value, name: u.label }))} current={filters.scope?.unit.code ?? v['don-vi']} error={errorOf(e, 'don-vi')} />
        {detail ? (
          <>
            <Select id="linh-vuc" label="Lĩnh vực" options={[all('Tất cả lĩnh vực'), ...filters.options.sectors]} value={v['linh-vuc']} error={errorOf(e, 'linh-vuc')} />
            <Select id="thu-tuc" label="Thủ tục" options={[all('Tất cả thủ tục'), ...filters.options.procedures]} value={v['thu-tuc']} error={errorOf(e, 'thu-tuc')} />
            <Select id="can-bo" label="Cán bộ xử lý" options={[all('Tất cả cán bộ'), ...filters.options.officers]} value={v['can-bo']} error={errorOf(e, 'can-bo')} />
          </>
        ) : (
          ''
        )}
      </div>
      <button class="button" type="submit">Xem báo cáo</button>
    </form>
  );
}

/** Excel, PDF and print, for the figures on the page. */
export function ExportLinks({ path, params }: { path: string; params: Record<string, string> }) {
  return (
    <div class="actions">
      <a class="button secondary" href={hrefWith(`${path}.xlsx`, params)}>Tải về Excel (.xlsx)</a>
      <a class="button secondary" href={hrefWith(`${path}.pdf`, params)}>Tải về PDF</a>
      <button class="button secondary" type="button" data-print="" hidden>In báo cáo</button>
      <script src="/static/in-trang.js" defer></script>
    </div>
  );
}

/** One figure as a card: a big value, then what it counts. */
export function FigureCard({ title, value, detail, noData = false }: { title: string; value: string; detail: string; noData?: boolean }) {
  return (
    <li class="figure-card">
      <h3 safe>{title}</h3>
      <p class={noData ? 'figure none' : 'figure'} safe>{value}</p>
      <p class="meta" safe>{detail}</p>
    </li>
  );
}

/**
 * The frame of a staff statistics page: section links, heading, filter form, then (when the filters are right) what
 * the figures cover, the export links and the figures themselves.
 */
export function StatsFrame({ children, ...p }: {
  ctx: PageContext; path: string; title: string; heading: string; filters: Filters; detail: boolean; lines: string[] | null; children: JSX.Element;
}) {
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <div class="report-sheet">
        <StatsNav current={p.path} params={p.filters.params} />
        <h1 safe>{p.heading}</h1>
        <FilterForm action={p.path} filters={p.filters} detail={p.detail} />
        {p.lines ? (
          <>
            <ul class="report-lines">
              {p.lines.map((l) => <li safe>{l}</li>)}
            </ul>
            <ExportLinks path={p.path} params={p.filters.params} />
            {children}
          </>
        ) : (
          ''
        )}
      </div>
    </Layout>
  );
}
