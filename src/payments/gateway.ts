/**
 * Online payment gateways (VNPay, the national payment platform of the DVCQG): the interface an adapter implements.
 * None is built yet. A gateway payment uses the same `payments` row as cash and VietQR: `method` 'gateway', and on a
 * confirmed callback `recordPayment` with `reference` = "<gateway>:<its transaction number>" (unique per unit and
 * method, so a retried callback cannot pay twice), which issues the receipt in the same transaction.
 */
import type { Payment } from './model.js';

export interface GatewayStart {
  payment: Payment;
  dossierCode: string;
  /** Our reference of this attempt (vnp_TxnRef): unique per attempt, carrying the payment id. */
  attemptRef: string;
  /** Where the payer's browser comes back (never authoritative: only the server-to-server callback is). */
  returnUrl: string;
  clientIp: string;
  now: Date;
}

/** A verified server-to-server notification (VNPay IPN). */
export type GatewayNotification =
  | { kind: 'paid'; attemptRef: string; amount: number; transactionNo: string; paidAt: Date }
  | { kind: 'failed'; attemptRef: string; reason: string }
  | { kind: 'invalid'; reason: string };

export interface PaymentGateway {
  /** Short name stored in the reference ("vnpay"). */
  readonly name: string;
  /** The address to send the payer to. */
  startPayment(input: GatewayStart): Promise<{ redirectUrl: string }>;
  /** Checks the signature of a notification and says what it reports; the caller records it and answers the gateway. */
  verifyNotification(params: Record<string, string>): GatewayNotification;
}
