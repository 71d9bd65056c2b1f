/**
 * Runs once per `vitest run`, before any test file: migrates one template database, and a second one that also
 * holds the demo data (seedDemo), which createTestDatabase (test/helpers/db.ts) copies for each test file instead of
 * running initdb, every migration and the demo seed again.
 *   - embedded PGlite: the data folder dumped to a tar file, loaded into each new in-memory database;
 *   - PostgreSQL (XASO_TEST_DATABASE_URL): databases used as `create database … template …`.
 * The copies hold exactly what `migrate` (and `seedDemo`) leave in a fresh database: the same functions, run here once.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { seedDemo } from '../../src/app.js';
import { migrate, openDatabase } from '../../src/platform/db/index.js';
import { openPglite } from '../../src/platform/db/pglite.js';
import type {} from './db.js'; // declares what is provided (vitest's ProvidedContext)

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.XASO_TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'xaso-test-template-'));
    const dump = async (db: Awaited<ReturnType<typeof openPglite>>, name: string) => {
      const file = join(dir, name);
      writeFileSync(file, Buffer.from(await (await db.dumpDataDir()).arrayBuffer()));
      return file;
    };
    const db = await openPglite('memory://');
    try {
      await migrate(db);
      project.provide('pgliteTemplate', await dump(db, 'migrated.tar'));
      await seedDemo(db);
      project.provide('pgliteSeededTemplate', await dump(db, 'seeded.tar'));
    } finally {
      await db.close();
    }
    project.provide('postgresTemplate', '');
    project.provide('postgresSeededTemplate', '');
    return async () => rmSync(dir, { recursive: true, force: true });
  }
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  /** Creates the database (from `template` if given) and runs `fill` on it; closed again: a template must have no open connection while it is copied. */
  const make = async (name: string, template: string | null, fill: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<unknown>) => {
    await admin(template ? `create database ${name} template ${template}` : `create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const db = await openDatabase({ dataDir: '', databaseUrl: url.toString() });
    try {
      await fill(db);
    } finally {
      await db.close();
    }
  };
  const id = randomBytes(6).toString('hex');
  const migrated = `xaso_test_template_${id}`;
  const seeded = `xaso_test_template_seeded_${id}`;
  const drop = async () => {
    for (const name of [seeded, migrated]) await admin(`drop database if exists ${name} with (force)`);
  };
  try {
    await make(migrated, null, migrate);
    await make(seeded, migrated, seedDemo);
  } catch (err) {
    await drop();
    throw err;
  }
  project.provide('pgliteTemplate', '');
  project.provide('pgliteSeededTemplate', '');
  project.provide('postgresTemplate', migrated);
  project.provide('postgresSeededTemplate', seeded);
  return drop;
}
