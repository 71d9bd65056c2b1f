/** /bao-cao: the standard processing report, every number a link to its dossiers; charts of the months. */
import type { PageContext } from '../../web/context.js';
import type { AnyMetric, ProcessingReport } from '../report.js';
import { hrefWith, type Filters } from './filters.js';
import { count, percent, RATE_HEADER, REPORT_COLUMNS, columnTitle, figureOf } from './labels.js';
import { ChartWithTable, SERIES } from './charts.js';
import { StatsFrame } from './parts.js';
import type { MonthFigures, ReportSection } from './report-data.js';

export interface ReportPageProps {
  ctx: PageContext;
  filters: Filters;
  /** Null when a filter is wrong (the form shows why). */
  result: { report: ProcessingReport; sections: ReportSection[]; months: MonthFigures[]; lines: string[] } | null;
}

/** The list of the dossiers behind one number. */
export const listHref = (params: Record<string, string>, metric: AnyMetric, changes: Record<string, string> = {}) =>
  hrefWith('/bao-cao/ho-so', { 'chi-so': metric, ...params }, changes);

/** Three header rows: groups (Tiếp nhận…), the "Trong kỳ" sub-group, then the channels. */
function ReportHead({ id, rowHeader }: { id: string; rowHeader: string }) {
  const groups: Array<{ name: string; span: number }> = [];
  for (const c of REPORT_COLUMNS) {
    const last = groups[groups.length - 1];
    if (last && last.name === c.group) last.span++;
    else groups.push({ name: c.group, span: 1 });
  }
  const hid = (i: number) => `${id}-c${i}`;
  const groupId = (name: string) => `${id}-g${groups.findIndex((g) => g.name === name)}`;
  return (
    <thead>
      <tr>
        <th scope="col" rowspan="3" id={`${id}-label`} safe>{rowHeader}</th>
        {groups.map((g, i) => <th scope="colgroup" colspan={String(g.span)} id={`${id}-g${i}`} class="group" safe>{g.name}</th>)}
        <th scope="col" rowspan="3" class="num" id={`${id}-rate`}>{RATE_HEADER}</th>
      </tr>
      <tr>
        {REPORT_COLUMNS.map((c, i) => {
          if (!c.subgroup) return <th scope="col" rowspan="2" class="num" id={hid(i)} headers={groupId(c.group)} safe>{c.header}</th>;
          if (REPORT_COLUMNS[i - 1]?.subgroup === c.subgroup) return '';
          const span = REPORT_COLUMNS.filter((x) => x.subgroup === c.subgroup).length;
          return <th scope="colgroup" colspan={String(span)} id={`${id}-s`} headers={groupId(c.group)} safe>{c.subgroup}</th>;
        })}
      </tr>
      <tr>
        {REPORT_COLUMNS.map((c, i) => (c.subgroup ? <th scope="col" class="num" id={hid(i)} headers={`${groupId(c.group)} ${id}-s`} safe>{c.header}</th> : ''))}
      </tr>
    </thead>
  );
}

/** The header cells above a number column: its group, its sub-group if any, and its own heading. */
function columnHeaders(id: string, i: number): string {
  const c = REPORT_COLUMNS[i]!;
  const group = [...new Set(REPORT_COLUMNS.map((x) => x.group))].indexOf(c.group);
  return [`${id}-g${group}`, c.subgroup ? `${id}-s` : '', `${id}-c${i}`].filter(Boolean).join(' ');
}

function SectionTable({ section, params }: { section: ReportSection; params: Record<string, string> }) {
  const id = section.id;
  const captionId = `${id}-caption`;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} safe>{section.title}</h2>
      <div class="table-wrap" role="region" aria-labelledby={captionId} tabindex="0">
        <table class="report">
          <caption id={captionId} class="visually-hidden" safe>{`${section.title}: số hồ sơ theo tình trạng xử lý`}</caption>
          <ReportHead id={id} rowHeader={section.rowHeader} />
          <tbody>
            {section.rows.length === 0 ? (
              <tr>
                <td colspan={String(REPORT_COLUMNS.length + 2)}>Không có hồ sơ nào trong kỳ.</td>
              </tr>
            ) : (
              section.rows.map((r, ri) => (
                <tr>
                  <th scope="row" id={`${id}-r${ri}`} safe>{r.label}</th>
                  {REPORT_COLUMNS.map((c, i) => {
                    const n = figureOf(r.figures, c.metric);
                    return (
                      <td class="num" headers={`${id}-r${ri} ${columnHeaders(id, i)}`}>
                        <a href={listHref(params, c.metric, r.changes)} aria-label={`${count(n)} hồ sơ: ${columnTitle(c)}, ${r.label}`} data-metric={c.metric} safe>{count(n)}</a>
                      </td>
                    );
                  })}
                  <td class="num" headers={`${id}-r${ri} ${id}-rate`} safe>{percent(r.figures.onTimeRate)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ReportPage(p: ReportPageProps) {
  const params = p.filters.params;
  const r = p.result;
  const title = 'Báo cáo tình hình giải quyết thủ tục hành chính';
  const month = (m: MonthFigures) => ({ ky: 'tuy-chon', tu: m.tu, den: m.den });
  return (
    <StatsFrame ctx={p.ctx} path="/bao-cao" title={title} heading={title} filters={p.filters} detail lines={r?.lines ?? null}>
      {r ? (
        <>
          <p class="meta screen-only">Bấm vào một con số để xem danh sách hồ sơ tạo nên con số đó. Tỷ lệ đúng hạn = (trước hạn + đúng hạn) / đã xử lý.</p>
          {r.sections.map((s) => <SectionTable section={s} params={params} />)}
          <section aria-labelledby="bieu-do-title" class="charts">
            <h2 id="bieu-do-title">Biểu đồ theo tháng</h2>
            <h3>Hồ sơ tiếp nhận và đã xử lý</h3>
            <ChartWithTable
              id="chart-received" title="Hồ sơ tiếp nhận và đã xử lý theo tháng" summary="Số hồ sơ tiếp nhận mới và số hồ sơ đã xử lý xong trong từng tháng của kỳ."
              caption="Số liệu: hồ sơ tiếp nhận và đã xử lý theo tháng" rowHeader="Tháng" series={[SERIES.received, SERIES.resolved]}
              rows={r.months.map((m) => ({
                label: m.label, values: [m.received, m.resolvedEarly + m.resolvedOnTime + m.resolvedLate],
                hrefs: [listHref(params, 'newInPeriod', month(m)), listHref(params, 'resolved', month(m))],
              }))}
            />
            <h3>Thời hạn giải quyết của hồ sơ đã xử lý</h3>
            <ChartWithTable
              id="chart-timeliness" stacked title="Hồ sơ đã xử lý theo tháng: trước hạn, đúng hạn, quá hạn" summary="Mỗi thanh là số hồ sơ đã xử lý trong tháng, chia theo trước hạn, đúng hạn và quá hạn."
              caption="Số liệu: hồ sơ đã xử lý trước hạn, đúng hạn, quá hạn theo tháng" rowHeader="Tháng" series={[SERIES.early, SERIES.onTime, SERIES.late]}
              rows={r.months.map((m) => ({
                label: m.label, values: [m.resolvedEarly, m.resolvedOnTime, m.resolvedLate],
                hrefs: (['resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'resolved'] as const).map((metric) => listHref(params, metric, month(m))),
              }))}
            />
          </section>
          <p class="meta">
            Kỳ trước chuyển sang: hồ sơ tiếp nhận trước kỳ và chưa kết thúc khi kỳ bắt đầu. Đang xử lý: hồ sơ chưa kết thúc
            tại thời điểm tính; quá hạn khi đã qua ngày hẹn trả hoặc phải bổ sung từ hai lần trở lên.
          </p>
        </>
      ) : (
        ''
      )}
    </StatsFrame>
  );
}
