/**
 * Paying a pending fee by bank transfer: the dynamic VietQR for the unit's fee account with the amount and the
 * ASCII note carrying the dossier code, and the same details as text (for people who type them in, and for screen
 * readers).
 */
import type { Database } from '../platform/db/index.js';
import { formatVnd } from '../catalog/index.js';
import { buildVietQr } from './vietqr.js';
import { transferNote } from './transfer-note.js';
import type { Payment } from './model.js';
import { acceptsTransfers, paymentSettingsOf, type PaymentSettings } from './settings.js';
import { paymentOf } from './operations.js';

export interface TransferDetails {
  /** The VietQR payload (dynamic: the banking app locks the amount). */
  payload: string;
  bankName: string;
  accountNumber: string;
  accountName: string;
  amount: number;
  note: string;
  /** The account is the demo's made-up one. */
  demo: boolean;
}

/** The transfer details of a pending payment, or null (paid, no fee account set, or a code that cannot be a note). */
export function transferDetails(settings: PaymentSettings, payment: Payment, dossierCode: string | null): TransferDetails | null {
  if (payment.status !== 'pending' || !acceptsTransfers(settings) || !dossierCode) return null;
  let note: string;
  try {
    note = transferNote(dossierCode);
  } catch {
    return null;
  }
  return {
    payload: buildVietQr({ bin: settings.bankBin, account: settings.accountNumber, amount: payment.amount, purpose: note }),
    bankName: settings.bankName || `Ngân hàng mã BIN ${settings.bankBin}`, accountNumber: settings.accountNumber, accountName: settings.accountName,
    amount: payment.amount, note, demo: settings.isDemo,
  };
}

/** The dossier's transfer details while its fee is pending. */
export async function pendingTransferFor(db: Database, d: { unitId: number; id: number; code: string | null }): Promise<TransferDetails | null> {
  const payment = await paymentOf(db, d.unitId, d.id);
  return payment ? transferDetails(await paymentSettingsOf(db, d.unitId), payment, d.code) : null;
}

/** The details as label/value lines, as every view prints them. */
export function transferLines(t: TransferDetails): Array<{ label: string; value: string }> {
  return [
    { label: 'Ngân hàng', value: t.bankName },
    { label: 'Số tài khoản', value: t.accountNumber },
    { label: 'Chủ tài khoản', value: t.accountName },
    { label: 'Số tiền', value: formatVnd(t.amount) },
    { label: 'Nội dung chuyển khoản', value: t.note },
  ];
}

/** What the demo's account says about itself. */
export const DEMO_ACCOUNT_WARNING = 'Tài khoản mẫu của bản trình diễn (DEMO): không chuyển tiền thật vào tài khoản này.';
