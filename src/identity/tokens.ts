import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import { digest, newSecret } from './secrets.js';

const PREFIX = 'xaso_';

/** Creates an API token for a user; the plain token is returned once and never stored. */
export async function createApiToken(db: Database, userId: number, name: string): Promise<{ id: number; token: string }> {
  const token = PREFIX + newSecret();
  const rows = await db.rows<{ id: number }>(sql`insert into api_tokens (user_id, name, token_hash)
    values (${userId}, ${name}, ${digest(token)}) returning id`);
  return { id: rows[0]!.id, token };
}

/**
 * The user behind a bearer token. Its last use is recorded at most once a minute, so a busy integration does not
 * write (and lock) its token row on every request.
 */
export async function tokenUserId(db: Database, token: string): Promise<number | null> {
  if (!token.startsWith(PREFIX)) return null;
  const rows = await db.rows<{ id: number; user_id: number; stale: boolean }>(sql`select id, user_id,
      (last_used_at is null or last_used_at < now() - interval '1 minute') as stale
    from api_tokens where token_hash = ${digest(token)} and revoked_at is null`);
  const found = rows[0];
  if (!found) return null;
  if (found.stale) {
    await db.rows(sql`update api_tokens set last_used_at = now()
      where id = ${found.id} and (last_used_at is null or last_used_at < now() - interval '1 minute')`);
  }
  return found.user_id;
}

export async function revokeApiToken(db: Database, id: number): Promise<boolean> {
  const rows = await db.rows<{ id: number }>(sql`update api_tokens set revoked_at = now() where id = ${id} and revoked_at is null returning id`);
  return rows.length > 0;
}
