import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import { digest, newSecret } from './secrets.js';

export async function createSession(db: Database, userId: number, hours: number): Promise<string> {
  const id = newSecret();
  await db.rows(sql`insert into sessions (id_hash, user_id, expires_at)
    values (${digest(id)}, ${userId}, now() + make_interval(hours => ${hours}))`);
  return id;
}

/** The user of a live session, touching its last-seen time; null when unknown or expired. */
export async function sessionUserId(db: Database, sessionId: string): Promise<number | null> {
  if (sessionId.length > 100) return null;
  const rows = await db.rows<{ user_id: number }>(sql`update sessions set last_seen_at = now()
    where id_hash = ${digest(sessionId)} and expires_at > now() returning user_id`);
  return rows[0]?.user_id ?? null;
}

export async function deleteSession(db: Database, sessionId: string): Promise<void> {
  await db.rows(sql`delete from sessions where id_hash = ${digest(sessionId)}`);
}

/** Ends every session of a user except the one given (after a password change). */
export async function deleteOtherSessions(db: Database, userId: number, keepSessionId: string | null): Promise<void> {
  await db.rows(sql`delete from sessions where user_id = ${userId} and id_hash <> ${keepSessionId ? digest(keepSessionId) : ''}`);
}
