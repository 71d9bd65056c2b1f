import { formatDateShort, formatInteger } from '../../platform/i18n/text.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { Select } from '../../web/components/form.js';
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
          <table class="stack">
            <caption safe>{`Trang được xem nhiều nhất, từ ${formatDateShort(p.from)} đến ${formatDateShort(p.to)}`}</caption>
            <thead>
              <tr>
                <th scope="col">Trang</th>
                <th scope="col" class="num">Lượt xem trang</th>
                <th scope="col" class="num">Lượt truy cập bắt đầu tại trang</th>
              </tr>
            </thead>
            <tbody>
              {p.pages.map((r) => (
                <tr>
                  <td data-label="Trang">{r.path === OTHER_PATH ? 'Các trang khác' : <a href={r.path} safe>{r.path}</a>}</td>
                  <td class="num" data-label="Lượt xem trang" safe>{formatInteger(r.views)}</td>
                  <td class="num" data-label="Lượt truy cập bắt đầu tại trang" safe>{formatInteger(r.visits)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>Chưa có lượt xem trang nào trong khoảng thời gian này.</p>
        )}

        <h2>Theo ngày</h2>
        {p.days.length ? (
          <table class="stack">
            <caption safe>{`Lượt truy cập và lượt xem trang theo ngày, từ ${formatDateShort(p.from)} đến ${formatDateShort(p.to)}`}</caption>
            <thead>
              <tr>
                <th scope="col">Ngày</th>
                <th scope="col" class="num">Lượt truy cập</th>
                <th scope="col" class="num">Lượt xem trang</th>
              </tr>
            </thead>
            <tbody>
              {p.days.map((d) => (
                <tr>
                  <td data-label="Ngày" safe>{formatDateShort(d.day)}</td>
                  <td class="num" data-label="Lượt truy cập" safe>{formatInteger(d.visits)}</td>
                  <td class="num" data-label="Lượt xem trang" safe>{formatInteger(d.views)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>Chưa có số liệu theo ngày trong khoảng thời gian này.</p>
        )}
      </>
    </Layout>
  );
}
