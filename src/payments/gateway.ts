/**
 * Online payment gateways: the interface an adapter implements (VNPay 2.1.0 in vnpay/; the national payment platform
 * of the DVCQG and other gateways fit the same shape). A gateway payment uses the same `payments` row as cash and
 * VietQR: each attempt is a `payment_attempts` row with our reference; a verified server-to-server notification of
 * success records the payment with method 'gateway' and reference "<gateway>:<its transaction number>" and issues the
 * receipt in the same transaction (online.ts). The payer's return to our site is never authoritative.
 */
import type { Payment } from './model.js';

export interface GatewayStart {
  payment: Payment;
  dossierCode: string;
  /** Our reference of this attempt (vnp_TxnRef): unique per attempt. */
  attemptRef: string;
  /** Where the payer's browser comes back. */
  returnUrl: string;
  clientIp: string;
  now: Date;
}

/** What a signed notification (or a signed return) reports. */
export type GatewayNotification =
  | { kind: 'paid' | 'failed'; attemptRef: string; amount: number; transactionNo: string; responseCode: string; message: string }
  | { kind: 'invalid'; reason: string };

/** How a notification was taken; the gateway says how to answer each. */
export type NotificationOutcome = 'confirmed' | 'notFound' | 'alreadyConfirmed' | 'invalidAmount' | 'invalidSignature' | 'error';

export interface PaymentGateway {
  /** Short name stored in references and attempts ("vnpay"). */
  readonly name: string;
  /** What the payer is shown ("VNPay", or the demo's "VNPay (giả lập)"). */
  readonly label: string;
  /** The demo's fake gateway: no money moves. */
  readonly demo: boolean;
  /** The address to send the payer to. */
  startPayment(input: GatewayStart): { redirectUrl: string };
  /** Checks the signature of a notification's or a return's parameters and says what they report. */
  verify(params: Record<string, string>): GatewayNotification;
  /** The HTTP answer the gateway expects for a notification's outcome. */
  answer(outcome: NotificationOutcome): { status: number; body: unknown };
}
