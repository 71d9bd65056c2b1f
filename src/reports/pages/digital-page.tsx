/** /bao-cao/chuyen-doi-so: the digital-transformation figures of the unit for the period, as cards. */
import type { PageContext } from '../../web/context.js';
import type { DigitalFigures } from '../digital.js';
import type { Filters } from './filters.js';
import { count, percent } from './labels.js';
import { FigureCard, StatsFrame } from './parts.js';
import type { ExportDocument } from './exports.js';

export interface DigitalItem {
  title: string;
  numerator: number | null;
  denominator: number | null;
  ratio: number | null;
  /** What is counted, in words. */
  detail: string;
}

/** The figures in the order the commune's review reports them. */
export function digitalItems(f: DigitalFigures): DigitalItem[] {
  const of = (n: number, d: number, what: string) => `${count(n)} / ${count(d)} ${what}`;
  return [
    { title: 'Cán bộ sử dụng hệ thống', ...f.staffActive, detail: of(f.staffActive.numerator, f.staffActive.denominator, 'cán bộ một cửa có tiếp nhận, xử lý hồ sơ hoặc soạn, duyệt văn bản trong kỳ') },
    { title: 'Cán bộ có chứng thư số', ...f.staffWithCertificate, detail: of(f.staffWithCertificate.numerator, f.staffWithCertificate.denominator, 'cán bộ có chứng thư số cá nhân còn hiệu lực') },
    { title: 'Văn bản đi được ký số', ...f.documentsSigned, detail: of(f.documentsSigned.numerator, f.documentsSigned.denominator, 'văn bản đã duyệt trong kỳ đã được ký số') },
    { title: 'Thủ tục có phát sinh hồ sơ', ...f.proceduresReceived, detail: of(f.proceduresReceived.numerator, f.proceduresReceived.denominator, 'thủ tục đang hiệu lực có hồ sơ tiếp nhận trong kỳ') },
    {
      title: 'Hồ sơ nộp trực tuyến', numerator: f.onlineDossiers, denominator: f.newDossiers, ratio: f.newDossiers === 0 ? null : f.onlineDossiers / f.newDossiers,
      detail: of(f.onlineDossiers, f.newDossiers, 'hồ sơ tiếp nhận trong kỳ được nộp trực tuyến'),
    },
    { title: 'Tỷ lệ giải quyết đúng hạn', numerator: null, denominator: null, ratio: f.onTimeRate, detail: 'Hồ sơ đã xử lý trước hạn và đúng hạn trên tổng số hồ sơ đã xử lý trong kỳ' },
  ];
}

export interface DigitalPageProps {
  ctx: PageContext;
  filters: Filters;
  result: { items: DigitalItem[]; lines: string[] } | null;
}

export function DigitalPage(p: DigitalPageProps) {
  return (
    <StatsFrame ctx={p.ctx} path="/bao-cao/chuyen-doi-so" title="Chuyển đổi số" heading="Số liệu chuyển đổi số" filters={p.filters} detail={false} lines={p.result?.lines ?? null}>
      <>
        <h2>Các chỉ tiêu trong kỳ</h2>
        <ul class="cards figure-cards six">
          {(p.result?.items ?? []).map((i) => <FigureCard title={i.title} value={i.ratio === null ? 'Chưa có số liệu' : percent(i.ratio)} detail={i.detail} noData={i.ratio === null} />)}
        </ul>
      </>
    </StatsFrame>
  );
}

export function digitalExport(items: DigitalItem[], base: Pick<ExportDocument, 'fileName' | 'unitName' | 'lines'>): ExportDocument {
  return {
    ...base, title: 'Số liệu chuyển đổi số',
    tables: [{
      title: 'Các chỉ tiêu', sheet: 'Chuyển đổi số', emptyText: '',
      columns: [
        { header: 'Chỉ tiêu', kind: 'text', width: 32 }, { header: 'Số lượng', kind: 'count', width: 12 }, { header: 'Tổng số', kind: 'count', width: 12 },
        { header: 'Tỷ lệ', kind: 'percent', width: 10 }, { header: 'Ghi chú', kind: 'text', width: 60 },
      ],
      rows: items.map((i) => [i.title, i.numerator, i.denominator, i.ratio, i.detail]),
    }],
  };
}
