import type { FieldError } from '../../../platform/http/index.js';
import type { PageContext } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { CsrfField, ErrorSummary, Field, Notice, Radios, Select, TextArea } from '../../../web/components/form.js';
import type { UnitChoice } from './list-page.js';

/** The form's values as typed (strings), named like the fields of the lifecycle's draft schema. */
export interface DraftValues {
  kind: string;
  summary: string;
  salutation: string;
  body: string;
  recipients: string;
  authority: string;
  copies: string;
}

export const EMPTY_DRAFT: DraftValues = { kind: '', summary: '', salutation: '', body: '', recipients: '', authority: 'TM', copies: '1' };

export interface DraftPageProps {
  ctx: PageContext;
  /** null: a new draft; else the id of the draft being edited. */
  id: number | null;
  unit: UnitChoice;
  /** Units the person may draft for (a choice only for a new draft, when there are several). */
  units: UnitChoice[];
  values: DraftValues;
  errors: FieldError[];
  alert?: string | undefined;
}

const KIND_OPTIONS = [
  { value: 'decision', label: 'Quyết định' },
  { value: 'officialLetter', label: 'Công văn' },
  { value: 'notice', label: 'Thông báo' },
  { value: 'report', label: 'Báo cáo' },
];

const AUTHORITY_OPTIONS = [
  { value: 'TM', label: 'TM. Ủy ban nhân dân – Chủ tịch ký' },
  { value: 'KT', label: 'KT. Chủ tịch – Phó Chủ tịch ký thay' },
];

/** New draft (/can-bo/van-ban-di/moi) and editing a draft (/can-bo/van-ban-di/:id/sua). */
export function DraftPage(p: DraftPageProps) {
  const err = (k: string) => p.errors.find((e) => e.param === k)?.message;
  const v = p.values;
  const title = p.id === null ? 'Soạn văn bản đi' : 'Sửa bản nháp văn bản đi';
  const action = p.id === null ? '/can-bo/van-ban-di/moi' : `/can-bo/van-ban-di/${p.id}/sua`;
  const back = p.id === null ? `/can-bo/van-ban-di?don-vi=${encodeURIComponent(p.unit.code)}` : `/can-bo/van-ban-di/${p.id}`;
  return (
    <Layout ctx={p.ctx} title={title}>
      <>
        <p><a href={back}>{p.id === null ? 'Quay lại danh sách văn bản đi' : 'Quay lại văn bản'}</a></p>
        <h1>{title}</h1>
        {p.alert ? <Notice kind="error"><p safe>{p.alert}</p></Notice> : ''}
        <ErrorSummary errors={p.errors} />
        <p>Văn bản được lưu dưới dạng bản nháp. Số, ngày ban hành, tên người ký và mã QR kiểm tra được điền khi lãnh đạo duyệt và ký số.</p>
        <form method="post" action={action} novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          {p.id === null && p.units.length > 1 ? (
            <Select id="don-vi" label="Cơ quan ban hành" value={p.unit.code} options={p.units.map((u) => ({ value: u.code, label: u.name }))} />
          ) : (
            <input type="hidden" name="don-vi" value={p.unit.code} />
          )}
          <Radios id="kind" legend="Loại văn bản" value={v.kind} error={err('kind')} options={KIND_OPTIONS} />
          <TextArea id="summary" label="Trích yếu nội dung" rows={2} value={v.summary} error={err('summary')}
            hint="Một câu ngắn nói văn bản về việc gì, ví dụ: Về việc thành lập Tổ công tác chuyển đổi số xã. Với công văn, hệ thống tự thêm “V/v”." />
          <TextArea id="salutation" label="Kính gửi (chỉ dùng cho công văn)" rows={3} value={v.salutation} error={err('salutation')}
            hint="Mỗi dòng một cơ quan, tổ chức hoặc cá nhân nhận, ví dụ: Ủy ban nhân dân tỉnh Hà Tĩnh. Để trống với quyết định, thông báo, báo cáo." />
          <TextArea id="body" label="Nội dung" rows={14} value={v.body} error={err('body')}
            hint="Mỗi dòng là một đoạn văn. Dòng bắt đầu bằng “Điều 1.”, “Điều 2.” … thành một điều của quyết định; dòng bắt đầu bằng “Căn cứ …” được in nghiêng; dòng viết hoa kết thúc bằng dấu hai chấm (ví dụ QUYẾT ĐỊNH:) được in đậm, căn giữa." />
          <TextArea id="recipients" label="Nơi nhận" rows={4} value={v.recipients} error={err('recipients')}
            hint="Mỗi dòng một nơi nhận, ví dụ: Như Điều 3. Dòng “Lưu: VT.” được thêm tự động." />
          <Radios id="authority" legend="Thẩm quyền ký" value={v.authority} error={err('authority')} options={AUTHORITY_OPTIONS} />
          <Field id="copies" label="Số lượng bản" type="number" inputClass="short" min={1} max={1000} value={v.copies} error={err('copies')}
            hint="Số bản phát hành, ghi vào Sổ đăng ký văn bản đi." />
          <div class="actions">
            <button class="button" type="submit">Lưu bản nháp</button>
            <a href={back}>Hủy</a>
          </div>
        </form>
      </>
    </Layout>
  );
}
