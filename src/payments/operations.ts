/**
 * What the pages do with fees, each in one transaction: collect a pending fee (cash at the counter, or a transfer
 * the officer has seen on the account) and issue its receipt; cancel a receipt. Both audited; the receipt is signed
 * right after the commit.
 */
import type { Database } from '../platform/db/index.js';
import { AppError, type Principal } from '../platform/http/index.js';
import { audit } from '../platform/audit.js';
import type { Dossier } from '../dossiers/model.js';
import { cancelReceipt, lockForPayment, recordPayment } from './collect.js';
import { receiptLabel, toPayment, toReceipt, type FeeReceipt, type Payment, type PaymentMethod } from './model.js';
import type { ReceiptSigner } from './receipt-signer.js';

export async function paymentOf(db: Database, unitId: number, dossierId: number): Promise<Payment | null> {
  const rows = await db.withRawTransaction((tx) => tx.query('select * from payments where unit_id = $1 and dossier_id = $2', [unitId, dossierId]));
  return rows[0] ? toPayment(rows[0]) : null;
}

/** A dossier's receipts, newest first. */
export async function receiptsOf(db: Database, unitId: number, dossierId: number): Promise<FeeReceipt[]> {
  const rows = await db.withRawTransaction((tx) => tx.query('select * from fee_receipts where unit_id = $1 and dossier_id = $2 order by id desc', [unitId, dossierId]));
  return rows.map(toReceipt);
}

export async function receiptById(db: Database, id: number): Promise<FeeReceipt | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const rows = await db.withRawTransaction((tx) => tx.query('select * from fee_receipts where id = $1', [id]));
  return rows[0] ? toReceipt(rows[0]) : null;
}

export interface CollectInput {
  dossier: Dossier;
  method: Extract<PaymentMethod, 'cash' | 'vietqr'>;
  reference: string | null;
  actor: Principal;
  now: Date;
  ip?: string | null;
}

/** Collects the dossier's pending fee and issues the receipt (number taken in the same transaction). */
export async function collectFee(db: Database, signer: ReceiptSigner, input: CollectInput): Promise<FeeReceipt> {
  const d = input.dossier;
  const { receipt } = await db.withRawTransaction(async (tx) => {
    const payment = await lockForPayment(tx, d.unitId, d.id);
    if (input.reference !== null) {
      const seen = await tx.query('select 1 from payments where unit_id = $1 and method = $2 and reconciliation_ref = $3', [d.unitId, input.method, input.reference]);
      if (seen.length) throw new AppError(409, 'REFERENCE_USED', 'Mã giao dịch này đã được dùng để xác nhận phí của một hồ sơ khác. Kiểm tra lại sao kê tài khoản.');
    }
    return recordPayment(tx, d, payment, { method: input.method, reference: input.reference, collector: input.actor, now: input.now });
  });
  await audit(db, {
    unitId: d.unitId, actorUserId: input.actor.userId, action: 'payments.collect', target: `fee_receipt:${receipt.id}`,
    details: { dossierCode: d.code, method: input.method, amount: receipt.amount, receipt: receiptLabel(receipt), reference: input.reference }, ip: input.ip ?? null,
  });
  await signer.signPending(d.unitId, d.id);
  return receipt;
}

/** Cancels a receipt with its reason (kept in the series, marked cancelled); the fee is pending again. */
export async function cancelFeeReceipt(db: Database, signer: ReceiptSigner, r: FeeReceipt, input: { reason: string; actor: Principal; now: Date; ip?: string | null }): Promise<FeeReceipt> {
  const cancelled = await db.withRawTransaction((tx) => cancelReceipt(tx, r, { reason: input.reason, userId: input.actor.userId, now: input.now }));
  await audit(db, {
    unitId: r.unitId, actorUserId: input.actor.userId, action: 'payments.receipt.cancel', target: `fee_receipt:${r.id}`,
    details: { dossierCode: r.dossierCode, receipt: receiptLabel(r), amount: r.amount, reason: input.reason, issuedPdfSha256: r.pdfSha256 }, ip: input.ip ?? null,
  });
  await signer.signPending(r.unitId, r.dossierId);
  return cancelled;
}
