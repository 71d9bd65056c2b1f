import type { WorkingCalendar } from '../../calendar/index.js';
import { describeRemainingVi } from '../../calendar/index.js';
import { formatMomentVi } from '../../platform/i18n/text.js';
import { ACTION_LABELS, STATE_LABELS, STATE_TONE, clockRunning, type ActionName } from '../workflow/index.js';
import type { Dossier, DossierEvent } from '../model.js';

/** Status tag: colour never carries meaning alone, the label is always there. */
export function StatusTag({ dossier }: { dossier: Pick<Dossier, 'state'> }) {
  const tone = STATE_TONE[dossier.state];
  return (
    <span class={`tag ${tone === 'neutral' ? '' : tone}`} safe>
      {STATE_LABELS[dossier.state]}
    </span>
  );
}

/** "còn 2 ngày 3 giờ" / "quá hạn 1 ngày" for dossiers whose clock runs. */
export function remainingText(d: Pick<Dossier, 'state' | 'dueAt'>, calendar: WorkingCalendar, now: Date): string {
  if (!d.dueAt || !clockRunning(d.state)) return '';
  return describeRemainingVi(calendar.remaining(now, d.dueAt));
}

export function RemainingTag({ text }: { text: string }) {
  if (!text) return '';
  return (
    <span class={`tag ${text.startsWith('quá hạn') ? 'red' : ''}`} safe>
      {text}
    </span>
  );
}

export const moment = (d: Date | null) => (d ? formatMomentVi(d) : '—');

/** How the applicant reads an action they take themselves (the officer's label is written from the office's side). */
const APPLICANT_LABELS: Partial<Record<ActionName, string>> = { supplement: 'Đã bổ sung hồ sơ' };

export const actionLabel = (action: ActionName, byApplicant: boolean): string =>
  (byApplicant ? APPLICANT_LABELS[action] : undefined) ?? ACTION_LABELS[action] ?? action;

const RETURN_METHODS: Record<string, string> = { counter: 'trực tiếp tại Trung tâm', online: 'trực tuyến', post: 'qua bưu chính công ích' };

function eventDetails(e: DossierEvent, redacted: boolean): string {
  const p = e.payload;
  const parts: string[] = [];
  if (Array.isArray(p.missingItems)) parts.push(`Cần bổ sung: ${(p.missingItems as string[]).join('; ')}`);
  if (typeof p.newDueAt === 'string') parts.push(`Hẹn trả mới: ${formatMomentVi(new Date(p.newDueAt))}`);
  if (typeof p.score === 'number') parts.push(`Đánh giá: ${p.score}/5`);
  if (typeof p.method === 'string' && RETURN_METHODS[p.method]) parts.push(`Hình thức: ${RETURN_METHODS[p.method]}`);
  if (!redacted) {
    for (const key of ['reason', 'note', 'comments', 'comment'] as const) {
      if (typeof p[key] === 'string' && p[key]) parts.push(String(p[key]));
    }
  }
  return parts.join('. ');
}

/** The dossier's history: who did what and when. `redacted` (public lookup) hides names and free-text notes. */
export function Timeline({ events, redacted, ownerUserId }: { events: DossierEvent[]; redacted: boolean; ownerUserId: number | null }) {
  if (!events.length) return <p>Chưa có bước xử lý nào.</p>;
  return (
    <ol class="timeline">
      {events.map((e) => (
        <li>
          <p class="when" safe>{formatMomentVi(e.at)}</p>
          <p>
            <strong safe>{actionLabel(e.action as ActionName, ownerUserId !== null && e.actorUserId === ownerUserId)}</strong>
            {redacted ? '' : <span safe>{` – ${e.actorName}`}</span>}
          </p>
          {eventDetails(e, redacted) ? <p class="meta" safe>{eventDetails(e, redacted)}</p> : ''}
        </li>
      ))}
    </ol>
  );
}

/** "0912***678": enough for the applicant to recognise, not enough to contact them. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 4)}***${phone.slice(-3)}` : phone ? '***' : '';
}

/** "0********123": a personal ID number is never shown in full on pages. */
export function maskIdNumber(id: string): string {
  return id ? `${id.slice(0, 1)}${'*'.repeat(Math.max(0, id.length - 4))}${id.slice(-3)}` : '';
}

/** "Nguyễn Thị Hoà" -> "N. T. H." */
export function initials(name: string): string {
  return name.split(/\s+/).filter(Boolean).map((w) => `${w[0]!.toLocaleUpperCase('vi')}.`).join(' ');
}
