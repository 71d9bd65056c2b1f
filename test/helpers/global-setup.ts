/**
 * Runs once per `vitest run`, before any test file: migrates one template database, which createTestDatabase
 * (test/helpers/db.ts) copies for each test file instead of running initdb and every migration again.
 *   - embedded PGlite: the migrated data folder dumped to a tar file, loaded into each new in-memory database;
 *   - PostgreSQL (XASO_TEST_DATABASE_URL): a migrated database used as `create database … template …`.
 * The copies hold exactly what `migrate` leaves in a fresh database (it is the same `migrate`, run here once).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openDatabase } from '../../src/platform/db/index.js';
import { openPglite } from '../../src/platform/db/pglite.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.XASO_TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'xaso-test-template-'));
    const file = join(dir, 'pgdata.tar');
    const db = await openPglite('memory://');
    try {
      await migrate(db);
      writeFileSync(file, Buffer.from(await (await db.dumpDataDir()).arrayBuffer()));
    } finally {
      await db.close();
    }
    project.provide('pgliteTemplate', file);
    project.provide('postgresTemplate', '');
    return async () => rmSync(dir, { recursive: true, force: true });
  }
  const name = `xaso_test_template_${randomBytes(6).toString('hex')}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ dataDir: '', databaseUrl: url.toString() });
  try {
    await migrate(db);
  } finally {
    await db.close(); // a template must have no open connection while it is copied
  }
  project.provide('pgliteTemplate', '');
  project.provide('postgresTemplate', name);
  return async () => admin(`drop database if exists ${name} with (force)`);
}
