/** The VNPay 2.1.0 adapter: the signed redirect to the payment page, and verification of IPNs and returns. */
import { bankAscii } from '../transfer-note.js';
import type { GatewayNotification, GatewayStart, NotificationOutcome, PaymentGateway } from '../gateway.js';
import { hasValidHash, IPN_REPLIES, responseMessage, signedQuery, VNPAY_VERSION, vnpayDate } from './protocol.js';

export interface VnpayConfig {
  /** The merchant's terminal code (vnp_TmnCode). */
  tmnCode: string;
  /** The merchant's hash secret (vnp_HashSecret); never logged. */
  hashSecret: string;
  /** The payment page (sandbox, production, or the fake gateway). */
  payUrl: string;
  /** Minutes before an unpaid attempt expires (vnp_ExpireDate). */
  expireMinutes?: number;
  label?: string;
  demo?: boolean;
}

/** What the payer sees as the order: ASCII without special characters, as VNPay asks. */
export const orderInfo = (dossierCode: string): string => bankAscii(`Nop phi le phi ho so ${dossierCode}`).slice(0, 255);

export function createVnpayGateway(config: VnpayConfig): PaymentGateway {
  const expireMs = (config.expireMinutes ?? 15) * 60_000;
  return {
    name: 'vnpay',
    label: config.label ?? 'VNPay',
    demo: config.demo ?? false,
    startPayment(input: GatewayStart) {
      const params: Record<string, string> = {
        vnp_Version: VNPAY_VERSION,
        vnp_Command: 'pay',
        vnp_TmnCode: config.tmnCode,
        vnp_Amount: String(input.payment.amount * 100),
        vnp_CurrCode: 'VND',
        vnp_TxnRef: input.attemptRef,
        vnp_OrderInfo: orderInfo(input.dossierCode),
        vnp_OrderType: 'other',
        vnp_Locale: 'vn',
        vnp_ReturnUrl: input.returnUrl,
        vnp_IpAddr: input.clientIp,
        vnp_CreateDate: vnpayDate(input.now),
        vnp_ExpireDate: vnpayDate(new Date(input.now.getTime() + expireMs)),
      };
      return { redirectUrl: `${config.payUrl}?${signedQuery(params, config.hashSecret)}` };
    },
    verify(params: Record<string, string>): GatewayNotification {
      if (!hasValidHash(params, config.hashSecret)) return { kind: 'invalid', reason: 'chữ ký không đúng' };
      if (params.vnp_TmnCode !== config.tmnCode) return { kind: 'invalid', reason: 'mã website không phải của đơn vị' };
      const attemptRef = params.vnp_TxnRef ?? '';
      const amountText = params.vnp_Amount ?? '';
      if (!/^\d{1,17}$/.test(amountText) || !attemptRef) return { kind: 'invalid', reason: 'thiếu mã giao dịch hoặc số tiền' };
      const responseCode = params.vnp_ResponseCode ?? '';
      const paid = responseCode === '00' && params.vnp_TransactionStatus === '00';
      return {
        kind: paid ? 'paid' : 'failed', attemptRef, amount: Number(amountText) / 100,
        transactionNo: params.vnp_TransactionNo ?? '', responseCode, message: responseMessage(responseCode),
      };
    },
    answer(outcome: NotificationOutcome) {
      return { status: 200, body: IPN_REPLIES[outcome] };
    },
  };
}
