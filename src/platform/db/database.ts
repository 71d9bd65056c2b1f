import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';

export type Orm = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/** A raw connection inside one transaction, for migrations and multi-statement SQL. */
export interface RawTransaction {
  exec(sqlText: string): Promise<void>;
  query<T extends Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
}

/** The one database handle every module receives: PGlite (embedded) or PostgreSQL. */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly orm: Orm;
  /** Runs a parameterised statement and returns its rows. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  withRawTransaction<T>(fn: (tx: RawTransaction) => Promise<T>): Promise<T>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Runs a query; errors are the driver's own (with PostgreSQL's SQLSTATE `code`), not drizzle's wrapper. */
export async function rowsOf<T extends Record<string, unknown>>(orm: Orm, query: SQL): Promise<T[]> {
  try {
    const result = (await orm.execute(query)) as unknown as { rows: T[] };
    return result.rows;
  } catch (err) {
    throw err instanceof Error && err.cause instanceof Error ? err.cause : err;
  }
}

export async function pingOrm(orm: Orm): Promise<boolean> {
  try {
    const r = await rowsOf<{ ok: number }>(orm, sql`select 1 as ok`);
    return r[0]?.ok === 1;
  } catch {
    return false;
  }
}
