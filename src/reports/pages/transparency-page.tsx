/** /minh-bach: a commune's results in handling dossiers for a year, open to everyone (no personal data). */
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { ErrorSummary, Field } from '../../web/components/form.js';
import type { FieldError } from '../../platform/http/index.js';
import { formatVnDateTime } from '../../documents/text.js';
import { vnDate } from '../../platform/clock.js';
import type { PublicFigures } from '../transparency.js';
import { count, decimal, percent } from './labels.js';
import { ChartWithTable, SERIES } from './charts.js';
import { FigureCard } from './parts.js';

export interface TransparencyPageProps {
  ctx: PageContext;
  action: string;
  unitName: string;
  yearText: string;
  minYear: number;
  maxYear: number;
  errors: FieldError[];
  figures: PublicFigures | null;
}

const rating = (avg: number | null) => (avg === null ? '–' : `${decimal(avg, 1)}/5`);

/** The year's five public figures as cards (the transparency page and the website's home page). */
export function TransparencyFigureCards({ f }: { f: PublicFigures }) {
  return (
    <ul class="cards figure-cards five">
      <FigureCard title="Hồ sơ tiếp nhận" value={count(f.received)} detail={`hồ sơ tiếp nhận trong năm ${f.year}`} />
      <FigureCard title="Đã giải quyết" value={count(f.resolved)} detail={`hồ sơ đã giải quyết xong trong năm ${f.year}`} />
      <FigureCard title="Giải quyết đúng hạn" value={percent(f.onTimeRate)} detail={`${count(f.onTime)} / ${count(f.resolved)} hồ sơ đã giải quyết trước hạn hoặc đúng hạn`} />
      <FigureCard title="Nộp trực tuyến" value={percent(f.onlineShare)} detail={`${count(f.online)} / ${count(f.received)} hồ sơ được nộp trực tuyến`} />
      <FigureCard title="Mức độ hài lòng" value={f.averageRating === null ? 'Chưa có đánh giá' : rating(f.averageRating)} noData={f.averageRating === null} detail={`trung bình từ ${count(f.ratings)} lượt đánh giá (5 là rất hài lòng)`} />
    </ul>
  );
}

export function TransparencyPage(p: TransparencyPageProps) {
  const f = p.figures;
  // the months of the year that have begun by the time of the figures
  const months = f ? f.months.filter((m) => m.month <= vnDate(f.asOf).slice(0, 7)) : [];
  const title = `Kết quả giải quyết thủ tục hành chính – ${p.unitName}`;
  return (
    <Layout ctx={p.ctx} title={title}>
      <>
        <h1 safe>{title}</h1>
        <p>
          Số liệu công khai về hồ sơ thủ tục hành chính mà người dân, tổ chức nộp tại Trung tâm Phục vụ hành chính công và trên
          mạng: số hồ sơ, tỷ lệ giải quyết đúng hạn, tỷ lệ nộp trực tuyến và mức độ hài lòng.
        </p>
        <ErrorSummary errors={p.errors} />
        <form method="get" action={p.action} class="inline-form filters">
          <Field id="nam" label="Năm" type="number" value={p.yearText} min={p.minYear} max={p.maxYear} inputClass="year" error={p.errors.find((e) => e.param === 'nam')?.message} />
          <button class="button secondary" type="submit">Xem</button>
        </form>
        {f ? (
          <>
            <h2 safe>{`Năm ${f.year}`}</h2>
            <p class="meta" safe>{`Số liệu tính đến ${formatVnDateTime(f.asOf)}.`}</p>
            <TransparencyFigureCards f={f} />
            <h2>Theo tháng</h2>
            <ChartWithTable
              id="chart-public" title={`Hồ sơ tiếp nhận và đã giải quyết theo tháng, năm ${f.year}`} summary={`Số hồ sơ tiếp nhận và số hồ sơ đã giải quyết trong từng tháng của năm ${f.year}.`}
              caption={`Số liệu theo tháng, năm ${f.year}`} rowHeader="Tháng" series={[SERIES.received, { ...SERIES.resolved, label: 'Đã giải quyết' }]}
              rows={months.map((m) => ({ label: `Tháng ${Number(m.month.slice(5))}`, values: [m.received, m.resolved] }))}
              more={[
                { header: 'Trực tuyến', cells: months.map((m) => count(m.online)) },
                { header: 'Đúng hạn', cells: months.map((m) => count(m.onTime)) },
                { header: 'Lượt đánh giá', cells: months.map((m) => count(m.ratings)) },
                { header: 'Hài lòng', cells: months.map((m) => rating(m.averageRating)) },
              ]}
            />
          </>
        ) : (
          ''
        )}
      </>
    </Layout>
  );
}
