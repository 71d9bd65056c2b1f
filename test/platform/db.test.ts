import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DataDirLockedError, listMigrations, migrate, openDatabase } from '../../src/platform/db/index.js';
import { audit } from '../../src/platform/audit.js';
import { createTestDatabase } from '../helpers/db.js';

describe('database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.dispose());

  it('applies each migration once', async () => {
    expect(await migrate(db)).toEqual([]);
    const rows = await db.rows<{ name: string }>(sql`select name from schema_migrations order by name`);
    expect(rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
  });

  it('folds Vietnamese diacritics in SQL (unaccent wrapper)', async () => {
    const rows = await db.rows<{ x: string }>(sql`select f_unaccent(lower(${'Đăng Ký Khai Sinh'}::text)) as x`);
    expect(rows[0]!.x).toBe('dang ky khai sinh');
  });

  it('keeps the audit log append-only', async () => {
    await audit(db, { action: 'test.event', details: { a: 1 } });
    await expect(db.rows(sql`update audit_log set action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(db.rows(sql`delete from audit_log`)).rejects.toThrow(/append-only/);
    const rows = await db.rows<{ action: string }>(sql`select action from audit_log where action = 'test.event'`);
    expect(rows).toHaveLength(1);
  });
});

describe('embedded database folder lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xaso-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second opening of the same folder with a clear error, and allows it after close', async () => {
    const first = await openDatabase({ dataDir: dir, databaseUrl: undefined });
    try {
      const second = openDatabase({ dataDir: dir, databaseUrl: undefined });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(/đang được tiến trình khác/);
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir: dir, databaseUrl: undefined });
    expect(await again.ping()).toBe(true);
    await again.close();
  });

  it('takes over the lock of a process that no longer exists', async () => {
    writeFileSync(join(dir, 'xaso.lock'), '999999999');
    const db = await openDatabase({ dataDir: dir, databaseUrl: undefined });
    expect(await db.ping()).toBe(true);
    await db.close();
  });
});
