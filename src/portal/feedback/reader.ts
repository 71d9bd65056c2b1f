import { createHmac } from 'node:crypto';

/** Settings key of the installation secret the reader keys and the captcha signatures are derived from. */
export const FEEDBACK_SECRET_KEY = 'portal.feedbackSecret';

/** The key period of a moment: the month in Vietnam time, e.g. "2026-11". */
export function periodOf(at: Date): string {
  const vn = new Date(at.getTime() + 7 * 3_600_000);
  return `${vn.getUTCFullYear()}-${String(vn.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Who a reader is, without keeping their address: HMAC-SHA256(IP + "\n" + User-Agent) under a key derived from
 * the installation secret and the month. The result (43 base64url characters) is all that is stored; next month the
 * same reader gets an unrelated hash, and without the secret the hash cannot be checked against guessed addresses.
 */
export function readerHash(secret: string, ip: string, userAgent: string, at: Date): { hash: string; period: string } {
  const period = periodOf(at);
  const key = createHmac('sha256', secret).update(`reader-key:${period}`).digest();
  const hash = createHmac('sha256', key).update(`${ip}\n${userAgent.slice(0, 500)}`).digest('base64url');
  return { hash, period };
}
