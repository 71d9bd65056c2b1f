/** Types of the notifications module: what is sent, to whom, by which channel, and its delivery state. */

/** The dossier events a resident is told about. */
export const NOTIFICATION_KINDS = ['received', 'supplementRequested', 'resultReady', 'apology', 'returned', 'refused', 'stopped'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Where a message goes: an e-mail address or a phone number (SMS). */
export type ChannelName = 'email' | 'sms';

export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** One message as the delivery job hands it to a transport. */
export interface OutgoingMessage {
  /** The outbox row's id (with the unit: the message's identity, e.g. its Message-ID). */
  unitId: number;
  id: number;
  channel: ChannelName;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
  unsubscribeUrl: string | null;
}

/** A way to deliver messages. `send` resolves once the peer accepted the message and throws otherwise. */
export interface Transport {
  /** Recorded on the outbox row: smtp, sms-http, log. */
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
}

/** A failure that retrying cannot fix (e.g. the mail server says the mailbox does not exist). */
export class PermanentDeliveryError extends Error {}

/** The outbox row as the dossier page shows it. */
export interface NotificationLine {
  kind: NotificationKind;
  channel: ChannelName;
  /** Masked: "n***@gmail.com", "091*****78". */
  recipient: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  transport: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
}
