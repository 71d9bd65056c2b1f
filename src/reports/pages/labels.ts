/** Names of the report's metrics and columns, and Vietnamese number formats, shared by the pages and the exports. */
import { formatNumberVn } from '../../documents/text.js';
import { COMPOSITE_METRICS, METRICS, type AnyMetric, type ReportFigures } from '../report.js';

export const METRIC_LABELS: Record<AnyMetric, string> = {
  received: 'Tổng số hồ sơ tiếp nhận',
  carriedOver: 'Hồ sơ kỳ trước chuyển sang',
  newInPeriod: 'Hồ sơ tiếp nhận trong kỳ',
  receivedOnline: 'Hồ sơ tiếp nhận trực tuyến',
  receivedCounter: 'Hồ sơ tiếp nhận trực tiếp',
  receivedPost: 'Hồ sơ tiếp nhận qua bưu chính',
  resolved: 'Hồ sơ đã xử lý',
  resolvedEarly: 'Hồ sơ đã xử lý trước hạn',
  resolvedOnTime: 'Hồ sơ đã xử lý đúng hạn',
  resolvedLate: 'Hồ sơ đã xử lý quá hạn',
  inProgress: 'Hồ sơ đang xử lý',
  inProgressWithinTime: 'Hồ sơ đang xử lý trong hạn',
  inProgressOverdue: 'Hồ sơ đang xử lý quá hạn',
  withdrawn: 'Hồ sơ rút',
  stopped: 'Hồ sơ dừng xử lý',
};

export const isMetric = (v: string): v is AnyMetric => (METRICS as readonly string[]).includes(v) || v in COMPOSITE_METRICS;

/** One number column of the report: its group heading (and sub-group), its own heading and the metric behind it. */
export interface ReportColumn {
  metric: AnyMetric;
  group: string;
  subgroup?: string;
  header: string;
}

export const REPORT_COLUMNS: ReportColumn[] = [
  { metric: 'received', group: 'Tiếp nhận', header: 'Tổng' },
  { metric: 'carriedOver', group: 'Tiếp nhận', header: 'Kỳ trước chuyển sang' },
  { metric: 'receivedOnline', group: 'Tiếp nhận', subgroup: 'Trong kỳ', header: 'Trực tuyến' },
  { metric: 'receivedCounter', group: 'Tiếp nhận', subgroup: 'Trong kỳ', header: 'Trực tiếp' },
  { metric: 'receivedPost', group: 'Tiếp nhận', subgroup: 'Trong kỳ', header: 'Bưu chính' },
  { metric: 'resolved', group: 'Đã xử lý', header: 'Tổng' },
  { metric: 'resolvedEarly', group: 'Đã xử lý', header: 'Trước hạn' },
  { metric: 'resolvedOnTime', group: 'Đã xử lý', header: 'Đúng hạn' },
  { metric: 'resolvedLate', group: 'Đã xử lý', header: 'Quá hạn' },
  { metric: 'inProgress', group: 'Đang xử lý', header: 'Tổng' },
  { metric: 'inProgressWithinTime', group: 'Đang xử lý', header: 'Trong hạn' },
  { metric: 'inProgressOverdue', group: 'Đang xử lý', header: 'Quá hạn' },
  { metric: 'withdrawn', group: 'Rút / dừng', header: 'Rút' },
  { metric: 'stopped', group: 'Rút / dừng', header: 'Dừng' },
];
export const RATE_HEADER = 'Tỷ lệ đúng hạn';

/** A column's heading in one line ("Tiếp nhận – Trong kỳ: trực tuyến"), for exports and link names. */
export const columnTitle = (c: ReportColumn) => `${c.group} – ${c.subgroup ? `${c.subgroup}: ${c.header.toLowerCase()}` : c.header.toLowerCase()}`;

export const figureOf = (f: ReportFigures, metric: AnyMetric): number => f[metric];

/** "1.250" */
export const count = (n: number) => formatNumberVn(n);

/** "85,5%"; "–" when there is nothing to divide. */
export function percent(ratio: number | null, digits = 1): string {
  if (ratio === null || !Number.isFinite(ratio)) return '–';
  return `${(ratio * 100).toFixed(digits).replace(/\.0+$/, '').replace('.', ',')}%`;
}

/** A decimal with a comma: 2.5 → "2,5". */
export const decimal = (n: number, digits = 2) => n.toFixed(digits).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '').replace('.', ',');
