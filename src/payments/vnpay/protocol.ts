/**
 * The VNPay 2.1.0 payment URL protocol (shared/research/domain-vn.md §8.4), used by the adapter and by the fake gateway
 * the tests and the demo talk to: the signed query string, the date format, and the meaning of the response codes.
 *
 * Signing, as VNPay's published integration samples do it: every `vnp_*` parameter except vnp_SecureHash and
 * vnp_SecureHashType, keys sorted ascending, each value URL-encoded (encodeURIComponent, with %20 written "+"), joined
 * as `key=value&…`; the HMAC-SHA512 of that text with the merchant's hash secret, in hex, is vnp_SecureHash. The
 * redirect's query string is the same text plus vnp_SecureHash.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const VNPAY_VERSION = '2.1.0';
export const VNPAY_SANDBOX_URL = 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html';

const encode = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');

/** The text that is signed: the vnp_* parameters but the hash, sorted, encoded. */
export function signedText(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && k !== 'vnp_SecureHash' && k !== 'vnp_SecureHashType')
    .sort()
    .map((k) => `${encode(k)}=${encode(params[k]!)}`)
    .join('&');
}

export function secureHash(params: Record<string, string>, hashSecret: string): string {
  return createHmac('sha512', hashSecret).update(signedText(params), 'utf8').digest('hex');
}

/** The query string of a signed request or response (parameters, then vnp_SecureHash). */
export function signedQuery(params: Record<string, string>, hashSecret: string): string {
  return `${signedText(params)}&vnp_SecureHash=${secureHash(params, hashSecret)}`;
}

/** Is vnp_SecureHash the merchant's signature of the other parameters (constant-time comparison)? */
export function hasValidHash(params: Record<string, string>, hashSecret: string): boolean {
  const given = params.vnp_SecureHash ?? '';
  if (!/^[0-9a-fA-F]{128}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given.toLowerCase(), 'hex'), Buffer.from(secureHash(params, hashSecret), 'hex'));
}

/** yyyyMMddHHmmss in Vietnam time (GMT+7), as vnp_CreateDate, vnp_ExpireDate and vnp_PayDate are written. */
export function vnpayDate(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3_600_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(t.getUTCFullYear(), 4)}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}`;
}

/** The instant a vnpayDate names, or null when the text is not one. */
export function parseVnpayDate(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h - 7, mi, s);
  const back = new Date(t);
  return vnpayDate(back) === text ? back : null;
}

/** What the payer is told for a vnp_ResponseCode (VNPay's published table; anything else is "other error"). */
export const RESPONSE_MESSAGES: Record<string, string> = {
  '00': 'Giao dịch thành công.',
  '07': 'Giao dịch bị nghi ngờ gian lận; ngân hàng đã trừ tiền và đang kiểm tra.',
  '09': 'Thẻ hoặc tài khoản chưa đăng ký dịch vụ ngân hàng trực tuyến.',
  '10': 'Xác thực thông tin thẻ hoặc tài khoản sai quá 3 lần.',
  '11': 'Đã hết thời gian chờ thanh toán. Hãy thực hiện lại.',
  '12': 'Thẻ hoặc tài khoản đang bị khóa.',
  '13': 'Nhập sai mật khẩu xác thực giao dịch (OTP). Hãy thực hiện lại.',
  '24': 'Bạn đã hủy giao dịch.',
  '51': 'Tài khoản không đủ số dư.',
  '65': 'Tài khoản đã vượt quá hạn mức giao dịch trong ngày.',
  '75': 'Ngân hàng thanh toán đang bảo trì.',
  '79': 'Nhập sai mật khẩu thanh toán quá số lần quy định.',
  '99': 'Lỗi khác của cổng thanh toán.',
};

export const responseMessage = (code: string): string => RESPONSE_MESSAGES[code] ?? RESPONSE_MESSAGES['99']!;

/** The IPN replies VNPay expects (JSON {RspCode, Message}). */
export const IPN_REPLIES = {
  confirmed: { RspCode: '00', Message: 'Confirm Success' },
  notFound: { RspCode: '01', Message: 'Order not found' },
  alreadyConfirmed: { RspCode: '02', Message: 'Order already confirmed' },
  invalidAmount: { RspCode: '04', Message: 'Invalid amount' },
  invalidSignature: { RspCode: '97', Message: 'Invalid signature' },
  error: { RspCode: '99', Message: 'Unknown error' },
} as const;
