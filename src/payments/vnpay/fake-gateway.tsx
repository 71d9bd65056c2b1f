/**
 * A fake VNPay 2.1.0 payment page, written from the published protocol (shared/research/domain-vn.md §8.4), for the
 * demo and the tests: no money moves. It checks a payment request as VNPay does (version, command, merchant code,
 * signature, amount, expiry), shows the order, and on "Thanh toán" or "Hủy giao dịch" does what VNPay does: sends the
 * signed IPN to the merchant's notification address (server to server, retried until answered 00 or 02), then sends
 * the payer's browser to vnp_ReturnUrl with the same signed parameters.
 */
import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendHtml } from '../../platform/http/index.js';
import { formatVnd } from '../../catalog/index.js';
import { ASSETS } from '../../web/assets.js';
import { CsrfField } from '../../web/components/form.js';
import { attributeText } from '../../web/components/attribute.js';
import { hasValidHash, parseVnpayDate, signedQuery, VNPAY_VERSION, vnpayDate } from './protocol.js';

export const FAKE_VNPAY_PATH = '/gia-lap/vnpay/vpcpay.html';
const FAKE_PAY_PATH = '/gia-lap/vnpay/thanh-toan';

export interface FakeVnpayOptions {
  tmnCode: string;
  hashSecret: string;
  /** The merchant's IPN address (configured at VNPay per merchant, not sent in the request). */
  ipnUrl: () => string;
  /** Attempts to deliver an IPN before giving up (VNPay retries over hours; the fake at once). */
  ipnAttempts?: number;
  now?: () => Date;
}

/** An IPN the fake sent and what the merchant answered (kept for the tests and the demo's log). */
export interface SentIpn {
  txnRef: string;
  responseCode: string;
  reply: unknown;
}

function FakePage({ title, children }: { title: string; children: JSX.Element }) {
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title safe>{`${title} – Cổng thanh toán giả lập`}</title>
        <link rel="stylesheet" href={ASSETS.css.url} />
      </head>
      <body>
        <main id="main" class="container">
          <p class="meta">Cổng thanh toán VNPay giả lập của bản trình diễn và kiểm thử — không trừ tiền thật.</p>
          <h1 safe>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

/** Why VNPay would refuse the request, or null. */
function requestProblem(q: Record<string, string>, o: FakeVnpayOptions, now: Date): string | null {
  if (!hasValidHash(q, o.hashSecret)) return 'Sai chữ ký (mã lỗi 70).';
  if (q.vnp_Version !== VNPAY_VERSION || q.vnp_Command !== 'pay') return 'Phiên bản hoặc lệnh không được hỗ trợ (mã lỗi 03).';
  if (q.vnp_TmnCode !== o.tmnCode) return 'Website chưa được phê duyệt (mã lỗi 02).';
  if (!/^\d{1,17}$/.test(q.vnp_Amount ?? '') || Number(q.vnp_Amount) % 100 !== 0 || Number(q.vnp_Amount) <= 0) return 'Số tiền không hợp lệ (mã lỗi 03).';
  if (!/^[A-Za-z0-9]{1,100}$/.test(q.vnp_TxnRef ?? '') || q.vnp_CurrCode !== 'VND') return 'Dữ liệu gửi sang không đúng định dạng (mã lỗi 03).';
  if (!/^https?:\/\//.test(q.vnp_ReturnUrl ?? '')) return 'Thiếu địa chỉ trả về (mã lỗi 03).';
  const expires = parseVnpayDate(q.vnp_ExpireDate ?? '');
  if (!expires || !parseVnpayDate(q.vnp_CreateDate ?? '')) return 'Ngày giờ không đúng định dạng (mã lỗi 03).';
  if (expires.getTime() < now.getTime()) return 'Giao dịch đã quá thời gian chờ thanh toán (mã lỗi 11).';
  return null;
}

const queryOf = (raw: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((raw ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));

export function registerFakeVnpay(app: FastifyInstance, o: FakeVnpayOptions): { sent: SentIpn[] } {
  const now = o.now ?? (() => new Date());
  const finished = new Set<string>();
  const sent: SentIpn[] = [];

  const refuse = (reply: FastifyReply, message: string) =>
    sendHtml(reply, <FakePage title="Giao dịch không thực hiện được"><p role="alert" safe>{message}</p></FakePage>, 400);

  app.get(FAKE_VNPAY_PATH, { config: { access: 'public' } }, async (request, reply) => {
    const q = queryOf(request.query);
    const problem = requestProblem(q, o, now());
    if (problem) return refuse(reply, problem);
    if (finished.has(q.vnp_TxnRef!)) return refuse(reply, 'Giao dịch này đã được xử lý (mã lỗi 02).');
    const raw = request.url.slice(request.url.indexOf('?') + 1);
    return sendHtml(reply, (
      <FakePage title="Thanh toán">
        <>
          <dl class="facts">
            <dt>Nhà cung cấp</dt><dd safe>{q.vnp_TmnCode}</dd>
            <dt>Số tiền</dt><dd safe>{formatVnd(Number(q.vnp_Amount) / 100)}</dd>
            <dt>Nội dung</dt><dd safe>{q.vnp_OrderInfo ?? ''}</dd>
            <dt>Mã giao dịch</dt><dd safe>{q.vnp_TxnRef}</dd>
          </dl>
          <form method="post" action={FAKE_PAY_PATH}>
            <CsrfField token={request.csrfToken} />
            <input type="hidden" name="q" value={attributeText(raw)} />
            <button class="button" type="submit" name="ket-qua" value="thanh-cong">Thanh toán</button>
            <button class="button secondary" type="submit" name="ket-qua" value="huy">Hủy giao dịch</button>
          </form>
        </>
      </FakePage>
    ));
  });

  app.post(FAKE_PAY_PATH, { config: { access: 'public' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const q = queryOf(Object.fromEntries(new URLSearchParams(typeof body.q === 'string' ? body.q.slice(0, 8000) : '')));
    const problem = requestProblem(q, o, now());
    if (problem) return refuse(reply, problem);
    if (finished.has(q.vnp_TxnRef!)) return refuse(reply, 'Giao dịch này đã được xử lý (mã lỗi 02).');
    finished.add(q.vnp_TxnRef!);
    const ok = body['ket-qua'] === 'thanh-cong';
    const result: Record<string, string> = {
      vnp_Amount: q.vnp_Amount!, vnp_BankCode: 'NCB', vnp_BankTranNo: ok ? `VNP${randomInt(10_000_000, 99_999_999)}` : '', vnp_CardType: 'ATM',
      vnp_OrderInfo: q.vnp_OrderInfo ?? '', vnp_PayDate: vnpayDate(now()), vnp_ResponseCode: ok ? '00' : '24', vnp_TmnCode: q.vnp_TmnCode!,
      vnp_TransactionNo: ok ? String(randomInt(10_000_000, 99_999_999)) : '0', vnp_TransactionStatus: ok ? '00' : '02', vnp_TxnRef: q.vnp_TxnRef!,
    };
    const query = signedQuery(result, o.hashSecret);
    let answer: unknown = null;
    for (let i = 0; i < (o.ipnAttempts ?? 3); i++) {
      try {
        const res = await fetch(`${o.ipnUrl()}?${query}`, { signal: AbortSignal.timeout(10_000) });
        answer = await res.json();
        const code = (answer as { RspCode?: unknown }).RspCode;
        if (code === '00' || code === '02') break;
      } catch (err) {
        answer = { error: String(err) };
      }
    }
    sent.push({ txnRef: q.vnp_TxnRef!, responseCode: result.vnp_ResponseCode!, reply: answer });
    request.log.info({ txnRef: q.vnp_TxnRef, reply: answer }, 'fake gateway: IPN sent');
    return reply.redirect(`${q.vnp_ReturnUrl}?${query}`, 303);
  });

  return { sent };
}
