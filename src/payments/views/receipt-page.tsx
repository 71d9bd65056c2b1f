/** /can-bo/bien-lai/:id — one fee receipt for staff: what it says, its signature, the PDF, and cancelling it. */
import { formatVnd } from '../../catalog/index.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { TableHead } from '../../web/components/table.js';
import { FactList } from '../../web/components/facts.js';
import { CsrfField, ErrorSummary, Notice, TextArea } from '../../web/components/form.js';
import { formatVnDateTime } from '../../documents/text.js';
import { METHOD_LABELS, receiptLabel, receiptNumberText, type FeeReceipt } from '../model.js';

export interface ReceiptPageProps {
  ctx: PageContext;
  receipt: FeeReceipt;
  cancelledByName: string | null;
  /** Where the cancel form posts, when this person may cancel it. */
  cancelPath: string | null;
  cancelError?: string | undefined;
  reason?: string;
  notice?: string | undefined;
}

export function ReceiptPage(p: ReceiptPageProps) {
  const r = p.receipt;
  const title = `Biên lai ${receiptLabel(r)}`;
  const facts: Array<[string, string]> = [
    ['Đơn vị thu phí, lệ phí', r.collectorName], ['Mã số thuế', r.collectorTaxCode], ['Mẫu số', r.templateSymbol], ['Ký hiệu', r.receiptSymbol],
    ['Số', receiptNumberText(r.number)], ['Lập lúc', formatVnDateTime(r.issuedAt)], ['Người nộp', r.payerName], ['Địa chỉ', r.payerAddress || '—'],
    ['Mã hồ sơ', r.dossierCode], ['Hình thức thanh toán', METHOD_LABELS[r.method]], ['Số tiền', formatVnd(r.amount)], ['Bằng chữ', r.amountInWords],
    ['Người thu tiền', r.collectorUserName],
    ['Chữ ký số', r.signedAt ? `Đã ký số lúc ${formatVnDateTime(r.signedAt)}` : `Chưa ký số${r.signError ? `: ${r.signError}` : ''}`],
  ];
  return (
    <Layout ctx={p.ctx} title={title}>
      <>
        {p.notice ? <Notice kind="success"><p safe>{p.notice}</p></Notice> : ''}
        <h1 safe>{title}</h1>
        {r.status === 'cancelled' ? (
          <Notice kind="warning">
            <p safe>{`ĐÃ HỦY lúc ${formatVnDateTime(r.cancelledAt!)}${p.cancelledByName ? ` bởi ${p.cancelledByName}` : ''}. Lý do: ${r.cancelReason ?? ''}`}</p>
          </Notice>
        ) : ''}
        <FactList facts={facts} />
        <table class="stack">
          <caption>Các khoản phí, lệ phí</caption>
          <TableHead columns={['Tên loại phí, lệ phí', { label: 'Số lượng', num: true }, { label: 'Số tiền', num: true }]} />
          <tbody>
            {r.feeLines.map((l) => (
              <tr>
                <td data-label="Tên loại phí, lệ phí" safe>{l.name}</td>
                <td class="num" data-label="Số lượng" safe>{String(l.quantity)}</td>
                <td class="num" data-label="Số tiền" safe>{formatVnd(l.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div class="actions">
          <a class="button" href={`/can-bo/bien-lai/${r.id}.pdf`}>{r.status === 'cancelled' ? 'Tải biên lai (bản đã hủy, PDF có chữ ký số)' : 'Tải biên lai (PDF có chữ ký số)'}</a>
          <a class="button secondary" href={`/can-bo/ho-so/${encodeURIComponent(r.dossierCode)}`}>Về hồ sơ</a>
          <a class="button secondary" href="/kiem-tra-chu-ky">Kiểm tra chữ ký số</a>
        </div>
        {p.cancelPath && r.status === 'issued' ? (
          <section aria-labelledby="cancel-title">
            <h2 id="cancel-title">Hủy biên lai</h2>
            <p>Biên lai bị hủy vẫn giữ số trong dãy số, được đánh dấu ĐÃ HỦY kèm lý do. Khoản phí trở lại trạng thái chưa nộp để lập biên lai mới (số tiếp theo).</p>
            <ErrorSummary errors={p.cancelError ? [{ param: 'reason', message: p.cancelError }] : []} />
            <form method="post" action={p.cancelPath}>
              <CsrfField token={p.ctx.csrfToken} />
              <TextArea id="reason" label="Lý do hủy" hint="Ví dụ: ghi sai số tiền; thu nhầm hồ sơ. Từ 5 đến 500 ký tự." value={p.reason ?? ''} error={p.cancelError} rows={3} />
              <button class="button danger" type="submit">Hủy biên lai</button>
            </form>
          </section>
        ) : ''}
      </>
    </Layout>
  );
}
