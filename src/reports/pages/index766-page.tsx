/** /bao-cao/chi-so-766: the Decision 766 indicators for the unit and period, with how each is computed and scored. */
import type { PageContext } from '../../web/context.js';
import type { GroupResult, Index766, IndicatorResult } from '../index766.js';
import type { Filters } from './filters.js';
import { count, decimal, percent } from './labels.js';
import { StatsFrame } from './parts.js';
import type { ExportDocument } from './exports.js';

/** A value (2.2: the average in days) rather than a ratio of counts. */
const isAverage = (i: IndicatorResult) => i.available && i.denominator === null;
const points = (n: number) => `${decimal(n)} điểm`;

/** How the points follow from the ratio: "Đạt ≥80% được tối đa; thấp hơn thì tính theo tỷ lệ". */
export function ruleText(i: IndicatorResult): string {
  if (i.points === 0) return 'Chỉ để theo dõi, không tính điểm';
  if (i.target === null) return `Tỷ lệ × ${points(i.points)}`;
  return `Đạt ≥${decimal(i.target * 100, 0)}% được tối đa; thấp hơn: tỷ lệ × ${decimal(i.points)} / ${decimal(i.target * 100, 0)}%`;
}

export const UNAVAILABLE = 'Chưa tính được';

/** "x / 100 điểm (tính được trên y điểm)" */
export const totalText = (score: number, max: number, maxAvailable: number) => `${decimal(score)} / ${decimal(max)} điểm (tính được trên ${decimal(maxAvailable)} điểm)`;

function IndicatorRow({ i }: { i: IndicatorResult }) {
  const name = (
    <th scope="row" data-label="Chỉ số">
      <span class="indicator-id" safe>{i.id}</span> <span safe>{i.name}</span>
      <span class="formula" safe>{`Công thức: ${i.formula}`}</span>
    </th>
  );
  if (!i.available) {
    return (
      <tr class="unavailable">
        {name}
        <td colspan="2" data-label="Kết quả">
          <strong>{UNAVAILABLE}</strong>
          <span class="reason" safe>{i.reason ?? ''}</span>
        </td>
        <td class="num" data-label="Điểm tối đa" safe>{decimal(i.points)}</td>
        <td data-label="Cách cho điểm" safe>{ruleText(i)}</td>
        <td class="num" data-label="Điểm">
          <span aria-hidden="true">–</span>
          <span class="visually-hidden">{UNAVAILABLE}</span>
        </td>
      </tr>
    );
  }
  return (
    <tr>
      {name}
      <td class="num" data-label="Tử số / mẫu số" safe>{isAverage(i) ? '–' : `${count(i.numerator ?? 0)} / ${count(i.denominator ?? 0)}`}</td>
      <td class="num" data-label={isAverage(i) ? 'Trung bình' : 'Tỷ lệ'} safe>{isAverage(i) ? `${decimal(i.ratio ?? 0)} ngày` : percent(i.ratio, 2)}</td>
      <td class="num" data-label="Điểm tối đa" safe>{decimal(i.points)}</td>
      <td data-label="Cách cho điểm" safe>{ruleText(i)}</td>
      <td class="num" data-label="Điểm"><strong safe>{isAverage(i) ? 'Không tính điểm' : decimal(i.score ?? 0)}</strong></td>
    </tr>
  );
}

function GroupSection({ g, n }: { g: GroupResult; n: number }) {
  const id = `nhom-${n}`;
  return (
    <section aria-labelledby={`${id}-title`} class="index-group">
      <h2 id={`${id}-title`} safe>{`${n}. ${g.name}`}</h2>
      <p class="group-score" safe>{`Điểm nhóm: ${totalText(g.score, g.max, g.maxAvailable)}`}</p>
      <table class="stack index766">
        <caption safe>{`Các chỉ số của nhóm ${g.name} (tối đa ${decimal(g.max)} điểm)`}</caption>
        <thead>
          <tr>
            <th scope="col">Chỉ số và công thức</th>
            <th scope="col" class="num">Tử số / mẫu số</th>
            <th scope="col" class="num">Tỷ lệ</th>
            <th scope="col" class="num">Điểm tối đa</th>
            <th scope="col">Cách cho điểm</th>
            <th scope="col" class="num">Điểm</th>
          </tr>
        </thead>
        <tbody>
          {g.indicators.map((i) => <IndicatorRow i={i} />)}
        </tbody>
      </table>
    </section>
  );
}

export interface Index766PageProps {
  ctx: PageContext;
  filters: Filters;
  result: { index: Index766; lines: string[] } | null;
}

export function Index766Page(p: Index766PageProps) {
  const index = p.result?.index;
  return (
    <StatsFrame
      ctx={p.ctx} path="/bao-cao/chi-so-766" title="Bộ chỉ số 766" heading="Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)"
      filters={p.filters} detail={false} lines={p.result?.lines ?? null}
    >
      {index ? (
        <>
          <p class="total-score">
            Tổng điểm: <strong safe>{totalText(index.total, index.max, index.maxAvailable)}</strong>
          </p>
          <p class="meta">
            Điểm được tính theo cách Cổng Dịch vụ công quốc gia chấm (theo nghiên cứu, chưa đối chiếu văn bản gốc của Quyết định). Chỉ số
            nào hệ thống chưa có dữ liệu thì ghi “Chưa tính được” kèm lý do và không cộng vào điểm tính được.
          </p>
          {index.groups.map((g, i) => <GroupSection g={g} n={i + 1} />)}
        </>
      ) : (
        ''
      )}
    </StatsFrame>
  );
}

/** The indicators as tables to export: the groups' scores, then every indicator. */
export function index766Export(index: Index766, base: Pick<ExportDocument, 'fileName' | 'unitName' | 'lines'>): ExportDocument {
  return {
    ...base, title: 'Bộ chỉ số 766',
    tables: [
      {
        title: 'Điểm theo nhóm', sheet: 'Điểm theo nhóm', emptyText: '',
        columns: [{ header: 'Nhóm chỉ số', kind: 'text', width: 36 }, { header: 'Điểm tối đa', kind: 'decimal', width: 12 }, { header: 'Tính được trên', kind: 'decimal', width: 14 }, { header: 'Điểm', kind: 'decimal', width: 10 }],
        rows: [
          ...index.groups.map((g, i) => [`${i + 1}. ${g.name}`, g.max, g.maxAvailable, g.score]),
          ['Tổng cộng', index.max, index.maxAvailable, index.total],
        ],
      },
      {
        title: 'Các chỉ số', sheet: 'Các chỉ số', emptyText: '',
        columns: [
          { header: 'Mã', kind: 'text', width: 6 }, { header: 'Chỉ số', kind: 'text', width: 30 }, { header: 'Công thức', kind: 'text', width: 44 },
          { header: 'Tử số', kind: 'count', width: 9 }, { header: 'Mẫu số', kind: 'count', width: 9 }, { header: 'Tỷ lệ', kind: 'percent', width: 9 },
          { header: 'Điểm tối đa', kind: 'decimal', width: 9 }, { header: 'Cách cho điểm', kind: 'text', width: 26 }, { header: 'Điểm', kind: 'decimal', width: 9 },
          { header: 'Ghi chú', kind: 'text', width: 40 },
        ],
        rows: index.groups.flatMap((g) => g.indicators.map((i) => [
          i.id, i.name, i.formula, isAverage(i) ? null : i.numerator, isAverage(i) ? null : i.denominator, isAverage(i) ? null : i.ratio, i.points, ruleText(i),
          i.available && !isAverage(i) ? i.score : null,
          !i.available ? `${UNAVAILABLE}: ${i.reason ?? ''}` : isAverage(i) ? `Trung bình ${decimal(i.ratio ?? 0)} ngày; không tính điểm` : '',
        ])),
      },
    ],
  };
}
