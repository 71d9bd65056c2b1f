import { randomUUID } from 'node:crypto';
import type { FieldError } from '../../platform/http/index.js';
import { CsrfField, DateInput, Radios, Select, TextArea } from '../../web/components/form.js';
import { actionWarning, type ActionName, type DossierFacts } from '../workflow/index.js';
import { formatVnd } from '../../catalog/index.js';

export interface ActionFormProps {
  action: ActionName;
  postTo: string; // .../thao-tac/<action>
  csrfToken: string;
  version: number;
  specialists: Array<{ id: number; fullName: string }>;
  errors: FieldError[];
  values: Record<string, string>;
  open: boolean;
  warning: string | null;
  /** Fee the applicant owes at receipt (for the receive form). */
  feeDue: number;
  /** Applicant's own wording of an action, where it differs from the officer's. */
  label: string;
}

function fields(p: ActionFormProps): JSX.Element {
  const err = (k: string) => p.errors.find((e) => e.param === k || e.param === `${p.action}-${k}`)?.message;
  const v = (k: string) => p.values[k] ?? '';
  switch (p.action) {
    case 'receive':
      return (
        <>
          {p.feeDue > 0 ? (
            <div class="checkbox">
              <input type="checkbox" id="receive-feePaid" name="feePaid" value="true" checked={v('feePaid') === 'true'} />
              <label for="receive-feePaid" safe>{`Đã thu phí, lệ phí bằng tiền mặt (${formatVnd(p.feeDue)})`}</label>
            </div>
          ) : (
            <p>Thủ tục này không thu phí, lệ phí.</p>
          )}
          <TextArea id={`${p.action}-note`} name="note" label="Ghi chú (không bắt buộc)" value={v('note')} rows={2} error={err('note')} />
        </>
      );
    case 'refuseIntake':
    case 'refuse':
    case 'stop':
      return <TextArea id={`${p.action}-reason`} name="reason" label="Lý do" hint="Lý do cụ thể sẽ in trên phiếu gửi người nộp." value={v('reason')} rows={3} error={err('reason')} />;
    case 'withdraw':
      return <TextArea id={`${p.action}-reason`} name="reason" label="Lý do rút hồ sơ (không bắt buộc)" value={v('reason')} rows={2} error={err('reason')} />;
    case 'requestSupplement':
      return (
        <>
          <TextArea id={`${p.action}-missingItems`} name="missingItems" label="Giấy tờ cần bổ sung, hoàn thiện" hint="Mỗi dòng một giấy tờ. Ghi đầy đủ một lần để người dân bổ sung một lần." value={v('missingItems')} rows={4} error={err('missingItems')} />
          <TextArea id={`${p.action}-reason`} name="reason" label="Lý do" value={v('reason')} rows={2} error={err('reason')} />
        </>
      );
    case 'supplement':
      return <TextArea id={`${p.action}-note`} name="note" label="Ghi chú về giấy tờ đã bổ sung (không bắt buộc)" value={v('note')} rows={2} error={err('note')} />;
    case 'assign':
      return (
        <Select id={`${p.action}-specialistUserId`} name="specialistUserId" label="Chuyên viên xử lý" value={v('specialistUserId')} error={err('specialistUserId')}
          options={[{ value: '', label: 'Chọn chuyên viên' }, ...p.specialists.map((s) => ({ value: String(s.id), label: s.fullName }))]} />
      );
    case 'recordVerification':
      return <TextArea id={`${p.action}-note`} name="note" label="Nội dung thẩm định, xác minh" value={v('note')} rows={4} error={err('note')} />;
    case 'submitForApproval':
    case 'approve':
      return <TextArea id={`${p.action}-note`} name="note" label="Ý kiến (không bắt buộc)" value={v('note')} rows={2} error={err('note')} />;
    case 'sendBack':
      return <TextArea id={`${p.action}-comments`} name="comments" label="Ý kiến chỉ đạo" value={v('comments')} rows={3} error={err('comments')} />;
    case 'apologize':
      return (
        <>
          <DateInput id={`${p.action}-newDueDate`} name="newDueDate" legend="Ngày hẹn trả mới" hint="Phải là ngày làm việc, sau ngày hẹn hiện tại. Chỉ được hẹn lại một lần." error={err('newDueDate')}
            value={{ day: v('newDueDate-d'), month: v('newDueDate-m'), year: v('newDueDate-y') }} />
          <TextArea id={`${p.action}-reason`} name="reason" label="Lý do chậm trả kết quả" value={v('reason')} rows={3} error={err('reason')} />
        </>
      );
    case 'returnResult':
      return (
        <Radios id={`${p.action}-method`} name="method" legend="Hình thức trả kết quả" value={v('method') || 'counter'} error={err('method')}
          options={[{ value: 'counter', label: 'Trực tiếp tại Trung tâm' }, { value: 'online', label: 'Trực tuyến' }, { value: 'post', label: 'Qua bưu chính công ích' }]} />
      );
    case 'rate':
      return (
        <>
          <Radios id={`${p.action}-score`} name="score" legend="Mức độ hài lòng" value={v('score')} error={err('score')}
            options={[{ value: '5', label: '5 – Rất hài lòng' }, { value: '4', label: '4 – Hài lòng' }, { value: '3', label: '3 – Bình thường' }, { value: '2', label: '2 – Không hài lòng' }, { value: '1', label: '1 – Rất không hài lòng' }]} />
          <TextArea id={`${p.action}-comment`} name="comment" label="Góp ý (không bắt buộc)" value={v('comment')} rows={3} error={err('comment')} />
        </>
      );
    default:
      return '';
  }
}

/** One action as a form inside a disclosure (works without JavaScript). */
export function ActionForm(p: ActionFormProps) {
  return (
    <details class="action" open={p.open}>
      <summary safe>{p.label}</summary>
      <form method="post" action={p.postTo} novalidate>
        <CsrfField token={p.csrfToken} />
        <input type="hidden" name="version" value={String(p.version)} />
        <input type="hidden" name="idempotencyKey" value={randomUUID()} />
        {p.warning ? <p class="notice warning" safe>{p.warning}</p> : ''}
        {fields(p)}
        <button class={p.action.startsWith('refuse') || p.action === 'stop' ? 'button danger' : 'button'} type="submit" safe>
          {p.label}
        </button>
      </form>
    </details>
  );
}

export function warningFor(facts: DossierFacts, action: ActionName): string | null {
  return actionWarning(facts, action)?.message ?? null;
}

