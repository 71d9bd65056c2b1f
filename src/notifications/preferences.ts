/**
 * Who wants to be told, and how: the channels a resident with an account chose (both on until they choose), and
 * the addresses of applicants without an account that unsubscribed (kept as keyed hashes only).
 */
import type { Database, RawTransaction } from '../platform/db/index.js';
import type { ChannelName } from './model.js';
import type { UnsubscribeTarget } from './unsubscribe-token.js';

type Query = RawTransaction['query'];

export interface Preferences {
  email: boolean;
  sms: boolean;
  /** When the e-mail's unsubscribe link turned e-mail off (null: never, or turned on again since). */
  emailUnsubscribedAt: Date | null;
}

export const DEFAULT_PREFERENCES: Preferences = Object.freeze({ email: true, sms: true, emailUnsubscribedAt: null });

export async function preferencesIn(query: Query, userId: number): Promise<Preferences> {
  const rows = await query<{ email: boolean; sms: boolean; email_unsubscribed_at: string | Date | null }>(
    'select email, sms, email_unsubscribed_at from notification_preferences where user_id = $1', [userId]);
  const r = rows[0];
  return r ? { email: r.email, sms: r.sms, emailUnsubscribedAt: r.email_unsubscribed_at ? new Date(r.email_unsubscribed_at) : null } : DEFAULT_PREFERENCES;
}

export const preferencesOf = (db: Database, userId: number) => db.withRawTransaction((tx) => preferencesIn((t, p) => tx.query(t, p), userId));

export async function savePreferences(db: Database, userId: number, choice: { email: boolean; sms: boolean }): Promise<void> {
  await db.withRawTransaction((tx) => tx.query(
    `insert into notification_preferences (user_id, email, sms, email_unsubscribed_at, updated_at) values ($1, $2, $3, null, now())
     on conflict (user_id) do update set email = excluded.email, sms = excluded.sms, updated_at = now(),
       email_unsubscribed_at = case when excluded.email then null else notification_preferences.email_unsubscribed_at end`,
    [userId, choice.email, choice.sms]));
}

export async function isOptedOut(query: Query, channel: ChannelName, addressKey: string): Promise<boolean> {
  return (await query('select 1 from notification_optouts where channel = $1 and address_key = $2', [channel, addressKey])).length > 0;
}

/** Applies an unsubscribe link: no more e-mail to that account or address (idempotent; the first time is kept). */
export async function unsubscribeEmail(db: Database, target: UnsubscribeTarget, now: Date): Promise<void> {
  await db.withRawTransaction(async (tx) => {
    if (target.kind === 'user') {
      await tx.query(
        `insert into notification_preferences (user_id, email, sms, email_unsubscribed_at, updated_at) values ($1, false, true, $2, $2)
         on conflict (user_id) do update set email = false, updated_at = excluded.updated_at,
           email_unsubscribed_at = coalesce(notification_preferences.email_unsubscribed_at, excluded.email_unsubscribed_at)`,
        [target.userId, now.toISOString()]);
    } else {
      await tx.query(`insert into notification_optouts (channel, address_key, unsubscribed_at) values ('email', $1, $2) on conflict do nothing`,
        [target.addressKey, now.toISOString()]);
    }
  });
}
