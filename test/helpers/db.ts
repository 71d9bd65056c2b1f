import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate, openDatabase, type Database } from '../../src/platform/db/index.js';
import { openPglite } from '../../src/platform/db/pglite.js';

/** What test/helpers/global-setup.ts provides to every test file (declared here: the browser tests' program sees this file, not that one). */
declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated PGlite data folder (tar), or '' on PostgreSQL. */
    pgliteTemplate: string;
    /** The same with the demo data (seedDemo). */
    pgliteSeededTemplate: string;
    /** The migrated PostgreSQL template database, or '' on PGlite. */
    postgresTemplate: string;
    /** The same with the demo data (seedDemo). */
    postgresSeededTemplate: string;
  }
}

export type TestDatabase = Database & {
  /** It started as a copy of the demo-seeded template (asked for with `seeded`). */
  seeded: boolean;
  dispose(): Promise<void>;
};

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by XASO_TEST_DATABASE_URL (dropped again on close).
 *
 * Under `vitest run` both start as a copy of a template that test/helpers/global-setup.ts made once for the run
 * (same content as migrating here); without a template (another runner) they are migrated here. `seeded`: a copy of
 * the template that also holds the demo data (seedDemo) when the run has one; the result's `seeded` says so.
 */
export async function createTestDatabase(opts: { seeded?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.XASO_TEST_DATABASE_URL;
  if (!serverUrl) {
    const seededTemplate = opts.seeded ? templateName('pgliteSeededTemplate') : '';
    const template = seededTemplate || templateName('pgliteTemplate');
    const db = await openPglite('memory://', template ? { loadDataDir: new Blob([readFileSync(template)]) } : {});
    if (!template) await migrate(db);
    return Object.assign(db, { seeded: Boolean(seededTemplate), dispose: () => db.close() });
  }
  const seededTemplate = opts.seeded ? templateName('postgresSeededTemplate') : '';
  const template = seededTemplate || templateName('postgresTemplate');
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
    seeded: Boolean(seededTemplate),
    dispose: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  });
}

function templateName(key: 'pgliteTemplate' | 'pgliteSeededTemplate' | 'postgresTemplate' | 'postgresSeededTemplate'): string {
  try {
    return inject(key) ?? '';
  } catch {
    return ''; // not inside a vitest worker
  }
}

/** The database of an installation for `xaso` processes. */
export interface ProcessDatabase {
  /** XASO_DATA_DIR and DATABASE_URL for the processes' environment. */
  env: { XASO_DATA_DIR: string; DATABASE_URL: string };
  /** Opens it in this process (the embedded one only while no `xaso` process holds it). */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/**
 * An empty data folder `dataDir` for the embedded PGlite or, when XASO_TEST_DATABASE_URL is set, a new empty
 * database on that PostgreSQL server (dropped by dispose): command-line tests run on the pass's database.
 * `migrated`: a copy of the run's migrated template instead (as `xaso migrate` would leave it).
 */
export async function createProcessDatabase(dataDir: string, opts: { migrated?: boolean } = {}): Promise<ProcessDatabase> {
  const serverUrl = process.env.XASO_TEST_DATABASE_URL;
  if (!serverUrl) {
    if (opts.migrated) {
      const template = templateName('pgliteTemplate');
      const db = await openPglite(dataDir, template ? { loadDataDir: new Blob([readFileSync(template)]) } : {});
      try {
        if (!template) await migrate(db);
      } finally {
        await db.close();
      }
    }
    return {
      env: { XASO_DATA_DIR: dataDir, DATABASE_URL: '' },
      open: () => openDatabase({ dataDir, databaseUrl: undefined }),
      dispose: async () => {},
    };
  }
  const template = opts.migrated ? templateName('postgresTemplate') : '';
  const name = `xaso_cli_${randomBytes(6).toString('hex')}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await admin(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (opts.migrated && !template) {
    const db = await openDatabase({ dataDir: '', databaseUrl: url.toString() });
    await migrate(db).finally(() => db.close());
  }
  return {
    env: { XASO_DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    open: () => openDatabase({ dataDir: '', databaseUrl: url.toString() }),
    dispose: () => admin(`drop database if exists ${name} with (force)`),
  };
}
