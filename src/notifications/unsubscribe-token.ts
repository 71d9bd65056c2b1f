/**
 * The signed token of an e-mail's unsubscribe link: it works without signing in, names no address (a link is
 * logged and forwarded), and cannot be made up without the installation's notification secret.
 * - `u<user id>.<mac>`: a resident with an account — turns e-mail off in their preferences (they may turn it on again);
 * - `a<address key>.<mac>`: an applicant without an account — records the address's keyed hash as opted out.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChannelName } from './model.js';

export type UnsubscribeTarget = { kind: 'user'; userId: number } | { kind: 'address'; addressKey: string };

const mac = (secret: string, body: string) => createHmac('sha256', secret).update(`unsubscribe:${body}`).digest('base64url').slice(0, 22);

/** The same address written differently is one address: lower-case e-mail, phone numbers as 0xxxxxxxxx. */
export function normalAddress(channel: ChannelName, address: string): string {
  const a = address.trim();
  return channel === 'email' ? a.toLowerCase() : a.replace(/[\s.-]/g, '').replace(/^\+?84/, '0');
}

/** The keyed hash under which an opted-out address is kept. */
export function addressKey(secret: string, channel: ChannelName, address: string): string {
  return createHmac('sha256', secret).update(`address:${channel}:${normalAddress(channel, address)}`).digest('base64url');
}

export function unsubscribeToken(secret: string, target: UnsubscribeTarget): string {
  const body = target.kind === 'user' ? `u${target.userId}` : `a${target.addressKey}`;
  return `${body}.${mac(secret, body)}`;
}

/** The target of a token, or null when it is malformed or not signed by this installation. */
export function readUnsubscribeToken(secret: string, token: string): UnsubscribeTarget | null {
  const m = /^(u(\d{1,10})|a([A-Za-z0-9_-]{43}))\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  const expected = Buffer.from(mac(secret, m[1]!));
  const given = Buffer.from(m[4]!);
  if (!timingSafeEqual(expected, given)) return null;
  return m[2] ? { kind: 'user', userId: Number(m[2]) } : { kind: 'address', addressKey: m[3]! };
}
