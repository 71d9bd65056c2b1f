import type { FieldError } from '../../platform/http/index.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { CsrfField, ErrorSummary, Field, Radios, Select, TextArea } from '../../web/components/form.js';
import { maskIdNumber, maskPhone } from './parts.js';

export interface ApplicantMatch {
  id: number;
  fullName: string;
  phone: string;
  idNumber: string;
  address: string;
  email: string;
}

export interface IntakePageProps {
  ctx: PageContext;
  procedures: Array<{ code: string; name: string }>;
  errors: FieldError[];
  values: Record<string, string>;
  search: string;
  matches: ApplicantMatch[];
}

/** Counter intake: find the applicant, choose the procedure, record the request; files and receipt come next. */
export function IntakePage(p: IntakePageProps) {
  const v = (k: string) => p.values[k] ?? '';
  const err = (k: string) => p.errors.find((e) => e.param === k)?.message;
  return (
    <Layout ctx={p.ctx} title="Tiếp nhận hồ sơ tại quầy">
      <>
        <h1>Tiếp nhận hồ sơ tại quầy</h1>
        <h2>1. Tìm người nộp đã có</h2>
        <form class="search" method="get" action="/can-bo/tiep-nhan" role="search">
          <div class="field">
            <label for="tim">Họ tên (gõ không dấu được), số điện thoại hoặc số định danh</label>
            <input id="tim" name="tim" type="search" value={p.search} />
          </div>
          <button class="button secondary" type="submit">Tìm người nộp</button>
        </form>
        {p.search ? (
          p.matches.length ? (
            <table class="stack">
              <caption safe>{`${p.matches.length} người nộp phù hợp`}</caption>
              <thead><tr><th scope="col">Họ tên</th><th scope="col">Điện thoại</th><th scope="col">Số định danh</th><th scope="col">Chọn</th></tr></thead>
              <tbody>
                {p.matches.map((m) => (
                  <tr>
                    <td data-label="Họ tên" safe>{m.fullName}</td>
                    <td data-label="Điện thoại" safe>{maskPhone(m.phone)}</td>
                    <td data-label="Số định danh" safe>{maskIdNumber(m.idNumber)}</td>
                    <td data-label="Chọn"><a href={`/can-bo/tiep-nhan?nguoi-nop=${m.id}`} aria-label={`Chọn ${m.fullName}`}>Chọn</a></td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p role="status">Không tìm thấy người nộp nào. Hãy nhập thông tin người nộp mới bên dưới.</p>
          )
        ) : (
          ''
        )}
        <h2>2. Thông tin hồ sơ</h2>
        <ErrorSummary errors={p.errors} />
        <form method="post" action="/can-bo/tiep-nhan" novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          <Select id="procedureCode" label="Thủ tục hành chính" value={v('procedureCode')} error={err('procedureCode')}
            options={[{ value: '', label: 'Chọn thủ tục' }, ...p.procedures.map((x) => ({ value: x.code, label: `${x.code} – ${x.name.length > 110 ? x.name.slice(0, 108) + '…' : x.name}` }))]} />
          <Radios id="channel" legend="Kênh tiếp nhận" value={v('channel') || 'counter'} error={err('channel')}
            options={[{ value: 'counter', label: 'Trực tiếp tại quầy' }, { value: 'post', label: 'Qua bưu chính công ích' }]} />
          <Field id="fullName" label="Họ và tên người nộp" value={v('fullName')} error={err('fullName')} autocomplete="off" />
          <Field id="idNumber" label="Số định danh cá nhân (CCCD)" hint="12 chữ số; không bắt buộc" value={v('idNumber')} error={err('idNumber')} autocomplete="off" />
          <Field id="phone" label="Số điện thoại" value={v('phone')} error={err('phone')} autocomplete="off" />
          <Field id="email" label="E-mail (không bắt buộc)" value={v('email')} error={err('email')} autocomplete="off" />
          <Field id="address" label="Địa chỉ" value={v('address')} error={err('address')} autocomplete="off" />
          <TextArea id="content" label="Nội dung yêu cầu giải quyết" value={v('content')} error={err('content')} rows={3} />
          <Field id="pages" label="Số trang của bản chính (để tính phí chứng thực)" type="number" inputClass="short" value={v('pages') || '1'} error={err('pages')} />
          <Field id="copies" label="Số bản" type="number" inputClass="short" value={v('copies') || '1'} error={err('copies')} />
          <div class="checkbox">
            <input type="checkbox" id="feeExempt" name="feeExempt" value="true" checked={v('feeExempt') === 'true'} />
            <label for="feeExempt">Người nộp thuộc đối tượng miễn phí, lệ phí</label>
          </div>
          <div class="actions">
            <button class="button" type="submit">Tạo hồ sơ và nhận giấy tờ</button>
          </div>
        </form>
      </>
    </Layout>
  );
}
