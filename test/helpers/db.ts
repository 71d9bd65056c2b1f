import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate, openDatabase, type Database } from '../../src/platform/db/index.js';
import { openPglite } from '../../src/platform/db/pglite.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by XASO_TEST_DATABASE_URL (dropped again on close).
 *
 * Under `vitest run` both start as a copy of the template that test/helpers/global-setup.ts migrated once for the
 * run (same content as migrating here); without a template (another runner) they are migrated here.
 */
export async function createTestDatabase(): Promise<Database & { dispose(): Promise<void> }> {
  const serverUrl = process.env.XASO_TEST_DATABASE_URL;
  if (!serverUrl) {
    const template = templateName('pgliteTemplate');
    const db = await openPglite('memory://', template ? { loadDataDir: new Blob([readFileSync(template)]) } : {});
    if (!template) await migrate(db);
    return Object.assign(db, { dispose: () => db.close() });
  }
  const template = templateName('postgresTemplate');
  const name = `xaso_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ dataDir: '', databaseUrl: url.toString() });
  if (!template) await migrate(db);
  return Object.assign(db, {
    dispose: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  });
}

function templateName(key: 'pgliteTemplate' | 'postgresTemplate'): string {
  try {
    return inject(key) ?? '';
  } catch {
    return ''; // not inside a vitest worker
  }
}
