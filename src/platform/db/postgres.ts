import { createHash } from 'node:crypto';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { SQL } from 'drizzle-orm';
import { pingOrm, rowsOf, type Database, type Orm } from './database.js';

const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = 'x' + createHash('sha1').update(text).digest('hex').slice(0, 20);
    if (names.size > 5000) names.clear();
    names.set(text, name);
  }
  return name;
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    /* an idle client died; the pool replaces it and the next query reports any real failure */
  });
  const orm = drizzle({ client: pool }) as unknown as Orm;
  return {
    kind: 'postgres',
    orm,
    rows: <T extends Record<string, unknown>>(query: SQL) => rowsOf<T>(orm, query),
    withRawTransaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          exec: async (text) => {
            await client.query(text);
          },
          // Named statements are parsed and planned once per connection; our transaction SQL is fixed text.
          query: async (text, params) => (await client.query({ name: statementName(text), text, values: params ?? [] })).rows,
        });
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    ping: () => pingOrm(orm),
    close: () => pool.end(),
  };
}
