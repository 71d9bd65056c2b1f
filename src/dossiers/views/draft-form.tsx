import type { FieldError } from '../../platform/http/index.js';
import { CsrfField, ErrorSummary, Field, TextArea } from '../../web/components/form.js';
import { dossierRef, type Dossier } from '../model.js';

/** The applicant completes their draft: who they are and what they ask for. */
export function DraftForm({ dossier: d, csrfToken, errors, values }: { dossier: Dossier; csrfToken: string; errors: FieldError[]; values?: Record<string, string> }) {
  const v = (k: keyof Dossier['applicant'] | 'content') => values?.[k] ?? (k === 'content' ? d.request.content : d.applicant[k]);
  const err = (k: string) => errors.find((e) => e.param === k)?.message;
  return (
    <section aria-labelledby="draft-title">
      <h2 id="draft-title">Thông tin người nộp</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/ho-so-cua-toi/${dossierRef(d)}`} novalidate>
        <CsrfField token={csrfToken} />
        <Field id="fullName" label="Họ và tên" value={v('fullName')} error={err('fullName')} autocomplete="name" />
        <Field id="idNumber" label="Số định danh cá nhân (CCCD)" hint="12 chữ số" value={v('idNumber')} error={err('idNumber')} />
        <Field id="phone" label="Số điện thoại" value={v('phone')} error={err('phone')} autocomplete="tel" />
        <Field id="email" label="E-mail (không bắt buộc)" value={v('email')} error={err('email')} autocomplete="email" />
        <Field id="address" label="Địa chỉ" value={v('address')} error={err('address')} autocomplete="street-address" />
        <TextArea id="content" label="Nội dung yêu cầu giải quyết" hint="Ví dụ: Đăng ký khai sinh cho con, sinh ngày 02/01/2026" value={v('content')} error={err('content')} rows={3} />
        <button class="button secondary" type="submit">Lưu thông tin</button>
      </form>
    </section>
  );
}
