import { formatDateShort, formatInteger } from '../../platform/i18n/text.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { Select } from '../../web/components/form.js';
import { TableHead } from '../../web/components/table.js';
import { OTHER_PATH } from './counter.js';
import type { DayFigures, PageFigures } from './store.js';
import type { VisitorFigures } from './tracker.js';

export const PERIODS = [
  { days: 7, label: '7 ngày gần nhất' },
  { days: 30, label: '30 ngày gần nhất' },
  { days: 90, label: '90 ngày gần nhất' },
  { days: 365, label: '365 ngày gần nhất' },
] as const;

export interface VisitStatsPageProps {
  ctx: PageContext;
  period: number;
  from: string;
  to: string;
  figures: VisitorFigures;
  days: DayFigures[];
  pages: PageFigures[];
}

/**
 * A table of visit figures: the first column names the row (a page, a day), as `text` or as trusted `html`; the
 * figures follow, right-aligned.
 */
function FiguresTable<Row>(p: {
  caption: string;
  rows: Row[];
  label: { head: string } & ({ text: (row: Row) => string } | { html: (row: Row) => JSX.Element });
  figures: Array<{ head: string; value: (row: Row) => number }>;
}) {
  const { label } = p;
  return (
    <table class="stack">
      <caption safe>{p.caption}</caption>
      <TableHead columns={[label.head, ...p.figures.map((f) => ({ label: f.head, num: true }))]} />
      <tbody>
        {p.rows.map((row) => (
          <tr>
            {'text' in label ? (
              <td data-label={label.head} safe>
                {label.text(row)}
              </td>
            ) : (
              <td data-label={label.head}>{label.html(row)}</td>
            )}
            {p.figures.map((f) => (
              <td class="num" data-label={f.head} safe>
                {formatInteger(f.value(row))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function VisitStatsPage(p: VisitStatsPageProps) {
  const sumViews = p.days.reduce((s, d) => s + d.views, 0);
  const sumVisits = p.days.reduce((s, d) => s + d.visits, 0);
  return (
    <Layout ctx={p.ctx} title="Thống kê truy cập">
      <>
        <h1>Thống kê truy cập trang thông tin điện tử</h1>
        <p safe>{`Tổng số lượt truy cập: ${formatInteger(p.figures.total)}. Đang trực tuyến: ${formatInteger(p.figures.online)}.`}</p>
        <p class="hint">
          Một lượt truy cập là một người xem trang, tính lại sau 30 phút không xem trang nào. Không dùng cookie, không lưu
          địa chỉ IP. Số liệu được ghi vào cơ sở dữ liệu mỗi 30 giây; "đang trực tuyến" là số người xem trang trong 5 phút
          gần nhất.
        </p>
        <form method="get" action="/quan-tri/thong-ke-truy-cap" class="inline-form">
          <Select id="ky" label="Khoảng thời gian" options={PERIODS.map((x) => ({ value: String(x.days), label: x.label }))} value={String(p.period)} />
          <button class="button secondary" type="submit">
            Xem
          </button>
        </form>
        <p safe>{`Từ ngày ${formatDateShort(p.from)} đến ngày ${formatDateShort(p.to)}: ${formatInteger(sumVisits)} lượt truy cập, ${formatInteger(sumViews)} lượt xem trang.`}</p>

        <h2>Trang được xem nhiều nhất</h2>
        {p.pages.length ? (
          <FiguresTable
            caption={`Trang được xem nhiều nhất, từ ${formatDateShort(p.from)} đến ${formatDateShort(p.to)}`}
            rows={p.pages}
            label={{ head: 'Trang', html: (r) => (r.path === OTHER_PATH ? 'Các trang khác' : <a href={r.path} safe>{r.path}</a>) }}
            figures={[
              { head: 'Lượt xem trang', value: (r) => r.views },
              { head: 'Lượt truy cập bắt đầu tại trang', value: (r) => r.visits },
            ]}
          />
        ) : (
          <p>Chưa có lượt xem trang nào trong khoảng thời gian này.</p>
        )}

        <h2>Theo ngày</h2>
        {p.days.length ? (
          <FiguresTable
            caption={`Lượt truy cập và lượt xem trang theo ngày, từ ${formatDateShort(p.from)} đến ${formatDateShort(p.to)}`}
            rows={p.days}
            label={{ head: 'Ngày', text: (d) => formatDateShort(d.day) }}
            figures={[
              { head: 'Lượt truy cập', value: (d) => d.visits },
              { head: 'Lượt xem trang', value: (d) => d.views },
            ]}
          />
        ) : (
          <p>Chưa có số liệu theo ngày trong khoảng thời gian này.</p>
        )}
      </>
    </Layout>
  );
}
