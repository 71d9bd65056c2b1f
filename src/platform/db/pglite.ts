import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle } from 'drizzle-orm/pglite';
import type { SQL } from 'drizzle-orm';
import { lockDataDir } from './data-dir-lock.js';
import { pingOrm, rowsOf, type Database, type Orm } from './database.js';

export interface PgliteDatabase extends Database {
  /** The whole data folder as a tar archive, for `openPglite('memory://', { loadDataDir })`. */
  dumpDataDir(): Promise<Blob>;
}

/**
 * Opens the embedded database. `dataDir` 'memory://' keeps it in memory (tests); `loadDataDir` starts it from a
 * data folder dumped by `dumpDataDir` (tests copy one migrated database instead of running initdb and every migration again).
 */
export async function openPglite(dataDir: string, opts: { loadDataDir?: Blob } = {}): Promise<PgliteDatabase> {
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(inMemory ? undefined : dataDir, { extensions: { unaccent, pg_trgm }, loadDataDir: opts.loadDataDir });
  } catch (err) {
    release();
    throw err;
  }
  const orm = drizzle({ client }) as unknown as Orm;
  return {
    kind: 'pglite',
    orm,
    rows: <T extends Record<string, unknown>>(query: SQL) => rowsOf<T>(orm, query),
    withRawTransaction: (fn) =>
      client.transaction((tx) =>
        fn({
          exec: async (text) => {
            await tx.exec(text);
          },
          query: async (text, params) => (await tx.query(text, params ?? [])).rows as never,
        }),
      ),
    ping: () => pingOrm(orm),
    dumpDataDir: async () => {
      await client.exec('checkpoint');
      return client.dumpDataDir('none');
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}
