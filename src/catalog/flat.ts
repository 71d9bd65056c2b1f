import type { FieldError } from '../platform/http/index.js';
import { ProcedureVersionSchema, type OnlineLevel, type PaymentDue, type ProcedureVersion, type TimeLimitUnit, type WorkflowKind } from './model.js';
import { decodeDocuments, decodeFees, decodeList, encodeDocuments, encodeFees, encodeList, LineError } from './line-codec.js';

/**
 * A procedure version as flat text fields: the admin form, the XLSX sheet and the CSV file all use these
 * columns, so what an officer exports from Excel imports back unchanged.
 */
export const COLUMNS = [
  { key: 'code', header: 'Mã TTHC' },
  { key: 'name', header: 'Tên thủ tục' },
  { key: 'sector', header: 'Lĩnh vực' },
  { key: 'sectorCode', header: 'Mã lĩnh vực' },
  { key: 'competentBody', header: 'Cơ quan thực hiện' },
  { key: 'timeLimitValue', header: 'Thời hạn giải quyết' },
  { key: 'timeLimitUnit', header: 'Đơn vị thời hạn' },
  { key: 'timeLimitNote', header: 'Ghi chú thời hạn' },
  { key: 'workflow', header: 'Quy trình' },
  { key: 'onlineLevel', header: 'Dịch vụ công trực tuyến' },
  { key: 'resultType', header: 'Kết quả' },
  { key: 'requiredDocuments', header: 'Thành phần hồ sơ' },
  { key: 'fees', header: 'Phí, lệ phí' },
  { key: 'exemptions', header: 'Miễn, giảm phí' },
  { key: 'feeNote', header: 'Ghi chú phí' },
  { key: 'legalBasis', header: 'Căn cứ pháp lý' },
  { key: 'effectiveFrom', header: 'Hiệu lực từ ngày' },
  // added last, so that sheets exported before it still line up
  { key: 'paymentDue', header: 'Thời điểm nộp phí' },
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];
export type FlatProcedure = Record<ColumnKey, string>;

export const UNIT_LABELS: Record<TimeLimitUnit, string> = { 'working-days': 'ngày làm việc', days: 'ngày', 'working-hours': 'giờ làm việc' };
export const WORKFLOW_LABELS: Record<WorkflowKind, string> = { standard: 'thông thường', immediate: 'giải quyết ngay' };
export const ONLINE_LABELS: Record<OnlineLevel, string> = { full: 'toàn trình', partial: 'một phần', none: 'không' };
/** Empty in the flat form = not stated = 'atReceipt' (so an exported sheet imports back unchanged). */
export const PAYMENT_DUE_LABELS: Record<PaymentDue, string> = { atReceipt: 'khi tiếp nhận', beforeResult: 'trước khi trả kết quả' };

const reverse = <K extends string>(labels: Record<K, string>, text: string): K | undefined =>
  (Object.entries(labels) as Array<[K, string]>).find(([, label]) => label === text.trim().toLowerCase())?.[0];

export function toFlat(v: ProcedureVersion): FlatProcedure {
  return {
    code: v.code,
    name: v.name,
    sector: v.sector,
    sectorCode: v.sectorCode ?? '',
    competentBody: v.competentBody,
    timeLimitValue: String(v.timeLimit.value),
    timeLimitUnit: UNIT_LABELS[v.timeLimit.unit],
    timeLimitNote: v.timeLimitNote ?? '',
    workflow: WORKFLOW_LABELS[v.workflow],
    onlineLevel: ONLINE_LABELS[v.onlineLevel],
    resultType: v.resultType,
    requiredDocuments: encodeDocuments(v.requiredDocuments),
    fees: encodeFees(v.fees.items),
    exemptions: encodeList(v.fees.exemptions),
    feeNote: v.fees.note ?? '',
    paymentDue: v.fees.paymentDue ? PAYMENT_DUE_LABELS[v.fees.paymentDue] : '',
    legalBasis: encodeList(v.legalBasis),
    effectiveFrom: v.effectiveFrom,
  };
}

/** Accepts YYYY-MM-DD or dd/mm/yyyy. */
function isoDate(text: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : text.trim();
}

const MESSAGES: Partial<Record<ColumnKey, string>> = {
  code: 'Mã TTHC phải có dạng 1.001193.',
  name: 'Nhập tên thủ tục.',
  sector: 'Nhập lĩnh vực.',
  competentBody: 'Nhập cơ quan thực hiện.',
  resultType: 'Nhập kết quả giải quyết.',
  effectiveFrom: 'Ngày hiệu lực phải là ngày hợp lệ (dd/mm/yyyy).',
  timeLimitValue: 'Thời hạn phải là số nguyên từ 0 trở lên.',
};

/** Parses flat fields into a validated version, or the Vietnamese errors per field. */
export function fromFlat(flat: Partial<Record<ColumnKey, unknown>>): { ok: true; value: ProcedureVersion } | { ok: false; errors: FieldError[] } {
  const text = (k: ColumnKey) => (typeof flat[k] === 'string' ? (flat[k] as string) : flat[k] == null ? '' : String(flat[k])).normalize('NFC').trim();
  const errors: FieldError[] = [];
  const decode = <T,>(key: ColumnKey, fn: (t: string) => T, fallback: T): T => {
    try {
      return fn(text(key));
    } catch (err) {
      errors.push({ param: key, message: err instanceof LineError ? err.message : String(err) });
      return fallback;
    }
  };
  const unit = reverse(UNIT_LABELS, text('timeLimitUnit'));
  if (!unit) errors.push({ param: 'timeLimitUnit', message: 'Đơn vị thời hạn phải là: ngày làm việc, ngày hoặc giờ làm việc.' });
  const workflow = reverse(WORKFLOW_LABELS, text('workflow'));
  if (!workflow) errors.push({ param: 'workflow', message: 'Quy trình phải là: thông thường hoặc giải quyết ngay.' });
  const onlineLevel = reverse(ONLINE_LABELS, text('onlineLevel'));
  if (!onlineLevel) errors.push({ param: 'onlineLevel', message: 'Mức trực tuyến phải là: toàn trình, một phần hoặc không.' });
  const paymentDue = text('paymentDue') ? reverse(PAYMENT_DUE_LABELS, text('paymentDue')) : undefined;
  if (text('paymentDue') && !paymentDue) errors.push({ param: 'paymentDue', message: 'Thời điểm nộp phí phải là: khi tiếp nhận hoặc trước khi trả kết quả (để trống là khi tiếp nhận).' });
  const candidate = {
    code: text('code'),
    name: text('name'),
    sector: text('sector'),
    ...(text('sectorCode') ? { sectorCode: text('sectorCode') } : {}),
    level: 'commune' as const,
    competentBody: text('competentBody'),
    timeLimit: { value: /^\d{1,4}$/.test(text('timeLimitValue')) ? Number(text('timeLimitValue')) : -1, unit: unit ?? 'working-days' },
    ...(text('timeLimitNote') ? { timeLimitNote: text('timeLimitNote') } : {}),
    requiredDocuments: decode('requiredDocuments', decodeDocuments, []),
    fees: {
      items: decode('fees', decodeFees, []),
      exemptions: decodeList(text('exemptions')),
      ...(text('feeNote') ? { note: text('feeNote') } : {}),
      ...(paymentDue ? { paymentDue } : {}),
    },
    resultType: text('resultType'),
    onlineLevel: onlineLevel ?? 'none',
    legalBasis: decodeList(text('legalBasis')),
    workflow: workflow ?? 'standard',
    effectiveFrom: isoDate(text('effectiveFrom')),
  };
  const parsed = ProcedureVersionSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const top = String(issue.path[0]);
      const param = (top === 'timeLimit' ? 'timeLimitValue' : top) as ColumnKey;
      if (!errors.some((e) => e.param === param)) errors.push({ param, message: MESSAGES[param] ?? `${param}: ${issue.message}` });
    }
  }
  if (errors.length || !parsed.success) return { ok: false, errors };
  return { ok: true, value: parsed.data };
}
