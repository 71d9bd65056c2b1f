import type { FieldError } from '../platform/http/index.js';
import type { PageContext } from '../web/context.js';
import { Layout } from '../web/layout.js';
import { CsrfField, ErrorSummary, Field, Notice, Select, TextArea } from '../web/components/form.js';
import { COLUMNS, ONLINE_LABELS, PAYMENT_DUE_LABELS, UNIT_LABELS, WORKFLOW_LABELS, type ColumnKey, type FlatProcedure } from './flat.js';
import type { ProcedureVersion } from './model.js';
import { describeTimeLimitShort } from './describe.js';

const header = (k: ColumnKey) => COLUMNS.find((c) => c.key === k)!.header;
const optionsOf = (labels: Record<string, string>) => Object.values(labels).map((l) => ({ value: l, label: l }));

function CatalogTextArea(p: { id: ColumnKey; hint: string; value: string; error?: string | undefined; rows?: number }) {
  return <TextArea id={p.id} label={header(p.id)} hint={p.hint} value={p.value} error={p.error} rows={p.rows ?? 5} />;
}

export function VersionFormPage({ ctx, flat, errors, isNew }: { ctx: PageContext; flat: FlatProcedure; errors: FieldError[]; isNew: boolean }) {
  const err = (k: ColumnKey) => errors.find((e) => e.param === k)?.message;
  const text = (k: ColumnKey, hint?: string, type: 'text' | 'number' = 'text') => (
    <Field id={k} label={header(k)} value={flat[k]} error={err(k)} type={type} {...(hint ? { hint } : {})} />
  );
  return (
    <Layout ctx={ctx} title={isNew ? 'Thêm thủ tục' : 'Tạo phiên bản mới của thủ tục'}>
      <>
        <h1 safe>{isNew ? 'Thêm thủ tục' : `Tạo phiên bản mới: ${flat.name}`}</h1>
        <p>
          Mỗi lần lưu tạo một phiên bản mới có ngày hiệu lực riêng. Phiên bản cũ được giữ nguyên; hồ sơ đã tiếp nhận vẫn áp
          dụng phiên bản tại thời điểm tiếp nhận.
        </p>
        <ErrorSummary errors={errors} />
        <form method="post" action="/quan-tri/thu-tuc" novalidate>
          <CsrfField token={ctx.csrfToken} />
          {text('code', 'Mã thủ tục trên Cơ sở dữ liệu quốc gia, ví dụ 1.001193')}
          {text('name')}
          {text('sector', 'Ví dụ: Hộ tịch, Chứng thực')}
          {text('sectorCode', 'Không bắt buộc')}
          {text('competentBody', 'Ví dụ: Ủy ban nhân dân cấp xã')}
          {text('timeLimitValue', 'Số nguyên; 0 nghĩa là giải quyết ngay trong ngày', 'number')}
          <Select id="timeLimitUnit" label={header('timeLimitUnit')} options={optionsOf(UNIT_LABELS)} value={flat.timeLimitUnit} />
          {text('timeLimitNote', 'Không bắt buộc, ví dụ trường hợp cần xác minh')}
          <Select id="workflow" label={header('workflow')} options={optionsOf(WORKFLOW_LABELS)} value={flat.workflow} />
          <Select id="onlineLevel" label={header('onlineLevel')} options={optionsOf(ONLINE_LABELS)} value={flat.onlineLevel} />
          {text('resultType', 'Ví dụ: Giấy khai sinh')}
          <CatalogTextArea id="requiredDocuments" value={flat.requiredDocuments} error={err('requiredDocuments')} rows={8}
            hint="Mỗi dòng một giấy tờ: Tên | bản chính / bản sao / bản sao chứng thực / xuất trình | số lượng | ghi chú" />
          <CatalogTextArea id="fees" value={flat.fees} error={err('fees')}
            hint="Mỗi dòng một khoản: cố định | Tên | số tiền — theo bản | Tên | số tiền — theo trang | Tên | 1:2000, 3:1000 | tối đa 200000 — HĐND tỉnh | Tên | ghi chú | số tiền. Để trống nếu không thu phí." />
          <CatalogTextArea id="exemptions" value={flat.exemptions} error={err('exemptions')} rows={3} hint="Mỗi dòng một đối tượng được miễn, giảm" />
          <CatalogTextArea id="feeNote" value={flat.feeNote} error={err('feeNote')} rows={2} hint="Không bắt buộc" />
          <Select id="paymentDue" label={header('paymentDue')} hint="Trước khi trả kết quả: Trung tâm chỉ trả kết quả khi phí đã nộp." error={err('paymentDue')}
            options={[{ value: '', label: `${PAYMENT_DUE_LABELS.atReceipt} (mặc định)` }, { value: PAYMENT_DUE_LABELS.beforeResult, label: PAYMENT_DUE_LABELS.beforeResult }]} value={flat.paymentDue} />
          <CatalogTextArea id="legalBasis" value={flat.legalBasis} error={err('legalBasis')} rows={4} hint="Mỗi dòng một văn bản" />
          {text('effectiveFrom', 'Ngày bắt đầu áp dụng, dạng ngày/tháng/năm, ví dụ 01/01/2027')}
          <div class="actions">
            <button class="button" type="submit">Lưu phiên bản</button>
            <a href="/quan-tri/thu-tuc">Hủy</a>
          </div>
        </form>
      </>
    </Layout>
  );
}

export interface ImportReport {
  created: Array<{ code: string; version: number }>;
  unchanged: string[];
  errors: Array<{ row: number; code: string; messages: string[] }>;
}

export function CatalogAdminPage({ ctx, items, canEdit, report, alert }: { ctx: PageContext; items: ProcedureVersion[]; canEdit: boolean; report?: ImportReport; alert?: string }) {
  return (
    <Layout ctx={ctx} title="Quản trị thủ tục">
      <>
        <h1>Quản trị danh mục thủ tục</h1>
        {alert ? <Notice kind="error"><p safe>{alert}</p></Notice> : ''}
        {report ? <ImportSummary report={report} /> : ''}
        <div class="actions">
          {canEdit ? <a class="button" href="/quan-tri/thu-tuc/moi">Thêm thủ tục</a> : ''}
          <a class="button secondary" href="/quan-tri/thu-tuc/xuat.xlsx">Xuất Excel (.xlsx)</a>
          <a class="button secondary" href="/quan-tri/thu-tuc/xuat.csv">Xuất CSV</a>
        </div>
        {canEdit ? (
          <form method="post" action="/quan-tri/thu-tuc/nhap" enctype="multipart/form-data" class="inline-form">
            <CsrfField token={ctx.csrfToken} />
            <div class="field">
              <label for="file">Nhập từ tệp Excel (.xlsx) hoặc CSV</label>
              <span class="hint" id="file-hint">Dùng tệp xuất ở trên làm mẫu. Dòng nào khác phiên bản hiện hành sẽ tạo phiên bản mới; nếu có dòng lỗi thì không dòng nào được nhập.</span>
              <input id="file" name="file" type="file" accept=".xlsx,.csv" aria-describedby="file-hint" />
            </div>
            <button class="button secondary" type="submit">Nhập tệp</button>
          </form>
        ) : (
          ''
        )}
        <table class="stack">
          <caption safe>{`${items.length} thủ tục đang áp dụng`}</caption>
          <thead>
            <tr>
              <th scope="col">Mã</th>
              <th scope="col">Tên thủ tục</th>
              <th scope="col">Lĩnh vực</th>
              <th scope="col">Thời hạn</th>
              <th scope="col">Hiệu lực từ</th>
            </tr>
          </thead>
          <tbody>
            {items.map((v) => (
              <tr>
                <td data-label="Mã" safe>{v.code}</td>
                <td data-label="Tên thủ tục">
                  <a href={`/thu-tuc/${v.code}`} safe>{v.name}</a>
                </td>
                <td data-label="Lĩnh vực" safe>{v.sector}</td>
                <td data-label="Thời hạn" safe>{describeTimeLimitShort(v)}</td>
                <td data-label="Hiệu lực từ" safe>{v.effectiveFrom.split('-').reverse().join('/')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    </Layout>
  );
}

function ImportSummary({ report }: { report: ImportReport }) {
  if (report.errors.length) {
    return (
      <div class="error-summary" role="alert">
        <h2>Tệp có lỗi, chưa nhập dòng nào</h2>
        <ul>
          {report.errors.map((e) => (
            <li safe>{`Dòng ${e.row}${e.code ? ` (mã ${e.code})` : ''}: ${e.messages.join(' ')}`}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <Notice kind="success">
      <p safe>{`Đã nhập: ${report.created.length} phiên bản mới; ${report.unchanged.length} thủ tục không thay đổi.`}</p>
    </Notice>
  );
}
