/** /quan-tri/thu-phi — a unit administrator's fee settings: fee account for VietQR, collector, receipt symbols. */
import type { FieldError } from '../../platform/http/index.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { CsrfField, ErrorSummary, Field, Notice } from '../../web/components/form.js';

export interface SettingsPageProps {
  ctx: PageContext;
  unitName: string;
  values: Record<string, string>;
  errors: FieldError[];
  isDemo: boolean;
  notice?: string | undefined;
}

export function PaymentSettingsPage(p: SettingsPageProps) {
  const err = (k: string) => p.errors.find((e) => e.param === k)?.message;
  const field = (id: string, label: string, hint?: string) => <Field id={id} label={label} value={p.values[id] ?? ''} error={err(id)} {...(hint ? { hint } : {})} />;
  return (
    <Layout ctx={p.ctx} title="Cấu hình thu phí, lệ phí">
      <>
        {p.notice ? <Notice kind="success"><p safe>{p.notice}</p></Notice> : ''}
        <h1 safe>{`Cấu hình thu phí, lệ phí – ${p.unitName}`}</h1>
        {p.isDemo ? <Notice kind="warning"><p>Đang dùng số liệu mẫu của bản trình diễn (DEMO): tài khoản và mã số thuế không có thật. Hãy nhập số liệu thật của đơn vị rồi lưu.</p></Notice> : ''}
        <ErrorSummary errors={p.errors} />
        <form method="post" action="/quan-tri/thu-phi" novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          <h2>Đơn vị thu phí, lệ phí (in trên biên lai)</h2>
          {field('collectorName', 'Tên đơn vị thu phí, lệ phí', 'Ví dụ: Ủy ban nhân dân xã Tứ Mỹ')}
          {field('collectorTaxCode', 'Mã số thuế của đơn vị thu', '10 chữ số')}
          {field('templateSymbol', 'Ký hiệu mẫu biên lai', 'Theo đăng ký sử dụng biên lai điện tử với cơ quan thuế, ví dụ 01BLP0-001')}
          {field('receiptSymbol', 'Ký hiệu biên lai', '{yy} là hai số cuối của năm lập biên lai: AA-{yy}E thành AA-27E năm 2027')}
          <h2>Tài khoản nhận chuyển khoản (VietQR)</h2>
          <p>Để trống mã BIN và số tài khoản nếu đơn vị không nhận chuyển khoản: trang hồ sơ không hiện mã VietQR.</p>
          {field('bankBin', 'Mã BIN ngân hàng', '6 chữ số theo NAPAS, ví dụ 970405 (Agribank), 970415 (VietinBank), 970418 (BIDV)')}
          {field('bankName', 'Tên ngân hàng', 'Hiện cho người nộp, ví dụ Agribank chi nhánh Hà Tĩnh')}
          {field('accountNumber', 'Số tài khoản')}
          {field('accountName', 'Tên chủ tài khoản', 'Viết không dấu như ngân hàng in, ví dụ UBND XA TU MY')}
          <div class="actions">
            <button class="button" type="submit">Lưu cấu hình</button>
          </div>
        </form>
      </>
    </Layout>
  );
}
