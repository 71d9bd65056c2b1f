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

export async function tokenUserId(db: Database, token: string): Promise<number | null> {
  if (!token.startsWith(PREFIX)) return null;
  const rows = await db.rows<{ user_id: number }>(sql`update api_tokens set last_used_at = now()
    where token_hash = ${digest(token)} and revoked_at is null returning user_id`);
  return rows[0]?.user_id ?? null;
}

export async function revokeApiToken(db: Database, id: number): Promise<boolean> {
  const rows = await db.rows<{ id: number }>(sql`update api_tokens set revoked_at = now() where id = ${id} and revoked_at is null returning id`);
  return rows.length > 0;
}
