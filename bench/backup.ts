// Backup and restore speed on PostgreSQL: `xaso seed --bulk` fills a database, then `createBackup` and `restoreBackup`
// (into a second, empty database) are timed against `pg_dump -Fc` / `pg_restore` of the same database in the same run.
// Full: 2 communes × 100,000 dossiers; short: 2 × 2,500.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/platform/db/index.js';
import { createBackup, restoreBackup } from '../src/platform/backup/index.js';
import { verifyEventChains } from '../src/dossiers/index.js';
import { admin, freshDatabase, serverReachable } from './pg-admin.js';

const run = promisify(execFile);
const BIN = new URL('../bin/xaso.js', import.meta.url).pathname;
const UNITS = 2;

async function seconds<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e9];
}

export async function benchBackup(opts: { short: boolean }): Promise<void> {
  if (!(await serverReachable('backup'))) return;
  const perUnit = opts.short ? 2_500 : 100_000;
  const [source, target, baseline] = ['xaso_bench_backup', 'xaso_bench_restore', 'xaso_bench_pgrestore'];
  const work = mkdtempSync(join(tmpdir(), 'xaso-bench-backup-'));
  try {
    const url = await freshDatabase(source);
    console.log(`seeding ${UNITS} × ${perUnit.toLocaleString('en')} dossiers (xaso seed --bulk) …`);
    await run(process.execPath, [BIN, 'seed', '--dossiers', String(perUnit), '--year', '2026', '--units', String(UNITS), '--bulk'], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' }, maxBuffer: 16 * 1024 * 1024,
    });
    const db = await openDatabase({ databaseUrl: url, dataDir: '' });
    const [counts] = await db.rows<{ dossiers: number; events: number; bytes: string }>(sql`select (select count(*) from dossiers)::int as dossiers,
      (select count(*) from dossier_events)::int as events, pg_database_size(current_database())::text as bytes`);
    const dump = join(work, 'baseline.dump');
    const [, dumpS] = await seconds(() => run('pg_dump', ['-Fc', '-Z', '6', '-f', dump, url]));
    const archive = join(work, 'xaso.tar.gz');
    const [backup, backupS] = await seconds(() => createBackup(db, { out: archive, storageDir: join(work, 'no-files'), appVersion: 'bench' }));
    await db.close();
    const rows = backup.manifest.tables.reduce((n, t) => n + t.rows, 0);

    const baselineUrl = await freshDatabase(baseline);
    const [, pgRestoreS] = await seconds(() => run('pg_restore', ['--no-owner', '-d', baselineUrl, dump]));
    const targetUrl = await freshDatabase(target);
    const restored = await openDatabase({ databaseUrl: targetUrl, dataDir: '' });
    const [, restoreS] = await seconds(() => restoreBackup(restored, { archive, storageDir: join(work, 'restored-files'), keysDir: join(work, 'restored-keys') }));
    const [chains, verifyS] = await seconds(() => verifyEventChains(restored));
    await restored.close();
    if (chains.problems.length || chains.dossiers !== counts!.dossiers) throw new Error(`restored chains: ${chains.problems.length} problems, ${chains.dossiers} of ${counts!.dossiers} dossiers`);

    const result = {
      dossiers: counts!.dossiers, events: counts!.events, rows, databaseBytes: Number(counts!.bytes),
      pgDump: { seconds: dumpS, bytes: statSync(dump).size }, backup: { seconds: backupS, bytes: statSync(archive).size },
      pgRestore: { seconds: pgRestoreS }, restore: { seconds: restoreS }, verify: { seconds: verifyS },
    };
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
    console.log(`  ${result.dossiers.toLocaleString('en')} dossiers, ${result.events.toLocaleString('en')} events, ${rows.toLocaleString('en')} rows, database ${mb(result.databaseBytes)}`);
    console.log(`  baseline pg_dump -Fc    ${dumpS.toFixed(1).padStart(7)} s  ${mb(result.pgDump.bytes)}`);
    console.log(`  xaso backup             ${backupS.toFixed(1).padStart(7)} s  ${mb(result.backup.bytes)}  ×${(backupS / dumpS).toFixed(2)} pg_dump time, ${Math.round(rows / backupS).toLocaleString('en')} rows/s`);
    console.log(`  baseline pg_restore     ${pgRestoreS.toFixed(1).padStart(7)} s`);
    console.log(`  xaso restore            ${restoreS.toFixed(1).padStart(7)} s  ×${(restoreS / pgRestoreS).toFixed(2)} pg_restore time, ${Math.round(rows / restoreS).toLocaleString('en')} rows/s`);
    console.log(`  audit verify (restored) ${verifyS.toFixed(1).padStart(7)} s  ${Math.round(chains.events / verifyS).toLocaleString('en')} events/s`);
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    const file = new URL(`./results/backup${opts.short ? '-short' : ''}.json`, import.meta.url);
    writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), units: UNITS, perUnit, ...result }, null, 2) + '\n');
    console.log(`results: ${file.pathname}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    for (const name of [source, target, baseline]) await admin(`drop database if exists ${name} with (force)`);
  }
}
