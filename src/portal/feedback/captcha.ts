import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';

/**
 * The comment form's mã xác thực, without any third-party service:
 * - with JavaScript, /static/binh-luan.js finds a counter such that sha256(nonce + counter) starts with `bits` zero
 *   bits (proof of work: about 2^bits hashes on average, 14 bits ≈ 16,000, around a second on a cheap phone; it slows bulk posting, the rate limits stop it) and puts it in a hidden field;
 * - without JavaScript, the reader answers a small sum ("3 + 4 = ?").
 * The challenge is signed (HMAC-SHA256): its id, nonce, difficulty, expiry and a keyed hash of the sum's answer, so
 * neither can be changed. Each challenge is accepted once (its id is stored until it expires, in the database, so
 * this holds across several instances).
 */
export const POW_BITS = 14;
export const CHALLENGE_TTL_MS = 30 * 60_000;

export interface Challenge {
  /** the signed token, sent back in the form's hidden field `challenge` */
  token: string;
  nonce: string;
  bits: number;
  /** the sum shown to readers without JavaScript, e.g. "3 + 4" */
  question: string;
}

interface Payload {
  id: string;
  n: string;
  d: number;
  e: number;
  /** HMAC of id + answer of the sum */
  h: string;
}

const mac = (secret: string, text: string) => createHmac('sha256', secret).update(`captcha:${text}`).digest('base64url');
const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function issueChallenge(secret: string, now = Date.now(), bits = POW_BITS): Challenge {
  const id = randomBytes(16).toString('base64url');
  const nonce = randomBytes(16).toString('base64url');
  const a = randomInt(1, 10);
  const b = randomInt(1, 10);
  const payload: Payload = { id, n: nonce, d: bits, e: now + CHALLENGE_TTL_MS, h: mac(secret, `${id}:${a + b}`) };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return { token: `${body}.${mac(secret, body)}`, nonce, bits, question: `${a} + ${b}` };
}

/** Number of leading zero bits of sha256(nonce + counter). */
export function powZeroBits(nonce: string, counter: string): number {
  const digest = createHash('sha256').update(nonce + counter).digest();
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    bits += Math.clz32(byte) - 24;
    break;
  }
  return bits;
}

/** Finds a proof-of-work counter (what the browser script does; used by tests and tools). */
export function solvePow(nonce: string, bits: number): string {
  for (let i = 0; ; i++) if (powZeroBits(nonce, String(i)) >= bits) return String(i);
}

export type CaptchaResult = 'ok' | 'wrong' | 'expired' | 'replayed';

function readToken(secret: string, token: string): Payload | null {
  const [body, sig] = token.split('.');
  if (!body || !sig || !equal(mac(secret, body), sig)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
    return typeof p.id === 'string' && /^[A-Za-z0-9_-]{22}$/.test(p.id) && typeof p.n === 'string' && typeof p.d === 'number' && typeof p.e === 'number' && typeof p.h === 'string' ? p : null;
  } catch {
    return null;
  }
}

/**
 * Checks an answer: the proof of work (`pow`) or the sum (`answer`), then uses the challenge up.
 * Only a correct, unexpired, unused challenge gives 'ok'.
 */
export async function checkChallenge(db: Database, secret: string, form: { token: string; pow: string; answer: string }, now = Date.now()): Promise<CaptchaResult> {
  const p = readToken(secret, form.token);
  if (!p) return 'wrong';
  if (p.e <= now) return 'expired';
  const powOk = /^\d{1,12}$/.test(form.pow) && powZeroBits(p.n, form.pow) >= p.d;
  const answer = form.answer.trim();
  const sumOk = /^\d{1,3}$/.test(answer) && equal(mac(secret, `${p.id}:${Number(answer)}`), p.h);
  if (!powOk && !sumOk) return 'wrong';
  await db.rows(sql`delete from captcha_used where expires_at < ${new Date(now).toISOString()}::timestamptz`);
  const used = await db.rows(sql`insert into captcha_used (id, expires_at) values (${p.id}, ${new Date(p.e).toISOString()}::timestamptz)
    on conflict (id) do nothing returning id`);
  return used.length ? 'ok' : 'replayed';
}
