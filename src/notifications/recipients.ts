/**
 * Who is told about a dossier: only its own applicant, at the phone number and e-mail address written on the
 * dossier (by the resident online, or by the officer at the counter). A dossier of an account follows that
 * account's choice of channels; one without an account reaches both its addresses unless an address unsubscribed.
 */
import type { RawTransaction } from '../platform/db/index.js';
import type { Dossier } from '../dossiers/index.js';
import type { ChannelName } from './model.js';
import { isOptedOut, preferencesIn } from './preferences.js';
import { addressKey, normalAddress, type UnsubscribeTarget } from './unsubscribe-token.js';

export interface Recipient {
  channel: ChannelName;
  address: string;
  /** What the e-mail's unsubscribe link turns off (null for SMS). */
  unsubscribe: UnsubscribeTarget | null;
}

export async function recipientsOf(tx: RawTransaction, d: Pick<Dossier, 'ownerUserId' | 'applicant'>, secret: string): Promise<Recipient[]> {
  const query: RawTransaction['query'] = (text, params) => tx.query(text, params);
  const addresses: Array<{ channel: ChannelName; address: string }> = [
    { channel: 'email' as const, address: d.applicant.email ? normalAddress('email', d.applicant.email) : '' },
    { channel: 'sms' as const, address: d.applicant.phone ? normalAddress('sms', d.applicant.phone) : '' },
  ].filter((a) => a.address);
  if (!addresses.length) return [];
  if (d.ownerUserId !== null) {
    const prefs = await preferencesIn(query, d.ownerUserId);
    const userId = d.ownerUserId;
    return addresses
      .filter((a) => prefs[a.channel])
      .map((a) => ({ ...a, unsubscribe: a.channel === 'email' ? { kind: 'user' as const, userId } : null }));
  }
  const out: Recipient[] = [];
  for (const a of addresses) {
    const key = addressKey(secret, a.channel, a.address);
    if (await isOptedOut(query, a.channel, key)) continue;
    out.push({ ...a, unsubscribe: a.channel === 'email' ? { kind: 'address', addressKey: key } : null });
  }
  return out;
}
