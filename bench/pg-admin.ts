// The benchmarks' PostgreSQL server (XASO_BENCH_DATABASE_URL, default the local server) and scratch databases on it.
import pg from 'pg';

export function adminUrl(): string {
  return process.env.XASO_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function admin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** Drops and creates database `name`; returns its URL. */
export async function freshDatabase(name: string): Promise<string> {
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  return withDatabaseName(adminUrl(), name);
}

/** Whether the server answers; prints why a section is skipped when it does not. */
export async function serverReachable(section: string): Promise<boolean> {
  try {
    await admin('select 1');
    return true;
  } catch (err) {
    console.log(`PostgreSQL not reachable at ${adminUrl()} (${(err as Error).message}): ${section} benchmark skipped.`);
    return false;
  }
}
