/**
 * Fee collection inside a database transaction: the payment record of a received dossier, recording a payment and
 * issuing its receipt (number from the unit's `feeReceipt.<year>` counter, in the same transaction: a rollback
 * returns the number, so the series has no gaps and no duplicates), cancelling a receipt, and the rule that a result
 * whose fee is due before the result is not returned unpaid. Lock order: dossier → payment → counter.
 */
import { AppError } from '../platform/http/index.js';
import type { RawTransaction } from '../platform/db/index.js';
import { nextCounter } from '../platform/db/index.js';
import { vnParts } from '../documents/text.js';
import type { Dossier } from '../dossiers/model.js';
import { lockDossierForFee, setFeePaid } from '../dossiers/fee-paid.js';
import { amountInWords } from './amount-in-words.js';
import { toPayment, toReceipt, type FeeReceipt, type Payment, type PaymentMethod } from './model.js';
import { paymentSettingsIn, receiptSetupProblems, receiptSymbolFor } from './settings.js';

/** The counter of a unit's receipts in a year: numbers restart at 1 on 1 January (Decree 254/2026 Art. 23(2)(c)). */
export const receiptCounterName = (year: number): string => `feeReceipt.${year}`;

/**
 * Who collects: the signed-in officer, or no officer (userId null) for a payment recorded from a gateway's or a bank's
 * notification; fullName is what the receipt prints as "Người thu tiền".
 */
export interface Collector {
  userId: number | null;
  fullName: string;
}

/** The dossier facts a receipt needs. */
export type PayableDossier = Pick<Dossier, 'unitId' | 'id' | 'code' | 'applicant' | 'fee' | 'procedure'>;

/** Creates the payment record of a dossier just received, when its fee is more than 0 (once: a replay adds nothing). */
export async function createPayment(tx: RawTransaction, d: PayableDossier): Promise<Payment | null> {
  if (!d.fee || d.fee.total <= 0) return null;
  const rows = await tx.query(
    `insert into payments (unit_id, dossier_id, amount, due) values ($1, $2, $3, $4)
     on conflict (unit_id, dossier_id) do nothing returning *`,
    [d.unitId, d.id, d.fee.total, d.procedure.fees.paymentDue ?? 'atReceipt'],
  );
  return rows[0] ? toPayment(rows[0]) : null;
}

/** The dossier's payment, locked for the rest of the transaction (the dossier must be locked first). */
export async function lockPayment(tx: RawTransaction, unitId: number, dossierId: number): Promise<Payment | null> {
  const rows = await tx.query('select * from payments where unit_id = $1 and dossier_id = $2 for update', [unitId, dossierId]);
  return rows[0] ? toPayment(rows[0]) : null;
}

export interface PaymentInput {
  method: PaymentMethod;
  /** Bank transaction number of a transfer, gateway transaction number; null for cash. */
  reference: string | null;
  collector: Collector;
  now: Date;
}

/** Issues the receipt of a payment being recorded: the next number of the unit's series for the year. */
async function issueReceipt(tx: RawTransaction, d: PayableDossier, payment: Payment, input: PaymentInput): Promise<FeeReceipt> {
  const settings = await paymentSettingsIn(tx, d.unitId);
  const problems = receiptSetupProblems(settings);
  if (problems.length) {
    throw new AppError(409, 'RECEIPTS_NOT_SET_UP', `Chưa lập được biên lai thu phí, lệ phí: đơn vị ${problems.join(', ')}. Quản trị viên đơn vị khai báo tại trang Cấu hình thu phí, lệ phí rồi thu lại.`);
  }
  const year = vnParts(input.now).year;
  const number = await nextCounter(tx, d.unitId, receiptCounterName(year));
  const lines = (d.fee?.lines ?? []).filter((l) => l.amount > 0);
  const rows = await tx.query(
    `insert into fee_receipts (unit_id, payment_id, dossier_id, dossier_code, year, number, template_symbol, receipt_symbol, amount, amount_in_words,
       fee_lines, payer_name, payer_address, method, collector_name, collector_tax_code, collector_user_id, collector_user_name, issued_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16, $17, $18, $19) returning *`,
    [d.unitId, payment.id, d.id, d.code ?? '', year, number, settings.templateSymbol, receiptSymbolFor(settings.receiptSymbol, year), payment.amount,
      amountInWords(payment.amount), JSON.stringify(lines), d.applicant.fullName, d.applicant.address, input.method, settings.collectorName,
      settings.collectorTaxCode, input.collector.userId, input.collector.fullName, input.now.toISOString()],
  );
  return toReceipt(rows[0]!);
}

/**
 * Records the payment of a pending fee and issues its receipt, in the caller's transaction (the dossier and the payment
 * locked by the caller). Refuses a payment that is not pending.
 */
export async function recordPayment(tx: RawTransaction, d: PayableDossier, payment: Payment, input: PaymentInput): Promise<{ payment: Payment; receipt: FeeReceipt }> {
  if (payment.status === 'paid') throw new AppError(409, 'ALREADY_PAID', 'Phí, lệ phí của hồ sơ này đã được thu; không thu lại. Xem biên lai đã lập ở trang hồ sơ.');
  if (payment.status === 'cancelled') throw new AppError(409, 'PAYMENT_CANCELLED', 'Hồ sơ này không còn phải nộp phí, lệ phí (đã rút, dừng hoặc từ chối).');
  const rows = await tx.query(
    `update payments set status = 'paid', method = $3, paid_at = $4, collected_by = $5, reconciliation_ref = $6, updated_at = now()
     where unit_id = $1 and id = $2 returning *`,
    [payment.unitId, payment.id, input.method, input.now.toISOString(), input.collector.userId, input.reference],
  );
  const receipt = await issueReceipt(tx, d, payment, input);
  await setFeePaid(tx, d.unitId, d.id, input.method);
  return { payment: toPayment(rows[0]!), receipt };
}

/** Locks the dossier then its payment; 404 when the dossier has none. */
export async function lockForPayment(tx: RawTransaction, unitId: number, dossierId: number): Promise<Payment> {
  const payment = (await lockDossierForFee(tx, unitId, dossierId)) ? await lockPayment(tx, unitId, dossierId) : null;
  if (!payment) throw new AppError(404, 'NO_PAYMENT', 'Hồ sơ này không có khoản phí, lệ phí phải nộp.');
  return payment;
}

/**
 * Cancels an issued receipt: it keeps its number, marked cancelled with the reason; the payment goes back to pending
 * so that a new receipt (the next number) can be issued.
 */
export async function cancelReceipt(tx: RawTransaction, r: FeeReceipt, cancel: { reason: string; userId: number; now: Date }): Promise<FeeReceipt> {
  await lockForPayment(tx, r.unitId, r.dossierId);
  const current = await tx.query('select * from fee_receipts where unit_id = $1 and id = $2 for update', [r.unitId, r.id]);
  if (!current[0] || current[0].status !== 'issued') throw new AppError(409, 'ALREADY_CANCELLED', 'Biên lai này đã bị hủy trước đó.');
  const rows = await tx.query(
    `update fee_receipts set status = 'cancelled', cancel_reason = $3, cancelled_by = $4, cancelled_at = $5 where unit_id = $1 and id = $2 returning *`,
    [r.unitId, r.id, cancel.reason, cancel.userId, cancel.now.toISOString()],
  );
  await tx.query(
    `update payments set status = 'pending', method = null, paid_at = null, collected_by = null, reconciliation_ref = null, updated_at = now()
     where unit_id = $1 and id = $2`, [r.unitId, r.paymentId]);
  await setFeePaid(tx, r.unitId, r.dossierId, null);
  return toReceipt(rows[0]!);
}

/** A pending payment of a dossier that ends without a result (withdrawn, stopped, refused) is no longer due. */
export async function cancelPendingPayment(tx: RawTransaction, unitId: number, dossierId: number): Promise<void> {
  await tx.query(`update payments set status = 'cancelled', updated_at = now() where unit_id = $1 and dossier_id = $2 and status = 'pending'`, [unitId, dossierId]);
}

/** The result of a dossier whose fee is due before the result is not returned while the fee is unpaid. */
export async function assertPaidBeforeResult(tx: RawTransaction, unitId: number, dossierId: number): Promise<void> {
  const payment = await lockPayment(tx, unitId, dossierId);
  if (payment?.status === 'pending' && payment.due === 'beforeResult') {
    throw new AppError(409, 'FEE_UNPAID', 'Chưa trả được kết quả: hồ sơ này phải nộp phí, lệ phí trước khi nhận kết quả và người nộp chưa nộp. Hãy thu phí (Thu tiền mặt hoặc Xác nhận chuyển khoản) rồi trả kết quả.');
  }
}
