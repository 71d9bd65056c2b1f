/** The cash book and revenue report pages: the filter form, then the export document's tables as HTML. */
import { hasAnyRole, type FieldError, type Principal, type StaffRole } from '../../platform/http/index.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { ErrorSummary, Field, UnitChooser } from '../../web/components/form.js';
import { TableHead } from '../../web/components/table.js';
import { formatNumberVn } from '../../documents/text.js';
import { ExportLinks, FilterForm, type ExportDocument, type ExportTable, type Filters } from '../../reports/index.js';

const SECTIONS: Array<{ path: string; label: string; roles?: readonly StaffRole[] }> = [
  { path: '/can-bo/thu-phi/so-thu', label: 'Sổ thu phí, lệ phí hằng ngày' },
  { path: '/can-bo/thu-phi/bao-cao', label: 'Báo cáo thu phí, lệ phí' },
  { path: '/can-bo/thu-phi/doi-soat', label: 'Đối soát chuyển khoản', roles: ['receptionist', 'unitAdmin', 'provinceAdmin'] },
];

/** The fee pages' own navigation (each link shown to whom may open it). */
export function FeePagesNav({ current, principal }: { current: string; principal: Principal | null }) {
  return (
    <nav aria-label="Sổ sách thu phí, lệ phí">
      <ul class="queues">
        {SECTIONS.filter((s) => !s.roles || hasAnyRole(principal, s.roles)).map((s) => <li><a href={s.path} aria-current={s.path === current ? 'page' : undefined} safe>{s.label}</a></li>)}
      </ul>
    </nav>
  );
}

/** One table of an export document; figures right-aligned with Vietnamese grouping. */
export function BookTable({ t }: { t: ExportTable }) {
  return (
    <div class="table-wrap">
      <table class="stack">
        <caption safe>{t.title}</caption>
        <TableHead columns={t.columns.map((c) => (c.kind === 'text' ? c.header : { label: c.header, num: true }))} />
        <tbody>
          {t.rows.length === 0 ? <tr><td colspan={String(t.columns.length)} safe>{t.emptyText}</td></tr> : ''}
          {t.rows.map((row) => (
            <tr>
              {row.map((v, i) => {
                const c = t.columns[i]!;
                return <td class={c.kind === 'text' ? undefined : 'num'} data-label={c.header} safe>{v === null ? '–' : typeof v === 'number' ? formatNumberVn(v) : v}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Book({ doc, path, params }: { doc: ExportDocument; path: string; params: Record<string, string> }) {
  return (
    <>
      <ul class="report-lines">{[doc.unitName, ...doc.lines].map((l) => <li safe>{l}</li>)}</ul>
      <ExportLinks path={path} params={params} />
      {doc.tables.map((t) => <BookTable t={t} />)}
    </>
  );
}

export interface CashBookPageProps {
  ctx: PageContext;
  day: string;
  unitCode: string;
  unitChoices: Array<{ value: string; label: string }>;
  errors: FieldError[];
  doc: ExportDocument | null;
  params: Record<string, string>;
}

export function CashBookPage(p: CashBookPageProps) {
  const err = (k: string) => p.errors.find((e) => e.param === k)?.message;
  const path = SECTIONS[0]!.path;
  return (
    <Layout ctx={p.ctx} title="Sổ thu phí, lệ phí hằng ngày">
      <div class="report-sheet">
        <FeePagesNav current={path} principal={p.ctx.principal} />
        <h1>Sổ thu phí, lệ phí hằng ngày</h1>
        <form method="get" action={path} class="filters">
          <ErrorSummary errors={p.errors} />
          <div class="filter-grid">
            <Field id="ngay" label="Ngày" hint="Ngày/tháng/năm, ví dụ 05/01/2027" value={p.day} error={err('ngay')} inputClass="date" />
            <UnitChooser units={p.unitChoices.map((u) => ({ code: u.value, name: u.label }))} current={p.unitCode} error={err('don-vi')} />
          </div>
          <button class="button" type="submit">Xem sổ</button>
        </form>
        {p.doc ? <Book doc={p.doc} path={path} params={p.params} /> : ''}
      </div>
    </Layout>
  );
}

export function RevenuePage(p: { ctx: PageContext; filters: Filters; doc: ExportDocument | null }) {
  const path = SECTIONS[1]!.path;
  return (
    <Layout ctx={p.ctx} title="Báo cáo thu phí, lệ phí">
      <div class="report-sheet">
        <FeePagesNav current={path} principal={p.ctx.principal} />
        <h1>Báo cáo thu phí, lệ phí</h1>
        <FilterForm action={path} filters={p.filters} detail={false} />
        {p.doc ? <Book doc={p.doc} path={path} params={p.filters.params} /> : ''}
      </div>
    </Layout>
  );
}
