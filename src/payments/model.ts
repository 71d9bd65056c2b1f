/**
 * The fee collection records: a payment per dossier with a fee, and the fee receipts (feeReceipt, biên lai thu phí,
 * lệ phí) issued when it is paid. Row mappers for both tables.
 */
import type { PaymentDue } from '../catalog/model.js';

export type PaymentStatus = 'pending' | 'paid' | 'cancelled';
export type PaymentMethod = 'cash' | 'vietqr' | 'gateway';
export type ReceiptStatus = 'issued' | 'cancelled';

export const METHOD_LABELS: Record<PaymentMethod, string> = { cash: 'Tiền mặt', vietqr: 'Chuyển khoản (VietQR)', gateway: 'Thanh toán trực tuyến' };
/** The method inside a sentence: "chuyển khoản (VietQR)" (only the first letter lower-cased). */
export const methodPhrase = (m: PaymentMethod): string => METHOD_LABELS[m].charAt(0).toLocaleLowerCase('vi') + METHOD_LABELS[m].slice(1);
export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = { pending: 'Chưa nộp', paid: 'Đã thanh toán', cancelled: 'Không thu' };
export const DUE_LABELS: Record<PaymentDue, string> = { atReceipt: 'Nộp khi tiếp nhận hồ sơ', beforeResult: 'Nộp trước khi nhận kết quả' };

export interface Payment {
  unitId: number;
  id: number;
  dossierId: number;
  amount: number;
  due: PaymentDue;
  status: PaymentStatus;
  method: PaymentMethod | null;
  paidAt: Date | null;
  collectedBy: number | null;
  reconciliationRef: string | null;
  createdAt: Date;
}

export interface FeeLine {
  name: string;
  quantity: number;
  amount: number;
}

export interface FeeReceipt {
  unitId: number;
  id: number;
  paymentId: number;
  dossierId: number;
  dossierCode: string;
  year: number;
  number: number;
  templateSymbol: string;
  receiptSymbol: string;
  amount: number;
  amountInWords: string;
  feeLines: FeeLine[];
  payerName: string;
  payerAddress: string;
  method: PaymentMethod;
  collectorName: string;
  collectorTaxCode: string;
  /** null: recorded from a gateway's or a bank's notification, without an officer. */
  collectorUserId: number | null;
  collectorUserName: string;
  issuedAt: Date;
  status: ReceiptStatus;
  cancelReason: string | null;
  cancelledBy: number | null;
  cancelledAt: Date | null;
  storageKey: string | null;
  pdfSha256: string | null;
  signedAt: Date | null;
  signError: string | null;
  cancelledStorageKey: string | null;
  cancelledPdfSha256: string | null;
}

/** A timestamp column as a Date (PGlite gives Dates, node-postgres strings or Dates). */
export const date = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
const num = (v: unknown): number | null => (v == null ? null : Number(v));
const text = (v: unknown): string | null => (v == null ? null : String(v));

export function toPayment(r: Record<string, unknown>): Payment {
  return {
    unitId: Number(r.unit_id), id: Number(r.id), dossierId: Number(r.dossier_id), amount: Number(r.amount), due: r.due as PaymentDue,
    status: r.status as PaymentStatus, method: (r.method ?? null) as PaymentMethod | null, paidAt: date(r.paid_at), collectedBy: num(r.collected_by),
    reconciliationRef: text(r.reconciliation_ref), createdAt: date(r.created_at)!,
  };
}

export function toReceipt(r: Record<string, unknown>): FeeReceipt {
  const lines = typeof r.fee_lines === 'string' ? (JSON.parse(r.fee_lines) as FeeLine[]) : (r.fee_lines as FeeLine[]);
  return {
    unitId: Number(r.unit_id), id: Number(r.id), paymentId: Number(r.payment_id), dossierId: Number(r.dossier_id), dossierCode: String(r.dossier_code),
    year: Number(r.year), number: Number(r.number), templateSymbol: String(r.template_symbol), receiptSymbol: String(r.receipt_symbol),
    amount: Number(r.amount), amountInWords: String(r.amount_in_words), feeLines: lines, payerName: String(r.payer_name), payerAddress: String(r.payer_address),
    method: r.method as PaymentMethod, collectorName: String(r.collector_name), collectorTaxCode: String(r.collector_tax_code),
    collectorUserId: r.collector_user_id == null ? null : Number(r.collector_user_id), collectorUserName: String(r.collector_user_name), issuedAt: date(r.issued_at)!,
    status: r.status as ReceiptStatus, cancelReason: text(r.cancel_reason), cancelledBy: num(r.cancelled_by), cancelledAt: date(r.cancelled_at),
    storageKey: text(r.storage_key), pdfSha256: text(r.pdf_sha256), signedAt: date(r.signed_at), signError: text(r.sign_error),
    cancelledStorageKey: text(r.cancelled_storage_key), cancelledPdfSha256: text(r.cancelled_pdf_sha256),
  };
}

/** The receipt number as printed: 7 digits with leading zeros (at most 8 digits, Decree 254/2026 Art. 23(2)(c)). */
export const receiptNumberText = (n: number): string => String(n).padStart(7, '0');

/** "AA-27E, số 0000001" */
export const receiptLabel = (r: Pick<FeeReceipt, 'receiptSymbol' | 'number'>): string => `${r.receiptSymbol}, số ${receiptNumberText(r.number)}`;
