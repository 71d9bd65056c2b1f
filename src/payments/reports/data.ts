/**
 * The fee books as export documents (one model for the page and the XLSX file, so both show the same numbers):
 * the daily cash book (sổ thu phí, lệ phí hằng ngày: every receipt of the day, cancelled ones listed but not counted)
 * and the revenue report of a period by fee kind, unit and payment method (cancelled receipts excluded).
 */
import type { Database } from '../../platform/db/index.js';
import { sql } from 'drizzle-orm';
import type { ExportDocument, ExportTable } from '../../reports/index.js';
import { formatVnTime } from '../../documents/text.js';
import { METHOD_LABELS, receiptNumberText, toReceipt, type FeeReceipt, type PaymentMethod } from '../model.js';

const METHODS: PaymentMethod[] = ['cash', 'vietqr', 'gateway'];

export interface Scope {
  unitIds: number[];
  from: Date;
  /** Exclusive. */
  to: Date;
}

async function receiptsIn(db: Database, s: Scope): Promise<Array<FeeReceipt & { unitName: string }>> {
  const rows = await db.rows<Record<string, unknown>>(sql`select r.*, u.full_name as unit_name from fee_receipts r join units u on u.id = r.unit_id
    where r.unit_id = any(${sql.param(s.unitIds)}) and r.issued_at >= ${s.from.toISOString()} and r.issued_at < ${s.to.toISOString()}
    order by u.full_name, r.unit_id, r.year, r.number`);
  return rows.map((r) => ({ ...toReceipt(r), unitName: String(r.unit_name) }));
}

const money = (header: string, width = 14) => ({ header, kind: 'count' as const, width });

/** The cash book of one day: receipts in number order, then the totals by method. */
export async function cashBook(db: Database, s: Scope, base: Pick<ExportDocument, 'fileName' | 'unitName' | 'lines'>): Promise<ExportDocument> {
  const receipts = await receiptsIn(db, s);
  const several = new Set(receipts.map((r) => r.unitId)).size > 1;
  const counted = receipts.filter((r) => r.status === 'issued');
  const entries: ExportTable = {
    title: 'Biên lai đã lập trong ngày', sheet: 'Sổ thu', emptyText: 'Không có biên lai nào trong ngày.',
    columns: [
      { header: 'STT', kind: 'count', width: 6 }, ...(several ? [{ header: 'Đơn vị', kind: 'text' as const, width: 22 }] : []),
      { header: 'Ký hiệu', kind: 'text', width: 10 }, { header: 'Số biên lai', kind: 'text', width: 12 }, { header: 'Giờ', kind: 'text', width: 14 },
      { header: 'Mã hồ sơ', kind: 'text', width: 24 }, { header: 'Người nộp', kind: 'text', width: 22 }, { header: 'Loại phí, lệ phí', kind: 'text', width: 36 },
      { header: 'Hình thức', kind: 'text', width: 16 }, money('Số tiền (đồng)'), { header: 'Người thu', kind: 'text', width: 20 }, { header: 'Ghi chú', kind: 'text', width: 28 },
    ],
    rows: receipts.map((r, i) => [
      i + 1, ...(several ? [r.unitName] : []), r.receiptSymbol, receiptNumberText(r.number), formatVnTime(r.issuedAt), r.dossierCode, r.payerName,
      r.feeLines.map((l) => l.name).join('; '), METHOD_LABELS[r.method], r.amount, r.collectorUserName,
      r.status === 'cancelled' ? `ĐÃ HỦY, không tính vào tổng: ${r.cancelReason ?? ''}` : '',
    ]),
  };
  const sum = (list: FeeReceipt[]) => list.reduce((a, r) => a + r.amount, 0);
  const totals: ExportTable = {
    title: 'Tổng hợp trong ngày', sheet: 'Tổng hợp', emptyText: '',
    columns: [{ header: 'Hình thức', kind: 'text', width: 28 }, { header: 'Số biên lai', kind: 'count', width: 12 }, money('Số tiền (đồng)', 16)],
    rows: [
      ...METHODS.map((m) => { const list = counted.filter((r) => r.method === m); return [METHOD_LABELS[m], list.length, sum(list)]; }),
      ['Tổng cộng', counted.length, sum(counted)],
      ['Biên lai đã hủy (không tính)', receipts.length - counted.length, sum(receipts.filter((r) => r.status === 'cancelled'))],
    ],
  };
  return { ...base, title: 'Sổ thu phí, lệ phí hằng ngày', tables: [entries, totals] };
}

/** Revenue of a period: by unit and fee kind with a column per method, then by method. */
export async function revenueReport(db: Database, s: Scope, base: Pick<ExportDocument, 'fileName' | 'unitName' | 'lines'>): Promise<ExportDocument> {
  const receipts = (await receiptsIn(db, s)).filter((r) => r.status === 'issued');
  type Row = { unit: string; fee: string; receipts: Set<number>; byMethod: Record<PaymentMethod, number> };
  const rows = new Map<string, Row>();
  for (const r of receipts) {
    for (const l of r.feeLines) {
      const key = `${r.unitName}\u0000${l.name}`;
      const row = rows.get(key) ?? { unit: r.unitName, fee: l.name, receipts: new Set<number>(), byMethod: { cash: 0, vietqr: 0, gateway: 0 } };
      row.receipts.add(r.id);
      row.byMethod[r.method] += l.amount;
      rows.set(key, row);
    }
  }
  const sorted = [...rows.values()].sort((a, b) => a.unit.localeCompare(b.unit, 'vi') || a.fee.localeCompare(b.fee, 'vi'));
  const total = (m: Record<PaymentMethod, number>) => METHODS.reduce((a, k) => a + m[k], 0);
  const grand: Record<PaymentMethod, number> = { cash: 0, vietqr: 0, gateway: 0 };
  for (const r of receipts) grand[r.method] += r.amount;
  const byKind: ExportTable = {
    title: 'Theo đơn vị và loại phí, lệ phí', sheet: 'Theo loại phí', emptyText: 'Không có khoản thu nào trong kỳ.',
    columns: [
      { header: 'Đơn vị', kind: 'text', width: 26 }, { header: 'Loại phí, lệ phí', kind: 'text', width: 40 }, { header: 'Số biên lai', kind: 'count', width: 12 },
      ...METHODS.map((m) => money(METHOD_LABELS[m], 16)), money('Tổng số tiền (đồng)', 18),
    ],
    rows: [
      ...sorted.map((r) => [r.unit, r.fee, r.receipts.size, ...METHODS.map((m) => r.byMethod[m]), total(r.byMethod)]),
      ...(sorted.length ? [['Tổng cộng', '', receipts.length, ...METHODS.map((m) => grand[m]), total(grand)]] : []),
    ],
  };
  const byMethod: ExportTable = {
    title: 'Theo hình thức thanh toán', sheet: 'Theo hình thức', emptyText: '',
    columns: [{ header: 'Hình thức', kind: 'text', width: 28 }, { header: 'Số biên lai', kind: 'count', width: 12 }, money('Số tiền (đồng)', 16)],
    rows: [...METHODS.map((m) => [METHOD_LABELS[m], receipts.filter((r) => r.method === m).length, grand[m]]), ['Tổng cộng', receipts.length, total(grand)]],
  };
  return { ...base, title: 'Báo cáo thu phí, lệ phí', tables: [byKind, byMethod] };
}
