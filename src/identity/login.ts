import type { Config } from '../config.js';
import type { Database } from '../platform/db/index.js';
import { audit } from '../platform/audit.js';
import type { RateLimiter } from '../platform/http/index.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';
import { findUserByUsername, recordLoginFailure, recordLoginSuccess } from './users.js';

export type LoginResult =
  | { ok: true; userId: number; sessionId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: Date }
  | { ok: false; reason: 'rateLimited'; retryAfterMs: number };

export interface LoginAttempt {
  username: string;
  password: string;
  ip: string;
}

/** Checks a password with per-IP rate limiting and per-account lockout; opens a session on success. */
export async function login(
  db: Database,
  config: Pick<Config, 'loginMaxFailures' | 'loginLockMinutes' | 'sessionHours'>,
  limiter: RateLimiter,
  attempt: LoginAttempt,
): Promise<LoginResult> {
  const retryAfterMs = limiter.hit(attempt.ip);
  if (retryAfterMs > 0) return { ok: false, reason: 'rateLimited', retryAfterMs };
  const user = await findUserByUsername(db, attempt.username);
  if (!user || !user.isActive) {
    await verifyPassword(await dummyPasswordHash(), attempt.password);
    return { ok: false, reason: 'invalid' };
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) return { ok: false, reason: 'locked', until: user.lockedUntil };
  if (!(await verifyPassword(user.passwordHash, attempt.password))) {
    const { locked } = await recordLoginFailure(db, user.id, config.loginMaxFailures, config.loginLockMinutes);
    await audit(db, { actorUserId: user.id, action: locked ? 'login.locked' : 'login.failed', ip: attempt.ip });
    if (locked) return { ok: false, reason: 'locked', until: new Date(Date.now() + config.loginLockMinutes * 60_000) };
    return { ok: false, reason: 'invalid' };
  }
  await recordLoginSuccess(db, user.id);
  const sessionId = await createSession(db, user.id, config.sessionHours);
  await audit(db, { actorUserId: user.id, action: 'login', ip: attempt.ip });
  return { ok: true, userId: user.id, sessionId };
}
