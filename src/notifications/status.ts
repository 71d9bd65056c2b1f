/** The messages of one dossier as its page lists them, and their delivery status in Vietnamese. */
import type { Database } from '../platform/db/index.js';
import type { ChannelName, DeliveryStatus, NotificationKind, NotificationLine } from './model.js';
import { maskRecipient } from './mask.js';

export const CHANNEL_LABELS: Readonly<Record<ChannelName, string>> = Object.freeze({ email: 'E-mail', sms: 'Tin nhắn SMS' });

/** "đang chờ gửi", "gửi lại lần 2", "đã gửi", "không gửi được"… */
export function statusText(l: Pick<NotificationLine, 'status' | 'attempts' | 'transport'>): string {
  switch (l.status) {
    case 'queued':
      return l.attempts === 0 ? 'đang chờ gửi' : `gửi lại lần ${l.attempts}`;
    case 'sending':
      return l.attempts <= 1 ? 'đang gửi' : `đang gửi lại lần ${l.attempts - 1}`;
    case 'sent':
      return l.transport === 'log' ? 'đã ghi vào nhật ký (chưa cấu hình kênh gửi)' : 'đã gửi';
    case 'failed':
      return 'không gửi được';
  }
}

type Row = {
  kind: NotificationKind; channel: ChannelName; recipient: string; status: DeliveryStatus; attempts: number; last_error: string | null;
  transport: string | null; created_at: string | Date; sent_at: string | Date | null; next_attempt_at: string | Date;
};

export async function notificationsOfDossier(db: Database, unitId: number, dossierId: number): Promise<NotificationLine[]> {
  const rows = await db.withRawTransaction((tx) => tx.query<Row>(
    `select kind, channel, recipient, status, attempts, last_error, transport, created_at, sent_at, next_attempt_at
     from notifications where unit_id = $1 and dossier_id = $2 order by created_at, id`, [unitId, dossierId]));
  return rows.map((r) => ({
    kind: r.kind, channel: r.channel, recipient: maskRecipient(r.recipient), status: r.status, attempts: Number(r.attempts), lastError: r.last_error,
    transport: r.transport, createdAt: new Date(r.created_at), sentAt: r.sent_at ? new Date(r.sent_at) : null, nextAttemptAt: new Date(r.next_attempt_at),
  }));
}
