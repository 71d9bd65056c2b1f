/**
 * Paying a dossier's fee with one bank statement line, inside the caller's transaction (the line already inserted or
 * locked): the dossier and its payment are locked as for a collection at the counter, then the rules are checked —
 * the fee is pending, the amount is exactly the fee, the bank reference has not paid anything yet — and the payment is
 * recorded with method 'vietqr' and the bank reference, which issues the receipt. A refusal is a Vietnamese reason
 * kept on the line for the cashier.
 */
import type { RawTransaction } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/index.js';
import { formatVnd } from '../../catalog/index.js';
import { formatVnDate } from '../../documents/text.js';
import { toDossier } from '../../dossiers/rows.js';
import { lockForPayment, recordPayment, type Collector } from '../collect.js';
import { methodPhrase, receiptLabel, toPayment, toReceipt, type FeeReceipt, type Payment } from '../model.js';

/** What pays: one credit line of the fee account. */
export interface CreditLine {
  bankRef: string;
  amount: number;
}

export type LineMatch =
  | { kind: 'paid'; payment: Payment; receipt: FeeReceipt; dossierCode: string }
  /** The transfer was already confirmed with this reference (by hand on the dossier page): nothing is recorded again. */
  | { kind: 'alreadyRecorded'; payment: Payment; receipt: FeeReceipt; dossierCode: string }
  | { kind: 'refused'; reason: string };

const refused = (reason: string): LineMatch => ({ kind: 'refused', reason });

async function issuedReceiptOf(tx: RawTransaction, p: Payment): Promise<FeeReceipt | null> {
  const rows = await tx.query(`select * from fee_receipts where unit_id = $1 and payment_id = $2 and status = 'issued' order by id desc limit 1`, [p.unitId, p.id]);
  return rows[0] ? toReceipt(rows[0]) : null;
}

/** "bằng tiền mặt, biên lai AA-26E, số 0000003" */
const paidBy = (p: Payment, r: FeeReceipt | null) =>
  `${p.paidAt ? ` ngày ${formatVnDate(p.paidAt)}` : ''}${p.method ? ` bằng ${methodPhrase(p.method)}` : ''}${p.reconciliationRef ? ` (mã giao dịch ${p.reconciliationRef})` : ''}${r ? `, biên lai ${receiptLabel(r)}` : ''}`;

/** A unique violation of payments_reconciliation_idx (another request recorded this reference first). */
export const isReferenceTaken = (err: unknown) => (err as { code?: string } | null)?.code === '23505';

/**
 * Records the payment of dossier `dossierId` of the unit with the line, or says why not. The caller's transaction
 * must be the line's (so a refusal or an error leaves no payment).
 */
export async function payWithLine(tx: RawTransaction, unitId: number, dossierId: number, line: CreditLine, collector: Collector, now: Date): Promise<LineMatch> {
  const rows = await tx.query('select * from dossiers_full where unit_id = $1 and id = $2', [unitId, dossierId]);
  if (!rows[0]) return refused('Không có hồ sơ này trong đơn vị.');
  const dossier = toDossier(rows[0]);
  const code = dossier.code ?? '';
  let payment: Payment;
  try {
    payment = await lockForPayment(tx, unitId, dossierId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NO_PAYMENT') return refused(`Hồ sơ ${code} không có khoản phí, lệ phí phải nộp.`);
    throw err;
  }
  const used = await tx.query(`select * from payments where unit_id = $1 and reconciliation_ref = $2`, [unitId, line.bankRef]);
  if (used[0]) {
    const other = toPayment(used[0]);
    if (other.id === payment.id && other.status === 'paid' && other.method === 'vietqr' && other.amount === line.amount) {
      const receipt = await issuedReceiptOf(tx, other);
      if (receipt) return { kind: 'alreadyRecorded', payment: other, receipt, dossierCode: code };
    }
    const otherCode = other.id === payment.id ? code : String((await tx.query<{ code: string | null }>('select code from dossiers where unit_id = $1 and id = $2', [unitId, other.dossierId]))[0]?.code ?? '');
    return refused(`Mã giao dịch ${line.bankRef} đã được dùng để xác nhận phí, lệ phí của hồ sơ ${otherCode}; một giao dịch chỉ trả phí một lần.`);
  }
  if (payment.status === 'paid') {
    return refused(`Phí, lệ phí của hồ sơ ${code} đã được nộp${paidBy(payment, await issuedReceiptOf(tx, payment))}; không ghi nhận lần nữa. Nếu người nộp chuyển thừa, hãy làm thủ tục hoàn trả.`);
  }
  if (payment.status === 'cancelled') return refused(`Hồ sơ ${code} không còn phải nộp phí, lệ phí (đã rút, dừng xử lý hoặc bị từ chối).`);
  if (payment.amount !== line.amount) {
    return refused(`Số tiền chuyển ${formatVnd(line.amount)} khác số phí, lệ phí phải nộp của hồ sơ ${code} (${formatVnd(payment.amount)}).`);
  }
  const { payment: paid, receipt } = await recordPayment(tx, dossier, payment, { method: 'vietqr', reference: line.bankRef, collector, now });
  return { kind: 'paid', payment: paid, receipt, dossierCode: code };
}
