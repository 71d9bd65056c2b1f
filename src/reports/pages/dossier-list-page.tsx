/** /bao-cao/ho-so: the dossiers behind one number of the report (the same condition as the count), page by page. */
import { dossierRef } from '../../dossiers/model.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { Pagination } from '../../web/components/pagination.js';
import { TableHead } from '../../web/components/table.js';
import { Notice } from '../../web/components/form.js';
import { formatVnDate } from '../../documents/text.js';
import type { AnyMetric, ReportDossier } from '../report.js';
import { hrefWith, type Filters } from './filters.js';
import { count, METRIC_LABELS } from './labels.js';
import { FilterForm } from './parts.js';

export interface DossierListProps {
  ctx: PageContext;
  filters: Filters;
  metric: AnyMetric | null;
  /** Why the list cannot be shown (a wrong metric), besides the filter errors. */
  problem: string | null;
  lines: string[];
  result: { total: number; items: ReportDossier[]; page: number; pageSize: number } | null;
  procedureNames: Map<string, string>;
}

const TIMELINESS: Record<string, string> = { early: 'Trước hạn', onTime: 'Đúng hạn', late: 'Quá hạn' };
const END_KINDS: Record<string, string> = { resolved: 'Đã giải quyết', refused: 'Từ chối giải quyết', stopped: 'Dừng xử lý', withdrawn: 'Rút hồ sơ' };
const TAG: Record<string, string> = { early: 'green', onTime: 'green', late: 'red' };

function Outcome({ d }: { d: ReportDossier }) {
  if (!d.endAt) return <span>Chưa kết thúc</span>;
  const kind = END_KINDS[d.endKind ?? ''] ?? 'Đã kết thúc';
  return (
    <>
      <span safe>{kind}</span>
      {d.timeliness ? <> <span class={`tag ${TAG[d.timeliness] ?? ''}`} safe>{TIMELINESS[d.timeliness] ?? d.timeliness}</span></> : ''}
    </>
  );
}

/** The columns of the list (the empty list's one cell spans them all). */
const COLUMNS = ['Mã hồ sơ', 'Thủ tục', 'Người nộp', 'Tiếp nhận', 'Hẹn trả', 'Kết thúc', 'Kết quả'];

export function DossierListPage(p: DossierListProps) {
  const title = p.metric ? METRIC_LABELS[p.metric] : 'Danh sách hồ sơ theo báo cáo';
  const params = p.filters.params;
  const r = p.result;
  return (
    <Layout ctx={p.ctx} title={title}>
      <>
        <p>
          <a href={hrefWith('/bao-cao', params)}>‹ Quay lại báo cáo</a>
        </p>
        <h1 safe>{title}</h1>
        {p.problem ? <Notice kind="error"><span safe>{p.problem}</span></Notice> : ''}
        <ul class="report-lines">
          {p.lines.map((l) => <li safe>{l}</li>)}
        </ul>
        {r && p.metric ? (
          <>
            <p class="list-total">
              Tổng số: <strong data-total={String(r.total)} safe>{count(r.total)}</strong> hồ sơ
            </p>
            <table class="stack">
              <caption safe>{`${title}: ${count(r.total)} hồ sơ${r.total > r.pageSize ? `, trang ${r.page}` : ''}`}</caption>
              <TableHead columns={COLUMNS} />
              <tbody>
                {r.items.length === 0 ? (
                  <tr>
                    <td colspan={String(COLUMNS.length)}>Không có hồ sơ nào.</td>
                  </tr>
                ) : (
                  r.items.map((d) => {
                    const ref = dossierRef({ code: d.code, id: d.dossierId });
                    return (
                      <tr>
                        <td data-label="Mã hồ sơ" class="nowrap">
                          <a href={`/can-bo/ho-so/${encodeURIComponent(ref)}`} safe>{ref}</a>
                        </td>
                        <td data-label="Thủ tục" safe>{p.procedureNames.get(d.procedureCode) ?? d.procedureCode}</td>
                        <td data-label="Người nộp" safe>{d.applicantName}</td>
                        <td data-label="Tiếp nhận" safe>{formatVnDate(d.receivedAt)}</td>
                        <td data-label="Hẹn trả">{d.dueAt ? formatVnDate(d.dueAt) : '–'}</td>
                        <td data-label="Kết thúc">{d.endAt ? formatVnDate(d.endAt) : '–'}</td>
                        <td data-label="Kết quả"><Outcome d={d} /></td>
                      </tr>
                    );
                  })
                )}
              </tbody>
            </table>
            <Pagination page={r.page} pageCount={Math.ceil(r.total / r.pageSize)} href={(n) => hrefWith('/bao-cao/ho-so', { 'chi-so': p.metric!, ...params }, { trang: n > 1 ? String(n) : '' })} />
          </>
        ) : (
          <FilterForm action="/bao-cao" filters={p.filters} detail />
        )}
      </>
    </Layout>
  );
}
