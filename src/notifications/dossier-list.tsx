/** "Thông báo đã gửi": the dossier page's list of messages to the applicant, with their delivery status. */
import { formatMomentVi } from '../platform/i18n/text.js';
import { TableHead } from '../web/components/table.js';
import type { NotificationLine } from './model.js';
import { KIND_LABELS } from './notice.js';
import { CHANNEL_LABELS, statusText } from './status.js';

/** Staff also see why a message could not be sent, and when it will be tried again. */
function detail(l: NotificationLine, audience: 'staff' | 'applicant'): string {
  if (l.status === 'sent' && l.sentAt) return `lúc ${formatMomentVi(l.sentAt)}`;
  if (audience !== 'staff' || !l.lastError) return '';
  return l.status === 'queued' ? `Lần trước: ${l.lastError}. Thử lại lúc ${formatMomentVi(l.nextAttemptAt)}.` : `Lý do: ${l.lastError}`;
}

export function DossierNotifications({ items, audience }: { items: NotificationLine[]; audience: 'staff' | 'applicant' }) {
  return (
    <section aria-labelledby="notifications-title">
      <h2 id="notifications-title">Thông báo đã gửi</h2>
      {items.length ? (
        <table class="stack">
          <caption safe>{`${items.length} thông báo gửi người nộp hồ sơ`}</caption>
          <TableHead columns={['Nội dung', 'Kênh', 'Tình trạng']} />
          <tbody>
            {items.map((l) => (
              <tr>
                <td data-label="Nội dung">
                  <span safe>{KIND_LABELS[l.kind]}</span>
                  <br />
                  <span class="meta" safe>{formatMomentVi(l.createdAt)}</span>
                </td>
                <td data-label="Kênh" safe>{`${CHANNEL_LABELS[l.channel]}: ${l.recipient}`}</td>
                <td data-label="Tình trạng">
                  <strong safe>{statusText(l)}</strong>
                  {detail(l, audience) ? <><br /><span class="meta" safe>{detail(l, audience)}</span></> : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="meta">Chưa có thông báo nào gửi người nộp hồ sơ.</p>
      )}
    </section>
  );
}
