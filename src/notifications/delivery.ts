/**
 * The delivery job: claims due outbox rows (FOR UPDATE SKIP LOCKED, so instances sharing the database never claim
 * the same row), sends each through its channel's transport, and records the outcome. A failure is retried after
 * the configured delays (1, 5, 25, 125 minutes by default) and, after the last attempt, marked failed with its
 * reason. At least once: a claim is a lease; if the instance dies between sending and recording, the row is sent
 * again when the lease ends (e-mails keep their Message-ID, so mail systems can drop the copy).
 */
import type { Database } from '../platform/db/index.js';
import { everyInterval } from '../platform/jobs/interval.js';
import type { Transports } from './channels/index.js';
import { PermanentDeliveryError, type ChannelName, type OutgoingMessage } from './model.js';
import { maskRecipient } from './mask.js';

export interface DeliveryOptions {
  db: Database;
  transports: Transports;
  /** Minutes to wait before the 2nd, 3rd… attempt; the last value repeats. */
  retryMinutes: number[];
  maxAttempts: number;
  clock?: () => Date;
  log?: { warn(obj: object, msg: string): void };
  /** Rows claimed at once. */
  batchSize?: number;
  /** How long a claim lasts; longer than sending a batch can take (each send times out within 30 s). */
  leaseMs?: number;
}

export interface RunOutcome {
  sent: number;
  retried: number;
  failed: number;
}

export interface DeliveryJob {
  /** Sends every message due at `now` (the job's clock by default). */
  runDue(now?: Date): Promise<RunOutcome>;
  /** Starts the background job; returns its stop function, which waits for a run in progress. */
  start(intervalMs: number): () => Promise<void>;
}

/** "1,5,25,125" → [1, 5, 25, 125]. */
export const parseRetryMinutes = (text: string): number[] => text.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n >= 0);

/** Wait after the `attempts`-th failed attempt. */
export const retryDelayMs = (retryMinutes: number[], attempts: number): number =>
  (retryMinutes[Math.min(Math.max(attempts, 1), retryMinutes.length) - 1] ?? 1) * 60_000;

type ClaimedRow = {
  unit_id: number; id: number | string; channel: ChannelName; recipient: string; subject: string; body_text: string; body_html: string | null;
  unsubscribe_url: string | null; attempts: number;
};

const MAX_BATCHES_PER_RUN = 20;

export function createDeliveryJob(opts: DeliveryOptions): DeliveryJob {
  const { db } = opts;
  const clock = opts.clock ?? (() => new Date());
  const batchSize = opts.batchSize ?? 10;
  const leaseMs = opts.leaseMs ?? 10 * 60_000;

  const claim = (now: Date) => db.withRawTransaction((tx) => tx.query<ClaimedRow>(
    `with due as (
       select unit_id, id from notifications
       where status in ('queued', 'sending') and next_attempt_at <= $1
       order by next_attempt_at, id limit $2 for update skip locked)
     update notifications n set status = 'sending', attempts = n.attempts + 1, next_attempt_at = $3
     from due where n.unit_id = due.unit_id and n.id = due.id
     returning n.unit_id, n.id, n.channel, n.recipient, n.subject, n.body_text, n.body_html, n.unsubscribe_url, n.attempts`,
    [now.toISOString(), batchSize, new Date(now.getTime() + leaseMs).toISOString()]));

  /** Records the outcome unless the lease was lost (another instance claimed the row again: its attempt counts). */
  const record = (r: ClaimedRow, sets: string, params: unknown[]) => db.withRawTransaction((tx) => tx.query(
    `update notifications set ${sets} where unit_id = $1 and id = $2 and status = 'sending' and attempts = $3`,
    [r.unit_id, r.id, r.attempts, ...params]));

  async function deliver(r: ClaimedRow, now: Date): Promise<keyof RunOutcome> {
    const transport = opts.transports[r.channel];
    const message: OutgoingMessage = {
      unitId: Number(r.unit_id), id: Number(r.id), channel: r.channel, recipient: r.recipient, subject: r.subject, text: r.body_text,
      html: r.body_html, unsubscribeUrl: r.unsubscribe_url,
    };
    const masked = maskRecipient(r.recipient);
    try {
      await transport.send(message);
    } catch (err) {
      // the reason is shown to staff and logged: never with the full address in it
      const reason = (err instanceof Error ? err.message : String(err)).split(r.recipient).join(masked).slice(0, 500);
      const final = err instanceof PermanentDeliveryError || r.attempts >= opts.maxAttempts;
      opts.log?.warn({ notification: `${r.unit_id}/${r.id}`, channel: r.channel, to: masked, attempt: r.attempts, reason }, final ? 'notification failed' : 'notification failed; will retry');
      if (final) {
        await record(r, `status = 'failed', last_error = $4, transport = $5, recipient = $6`, [reason, transport.name, masked]);
        return 'failed';
      }
      await record(r, `status = 'queued', last_error = $4, transport = $5, next_attempt_at = $6`,
        [reason, transport.name, new Date(now.getTime() + retryDelayMs(opts.retryMinutes, r.attempts)).toISOString()]);
      return 'retried';
    }
    await record(r, `status = 'sent', sent_at = $4, transport = $5, last_error = null, recipient = $6`, [now.toISOString(), transport.name, masked]);
    return 'sent';
  }

  async function runDue(at?: Date): Promise<RunOutcome> {
    const outcome: RunOutcome = { sent: 0, retried: 0, failed: 0 };
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const now = at ?? clock();
      const rows = await claim(now);
      for (const r of rows) outcome[await deliver(r, at ?? clock())]++;
      if (rows.length < batchSize) break;
    }
    return outcome;
  }

  const start = (intervalMs: number) =>
    everyInterval(intervalMs, () => runDue(), (err) => opts.log?.warn({ err: err instanceof Error ? err.message : String(err) }, 'notification job failed'));

  return { runDue, start };
}
