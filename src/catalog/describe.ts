import { formatVnd } from './fees.js';
import type { FeeItem, FeeSchedule, ProcedureVersion, RequiredDocument } from './model.js';
import { ONLINE_LABELS } from './flat.js';

/** Vietnamese descriptions of catalogue facts, as residents read them. */

export function describeTimeLimit(v: Pick<ProcedureVersion, 'timeLimit' | 'workflow'>): string {
  const { value, unit } = v.timeLimit;
  if (value === 0) return 'Giải quyết ngay trong ngày; hồ sơ nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo';
  if (unit === 'working-days') return `${value} ngày làm việc`;
  if (unit === 'days') return `${value} ngày`;
  return `${value} giờ làm việc`;
}

/** Short form for lists: "Trong ngày", "3 ngày làm việc". */
export function describeTimeLimitShort(v: Pick<ProcedureVersion, 'timeLimit' | 'workflow'>): string {
  return v.timeLimit.value === 0 ? 'Trong ngày' : describeTimeLimit(v);
}

export function describeFeeItem(f: FeeItem): string {
  switch (f.kind) {
    case 'fixed':
      return `${f.name}: ${formatVnd(f.amount)}/trường hợp`;
    case 'perCopy':
      return `${f.name}: ${formatVnd(f.amount)}/bản`;
    case 'tieredPerPage': {
      const parts = f.tiers.map((t, i) => {
        const next = f.tiers[i + 1];
        const range = next ? (next.fromPage - 1 === t.fromPage ? `trang ${t.fromPage}` : `trang ${t.fromPage}–${next.fromPage - 1}`) : `từ trang ${t.fromPage}`;
        return `${formatVnd(t.amountPerPage)}/trang (${range})`;
      });
      return `${f.name}: ${parts.join('; ')}${f.capPerCopy !== undefined ? `; tối đa ${formatVnd(f.capPerCopy)}/bản` : ''}`;
    }
    case 'setByProvince':
      return `${f.name}: ${f.amount ? `${formatVnd(f.amount)}/trường hợp (${f.note})` : f.note}`;
  }
}

export function describeFees(fees: FeeSchedule): string[] {
  return fees.items.length ? fees.items.map(describeFeeItem) : ['Không thu phí, lệ phí'];
}

const FORM_LABELS: Record<RequiredDocument['form'], string> = {
  original: 'Bản chính',
  copy: 'Bản sao',
  certifiedCopy: 'Bản sao có chứng thực',
  show: 'Xuất trình',
};
export const describeDocumentForm = (d: RequiredDocument) => FORM_LABELS[d.form];
export const describeOnlineLevel = (v: ProcedureVersion) =>
  v.onlineLevel === 'none' ? 'Chưa cung cấp trực tuyến' : `Dịch vụ công trực tuyến ${ONLINE_LABELS[v.onlineLevel]}`;
