import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from './db/index.js';

export async function getSetting(db: Database, key: string): Promise<string | null> {
  const rows = await db.rows<{ value: string }>(sql`select value from settings where key = ${key}`);
  return rows[0]?.value ?? null;
}

export async function setSetting(db: Database, key: string, value: string): Promise<void> {
  await db.rows(sql`insert into settings (key, value) values (${key}, ${value}) on conflict (key) do update set value = excluded.value`);
}

/** A random secret created once per installation and shared by every instance through the database. */
export async function installationSecret(db: Database, key: string): Promise<string> {
  await db.rows(sql`insert into settings (key, value) values (${key}, ${randomBytes(32).toString('base64url')}) on conflict (key) do nothing`);
  return (await getSetting(db, key))!;
}
