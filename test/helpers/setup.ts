/**
 * Runs before each test file. For a file listed in test/no-database-files.ts (left out of the PostgreSQL pass),
 * any way of opening a database fails the file, so the list cannot silently drop a database test from that pass.
 */
import childProcess from 'node:child_process';
import { readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect } from 'vitest';
import { NO_DATABASE_FILES } from '../no-database-files.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const testPath = expect.getState().testPath;
const file = testPath ? relative(ROOT, testPath) : '';

if (NO_DATABASE_FILES.includes(file)) {
  const refuse = (what: string): never => {
    throw new Error(`${file} is listed in test/no-database-files.ts (left out of the PostgreSQL pass) but ${what}: take it off the list`);
  };
  if (readFileSync(testPath!, 'utf8').includes('XASO_TEST_DATABASE_URL')) refuse('reads XASO_TEST_DATABASE_URL');

  const { PGlite } = await import('@electric-sql/pglite');
  const pg = (await import('pg')).default;
  const restore: Array<() => void> = [];
  const patch = <T extends object, K extends keyof T>(target: T, key: K, replacement: T[K]) => {
    const original = target[key];
    target[key] = replacement;
    restore.push(() => {
      target[key] = original;
    });
  };
  const noDb = (what: string) => () => refuse(`opened ${what}`);
  patch(PGlite, 'create', noDb('an embedded PGlite database') as never);
  for (const m of ['query', 'exec', 'transaction'] as const) patch(PGlite.prototype, m, noDb('an embedded PGlite database') as never);
  patch(pg.Client.prototype, 'connect', noDb('a PostgreSQL connection') as never);
  const startsXaso = (args: unknown) => Array.isArray(args) && args.some((a) => typeof a === 'string' && /(^|\/)(src\/main\.ts|bin\/xaso\.js)$/.test(a));
  for (const m of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork'] as const) {
    const original = childProcess[m] as ((...a: unknown[]) => unknown) & { [promisify.custom]?: (...a: unknown[]) => unknown };
    const guarded = (fn: (...a: unknown[]) => unknown) => (...a: unknown[]) =>
      startsXaso(a[1]) || (m === 'fork' && startsXaso([a[0]])) ? refuse('started xaso') : fn(...a);
    const replacement = Object.assign(guarded(original), original);
    const custom = original[promisify.custom]; // promisify(execFile) resolves { stdout, stderr } through it
    if (custom) Object.defineProperty(replacement, promisify.custom, { value: guarded(custom) });
    patch(childProcess, m, replacement as never);
  }
  syncBuiltinESMExports();
  afterAll(() => {
    for (const r of restore.reverse()) r();
    syncBuiltinESMExports();
  });
}
