/**
 * Paying a fee online through a gateway (gateway.ts): starting an attempt for the applicant, and taking the gateway's
 * server-to-server notification, which alone marks the fee paid. A notification is taken at most once: the attempt is
 * locked, its amount checked against what was asked, and a final attempt answers "already confirmed" (VNPay retries
 * until it is answered). A successful one records the payment (method 'gateway', reference "<gateway>:<transaction
 * number>") and issues the receipt in the same transaction. Lock order as everywhere: dossier → payment → attempt → counter.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../platform/db/index.js';
import { AppError, type Principal } from '../platform/http/index.js';
import { audit } from '../platform/audit.js';
import { getDossier } from '../dossiers/queries.js';
import type { Dossier } from '../dossiers/model.js';
import { lockForPayment, recordPayment } from './collect.js';
import type { GatewayNotification, NotificationOutcome, PaymentGateway } from './gateway.js';
import { date, receiptLabel } from './model.js';
import type { ReceiptSigner } from './receipt-signer.js';
import { paymentSettingsIn, receiptSetupProblems } from './settings.js';

/** Where an applicant's "pay online" form posts. */
export const onlinePayPath = (dossierRefText: string): string => `/ho-so-cua-toi/${dossierRefText}/thanh-toan-truc-tuyen`;

/** Where staff record that a duplicate online payment was given back. */
export const refundPath = (dossierRefText: string, attemptId: number | string): string => `/can-bo/ho-so/${dossierRefText}/hoan-tien/${attemptId}`;

/** Attempts one payment may start in an hour (each one opens a page at the gateway). */
export const MAX_ATTEMPTS_PER_HOUR = 10;

export type AttemptStatus = 'started' | 'paid' | 'failed';

export interface PaymentAttempt {
  unitId: number;
  id: number;
  paymentId: number;
  dossierId: number;
  dossierCode: string;
  gateway: string;
  txnRef: string;
  amount: number;
  status: AttemptStatus;
  responseCode: string | null;
  transactionNo: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** A duplicate online payment given back to the payer: when, and the cashier's note. */
  refundedAt: Date | null;
  refundNote: string | null;
}

/** A fresh attempt reference: letters and digits only (VNPay's vnp_TxnRef), unique by its random part. */
const newAttemptRef = (unitId: number, paymentId: number) => `XS${unitId}P${paymentId}T${randomBytes(5).toString('hex').toUpperCase()}`;

/** Starts an attempt to pay the dossier's pending fee; returns the gateway address to send the payer to. */
export async function startOnlinePayment(db: Database, gateway: PaymentGateway, input: {
  dossier: Dossier; actor: Principal; returnUrl: string; clientIp: string; now: Date;
}): Promise<string> {
  const d = input.dossier;
  return db.withRawTransaction(async (tx) => {
    const payment = await lockForPayment(tx, d.unitId, d.id);
    if (payment.status === 'paid') throw new AppError(409, 'ALREADY_PAID', 'Phí, lệ phí của hồ sơ này đã được nộp; không nộp lại. Xem biên lai ở trang hồ sơ.');
    if (payment.status === 'cancelled') throw new AppError(409, 'PAYMENT_CANCELLED', 'Hồ sơ này không còn phải nộp phí, lệ phí (đã rút, dừng hoặc từ chối).');
    if (receiptSetupProblems(await paymentSettingsIn(tx, d.unitId)).length) {
      // the notification could not issue the receipt: no money is taken that cannot be recorded
      throw new AppError(409, 'RECEIPTS_NOT_SET_UP', 'Chưa thanh toán trực tuyến được: đơn vị chưa sẵn sàng lập biên lai điện tử. Xin nộp tại Trung tâm Phục vụ hành chính công.');
    }
    const recent = await tx.query<{ n: string | number }>(
      `select count(*) as n from payment_attempts where unit_id = $1 and payment_id = $2 and created_at > $3`,
      [d.unitId, payment.id, new Date(input.now.getTime() - 3_600_000).toISOString()]);
    if (Number(recent[0]!.n) >= MAX_ATTEMPTS_PER_HOUR) {
      throw new AppError(429, 'TOO_MANY_ATTEMPTS', 'Hồ sơ này đã mở trang thanh toán nhiều lần trong một giờ qua. Hãy thử lại sau, hoặc nộp tại Trung tâm.');
    }
    const attemptRef = newAttemptRef(d.unitId, payment.id);
    await tx.query(
      `insert into payment_attempts (unit_id, payment_id, gateway, txn_ref, amount, started_by, created_at) values ($1, $2, $3, $4, $5, $6, $7)`,
      [d.unitId, payment.id, gateway.name, attemptRef, payment.amount, input.actor.userId, input.now.toISOString()]);
    return gateway.startPayment({ payment, dossierCode: d.code ?? '', attemptRef, returnUrl: input.returnUrl, clientIp: input.clientIp, now: input.now }).redirectUrl;
  });
}

/** Attempts with their dossier (id and code), for a where clause on `a` (the attempt). */
const ATTEMPTS = `select a.*, p.dossier_id, d.code as dossier_code from payment_attempts a
  join payments p on p.unit_id = a.unit_id and p.id = a.payment_id
  join dossiers d on d.unit_id = p.unit_id and d.id = p.dossier_id`;

/** Who records that a duplicate online payment was given back: the unit's receptionists and administrators. */
export const mayRecordRefund = (p: Principal, unitId: number): boolean => p.grants.some((g) => g.unitId === unitId && (g.role === 'receptionist' || g.role === 'unitAdmin'));

const toAttempt = (r: Record<string, unknown>): PaymentAttempt => ({
  unitId: Number(r.unit_id), id: Number(r.id), paymentId: Number(r.payment_id), dossierId: Number(r.dossier_id), dossierCode: String(r.dossier_code ?? ''),
  gateway: String(r.gateway), txnRef: String(r.txn_ref), amount: Number(r.amount), status: r.status as AttemptStatus,
  responseCode: r.response_code == null ? null : String(r.response_code), transactionNo: r.transaction_no == null ? null : String(r.transaction_no),
  createdAt: date(r.created_at)!, finishedAt: date(r.finished_at), refundedAt: date(r.refunded_at), refundNote: r.refund_note == null ? null : String(r.refund_note),
});

/** A payment's attempts, newest first. */
export async function attemptsOf(db: Database, unitId: number, paymentId: number): Promise<PaymentAttempt[]> {
  const rows = await db.withRawTransaction((tx) => tx.query(`${ATTEMPTS} where a.unit_id = $1 and a.payment_id = $2 order by a.id desc`, [unitId, paymentId]));
  return rows.map(toAttempt);
}

/** The gateway reference a successful attempt gives its payment. */
export const gatewayReference = (gateway: string, transactionNo: string): string => `${gateway}:${transactionNo}`.slice(0, 100);

/**
 * Money taken by the gateway that did not pay the fee: the attempt succeeded after the fee had been paid another way
 * (or stopped being due) while the payer was at the gateway. It is owed back to the payer.
 */
export const isDuplicate = (a: PaymentAttempt, payment: { reconciliationRef: string | null }): boolean =>
  a.status === 'paid' && payment.reconciliationRef !== gatewayReference(a.gateway, a.transactionNo ?? '');

/** A duplicate not given back yet. */
export const isRefundDue = (a: PaymentAttempt, payment: { reconciliationRef: string | null }): boolean => isDuplicate(a, payment) && a.refundedAt === null;

/** Records that a duplicate online payment was given back to the payer (the cashier's note says how); audited. */
export async function markRefunded(db: Database, input: { unitId: number; dossierId: number; attemptId: number; note: string; actor: Principal; now: Date; ip?: string | null }): Promise<void> {
  await db.withRawTransaction(async (tx) => {
    const payment = await lockForPayment(tx, input.unitId, input.dossierId);
    const rows = await tx.query(
      `${ATTEMPTS} where a.unit_id = $1 and a.id = $2 and a.payment_id = $3 for update of a`, [input.unitId, input.attemptId, payment.id]);
    const attempt = rows[0] ? toAttempt(rows[0]) : null;
    if (!attempt || !isDuplicate(attempt, payment)) throw new AppError(404, 'NO_REFUND_DUE', 'Không có khoản thanh toán trùng nào như vậy ở hồ sơ này.');
    if (attempt.refundedAt) throw new AppError(409, 'ALREADY_REFUNDED', 'Khoản này đã được ghi là đã hoàn tiền.');
    await tx.query('update payment_attempts set refunded_at = $3, refunded_by = $4, refund_note = $5 where unit_id = $1 and id = $2',
      [input.unitId, attempt.id, input.now.toISOString(), input.actor.userId, input.note]);
  });
  await audit(db, {
    unitId: input.unitId, actorUserId: input.actor.userId, action: 'payments.gateway.refunded', target: `payment_attempt:${input.attemptId}`,
    details: { note: input.note }, ip: input.ip ?? null,
  });
}

/** The attempt a gateway's reference names, with its dossier. */
export async function attemptByRef(db: Database, gateway: string, txnRef: string): Promise<PaymentAttempt | null> {
  if (!/^[A-Za-z0-9]{8,40}$/.test(txnRef)) return null;
  const rows = await db.withRawTransaction((tx) => tx.query(`${ATTEMPTS} where a.gateway = $1 and a.txn_ref = $2`, [gateway, txnRef]));
  return rows[0] ? toAttempt(rows[0]) : null;
}

export interface NotificationResult {
  outcome: NotificationOutcome;
  notification: GatewayNotification;
  attempt: PaymentAttempt | null;
}

/**
 * Takes a gateway's server-to-server notification: checks its signature (invalidSignature), finds the attempt
 * (notFound), compares the amount (invalidAmount), takes it once (alreadyConfirmed after that) and, when it reports a
 * success, records the payment and issues the receipt. Never throws: an unexpected failure is 'error' (logged by the caller).
 */
export async function acceptGatewayNotification(db: Database, signer: ReceiptSigner, gateway: PaymentGateway, params: Record<string, string>, now: Date): Promise<NotificationResult & { error?: unknown }> {
  const n = gateway.verify(params);
  if (n.kind === 'invalid') return { outcome: 'invalidSignature', notification: n, attempt: null };
  let attempt: PaymentAttempt | null = null;
  try {
    attempt = await attemptByRef(db, gateway.name, n.attemptRef);
    if (!attempt) return { outcome: 'notFound', notification: n, attempt };
    const found = attempt;
    const dossier = await getDossier(db, found.unitId, found.dossierId);
    if (!dossier) return { outcome: 'notFound', notification: n, attempt };
    const done = await db.withRawTransaction(async (tx) => {
      const payment = await lockForPayment(tx, found.unitId, found.dossierId);
      const rows = await tx.query('select status from payment_attempts where unit_id = $1 and id = $2 for update', [found.unitId, found.id]);
      if (n.amount !== found.amount) return { outcome: 'invalidAmount' as const };
      if (rows[0]!.status !== 'started') return { outcome: 'alreadyConfirmed' as const };
      await tx.query(
        `update payment_attempts set status = $3, response_code = $4, transaction_no = $5, finished_at = $6 where unit_id = $1 and id = $2`,
        [found.unitId, found.id, n.kind, n.responseCode.slice(0, 10), n.transactionNo.slice(0, 50) || null, now.toISOString()]);
      if (n.kind !== 'paid') return { outcome: 'confirmed' as const };
      if (payment.status !== 'pending') return { outcome: 'confirmed' as const, paidTwice: payment.status };
      const { receipt } = await recordPayment(tx, dossier, payment, {
        method: 'gateway', reference: gatewayReference(gateway.name, n.transactionNo),
        collector: { userId: null, fullName: `Thanh toán trực tuyến qua ${gateway.label}` }, now,
      });
      return { outcome: 'confirmed' as const, receipt };
    });
    if ('receipt' in done && done.receipt) {
      await audit(db, {
        unitId: found.unitId, action: 'payments.collect', target: `fee_receipt:${done.receipt.id}`,
        details: { dossierCode: dossier.code, method: 'gateway', amount: done.receipt.amount, receipt: receiptLabel(done.receipt), reference: gatewayReference(gateway.name, n.transactionNo) },
      });
      await signer.signPending(found.unitId, found.dossierId);
    } else if ('paidTwice' in done) {
      // the fee was paid another way (or stopped being due) while the payer was at the gateway: money to give back
      await audit(db, {
        unitId: found.unitId, action: 'payments.gateway.refundDue', target: `payment_attempt:${found.id}`,
        details: { dossierCode: dossier.code, gateway: gateway.name, transactionNo: n.transactionNo, amount: n.amount, paymentStatus: done.paidTwice },
      });
    }
    return { outcome: done.outcome, notification: n, attempt };
  } catch (error) {
    return { outcome: 'error', notification: n, attempt, error };
  }
}
