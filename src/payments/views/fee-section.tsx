/** The "Phí, lệ phí" section of a dossier page: amount and status, how to pay by transfer (VietQR), the counter's collect forms, the receipts. */
import { formatVnd } from '../../catalog/index.js';
import { CsrfField, Field, Notice, TextArea } from '../../web/components/form.js';
import { FactList } from '../../web/components/facts.js';
import { formatVnDate, formatVnDateTime } from '../../documents/text.js';
import { vietQrSvg } from '../vietqr-svg.js';
import { DUE_LABELS, methodPhrase, PAYMENT_STATUS_LABELS, receiptLabel, type FeeReceipt, type Payment } from '../model.js';
import { DEMO_ACCOUNT_WARNING, transferLines, type TransferDetails } from '../transfer.js';

/** The VietQR code with the account details as text beside it (printable; the text is what a screen reader reads). */
export function TransferBox({ t, heading }: { t: TransferDetails; heading: string }) {
  // vietQrSvg escapes its one text (the <title>) itself; the rest is numbers and fixed tokens
  const safeSvg = vietQrSvg(t.payload);
  return (
    <figure class="vietqr-box">
      <div class="vietqr-code">{safeSvg}</div>
      <figcaption>
        <p><strong safe>{heading}</strong></p>
        <FactList facts={transferLines(t).map((l) => [l.label, l.value] as const)} />
        <p class="meta">Quét mã bằng ứng dụng ngân hàng: số tiền và nội dung đã điền sẵn. Giữ nguyên nội dung chuyển khoản để Trung tâm đối chiếu.</p>
        {t.demo ? <p class="meta"><strong>{DEMO_ACCOUNT_WARNING}</strong></p> : ''}
      </figcaption>
    </figure>
  );
}

export interface FeeSectionProps {
  audience: 'staff' | 'applicant';
  payment: Payment;
  receipts: FeeReceipt[];
  transfer: TransferDetails | null;
  /** The collect form's target when this officer may collect now. */
  collectPath: string | null;
  csrfToken: string;
  /** When the payer opened the gateway's page, if that was lately and the fee is still pending (they may be paying now). */
  payingOnlineSince?: Date | null;
  /** Online payments taken after the fee had been paid another way: money owed back to the payer. */
  refundsDue?: Array<{ id: number; amount: number; gateway: string; transactionNo: string; at: Date; refundPath: string | null; error?: string | undefined }>;
  /** Duplicates already given back. */
  refunded?: Array<{ amount: number; gateway: string; at: Date; note: string }>;
  /** The applicant's "pay online" form, when a gateway is configured and the fee is pending. */
  onlinePay?: { path: string; label: string; demo: boolean } | null;
  receiptHref: (r: FeeReceipt) => string;
  /** A refused collection: its message and the field it concerns. */
  error?: { param: string; message: string } | undefined;
  reference?: string;
}

function ReceiptList({ receipts, href }: { receipts: FeeReceipt[]; href: (r: FeeReceipt) => string }) {
  if (!receipts.length) return '';
  return (
    <>
      <h3>Biên lai thu phí, lệ phí</h3>
      <ul>
        {receipts.map((r) => (
          <li>
            <a href={href(r)} safe>{`Biên lai ${receiptLabel(r)}`}</a>
            <span safe>{` – ${formatVnd(r.amount)}, ${methodPhrase(r.method)}, ngày ${formatVnDate(r.issuedAt)}`}</span>
            {r.status === 'cancelled' ? <strong class="tag late" safe>{` ĐÃ HỦY: ${r.cancelReason ?? ''}`}</strong> : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

function CollectForms({ p }: { p: FeeSectionProps }) {
  const err = (param: string) => (p.error?.param === param ? p.error.message : undefined);
  return (
    <>
      <form method="post" action={p.collectPath!} class="inline-form">
        <CsrfField token={p.csrfToken} />
        <input type="hidden" name="method" value="cash" />
        <button class="button" type="submit" safe>{`Thu tiền mặt ${formatVnd(p.payment.amount)} và lập biên lai`}</button>
      </form>
      {p.transfer ? (
        <details class="action" open={err('reference') ? true : undefined}>
          <summary>Xác nhận đã nhận chuyển khoản</summary>
          <form method="post" action={p.collectPath!}>
            <CsrfField token={p.csrfToken} />
            <input type="hidden" name="method" value="vietqr" />
            <Field id="reference" label="Mã giao dịch trên sao kê tài khoản" hint={`Chỉ xác nhận khi tài khoản đã nhận ${formatVnd(p.payment.amount)} với nội dung ${p.transfer.note}.`}
              value={p.reference ?? ''} error={err('reference')} />
            <button class="button" type="submit">Xác nhận và lập biên lai</button>
          </form>
        </details>
      ) : ''}
    </>
  );
}

function OnlinePayForm({ pay, amount, csrfToken }: { pay: NonNullable<FeeSectionProps['onlinePay']>; amount: number; csrfToken: string }) {
  return (
    <form method="post" action={pay.path} class="inline-form">
      <CsrfField token={csrfToken} />
      <button class="button" type="submit" safe>{`Thanh toán trực tuyến ${formatVnd(amount)} (thẻ, ví qua ${pay.label})`}</button>
      {pay.demo ? <p class="meta">Bản trình diễn: cổng thanh toán là cổng giả lập, không trừ tiền thật.</p> : ''}
    </form>
  );
}

export function FeeSection(p: FeeSectionProps) {
  const { payment } = p;
  const status = `${PAYMENT_STATUS_LABELS[payment.status]}${payment.status === 'paid' && payment.method ? `, ${methodPhrase(payment.method)}` : ''}`;
  return (
    <section aria-labelledby="fee-title" class="fee">
      <h2 id="fee-title">Phí, lệ phí</h2>
      {p.error && p.error.param === 'payment' ? <Notice kind="error"><p safe>{p.error.message}</p></Notice> : ''}
      <p safe>{`Số tiền: ${formatVnd(payment.amount)}. Trạng thái: ${status}.`}</p>
      {(p.refundsDue ?? []).map((r) => (
        <Notice kind="warning">
          <>
            <p safe>{p.audience === 'staff'
              ? `Thanh toán trực tuyến trùng: ${formatVnd(r.amount)} qua ${r.gateway} (mã giao dịch ${r.transactionNo}, ${formatVnDateTime(r.at)}) sau khi phí đã được nộp cách khác. Cần hoàn lại tiền cho người nộp.`
              : `Khoản thanh toán trực tuyến ${formatVnd(r.amount)} qua ${r.gateway} lúc ${formatVnDateTime(r.at)} trùng với phí, lệ phí đã nộp. Trung tâm sẽ hoàn lại tiền cho Ông/Bà.`}</p>
            {r.refundPath ? (
              <details class="action" open={r.error ? true : undefined}>
                <summary>Ghi nhận đã hoàn tiền</summary>
                <form method="post" action={r.refundPath}>
                  <CsrfField token={p.csrfToken} />
                  <TextArea id={`ghi-chu-hoan-tien-${r.id}`} name="ghi-chu" label="Cách đã hoàn tiền" rows={2}
                    hint="Ví dụ: chuyển khoản lại ngày …, số giao dịch …; hoặc trả tiền mặt, số phiếu chi …" value="" error={r.error} />
                  <button class="button" type="submit">Đã hoàn tiền</button>
                </form>
              </details>
            ) : ''}
          </>
        </Notice>
      ))}
      {(p.refunded ?? []).map((r) => (
        <p class="meta" safe>{p.audience === 'staff'
          ? `Đã hoàn lại khoản thanh toán trực tuyến trùng ${formatVnd(r.amount)} qua ${r.gateway} lúc ${formatVnDateTime(r.at)}: ${r.note}`
          : `Trung tâm đã hoàn lại khoản thanh toán trực tuyến trùng ${formatVnd(r.amount)} lúc ${formatVnDateTime(r.at)}.`}</p>
      ))}
      {p.payingOnlineSince && p.audience === 'staff' ? (
        <Notice kind="info">
          <p safe>{`Người nộp đã mở trang thanh toán trực tuyến lúc ${formatVnDateTime(p.payingOnlineSince)} và có thể đang thanh toán. Hỏi người nộp trước khi thu tiền mặt để không thu hai lần.`}</p>
        </Notice>
      ) : ''}
      {payment.status === 'pending' ? (
        <>
          <p safe>{`${DUE_LABELS[payment.due]}.${payment.due === 'beforeResult' ? ' Kết quả chỉ được trả khi phí, lệ phí đã nộp.' : ''}`}</p>
          {p.onlinePay ? <OnlinePayForm pay={p.onlinePay} amount={payment.amount} csrfToken={p.csrfToken} /> : ''}
          {p.transfer ? <TransferBox t={p.transfer} heading={p.audience === 'applicant' ? 'Nộp phí bằng chuyển khoản' : 'Người nộp có thể chuyển khoản'} /> : ''}
          {p.audience === 'applicant' ? <p>Hoặc nộp tiền mặt tại Trung tâm Phục vụ hành chính công. Biên lai điện tử có chữ ký số hiện ở trang này khi Trung tâm đã nhận tiền.</p> : ''}
          {p.collectPath ? <CollectForms p={p} /> : ''}
        </>
      ) : ''}
      <ReceiptList receipts={p.receipts} href={p.receiptHref} />
    </section>
  );
}
