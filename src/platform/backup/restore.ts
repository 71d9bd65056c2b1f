import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import type { Database, RawTransaction } from '../db/index.js';
import { listMigrations, migrate } from '../db/index.js';
import { extractArchive, type FileDigest } from './archive.js';
import { listFiles } from './files.js';
import { ManifestSchema, MANIFEST_NAME, isAllowedEntry, type Manifest } from './manifest.js';
import { quoteIdent } from './schema.js';

export interface RestoreOptions {
  archive: string;
  storageDir: string;
  keysDir: string;
}

/** A refusal to restore, with a message for the administrator; nothing was changed. */
export class RestoreRefused extends Error {}

const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Brings an archive back into an empty installation: checks every checksum first, then places the files, then
 * loads every table in one transaction (all or nothing), then applies the migrations newer than the archive.
 */
export async function restoreBackup(db: Database, opts: RestoreOptions): Promise<Manifest> {
  const storageDir = resolve(opts.storageDir);
  await mkdir(dirname(storageDir), { recursive: true });
  const work = await mkdtemp(join(dirname(storageDir), '.xaso-restore-'));
  try {
    const digests = await extractArchive(resolve(opts.archive), work, isAllowedEntry).catch((err: Error) => {
      throw new RestoreRefused(`Tệp sao lưu không đọc được hoặc bị hỏng (archive unreadable): ${err.message}`);
    });
    const manifest = await readManifest(work, digests);
    const all = listMigrations();
    const known = all.map((m) => m.name);
    if (manifest.migrations.some((m, i) => known[i] !== m)) {
      throw new RestoreRefused(`Bản sao lưu thuộc phiên bản phần mềm khác (${manifest.appVersion}); cần phần mềm có đúng các migration: ${manifest.migrations.join(', ')}`);
    }
    await refuseUnlessEmpty(db, manifest, storageDir, opts.keysDir);
    await migrate(db, all.slice(0, manifest.migrations.length));

    const placed: string[] = [];
    try {
      for (const f of manifest.files) placed.push(await place(join(work, f.entry), join(storageDir, f.key)));
      await db.withRawTransaction(async (tx) => {
        await tx.exec('set constraints all deferred');
        for (const t of manifest.tables) await loadTable(tx, t, join(work, t.entry));
      });
    } catch (err) {
      for (const p of placed) await rm(p, { force: true });
      throw err;
    }
    await migrate(db, all);
    for (const k of manifest.keys) await chmod(await place(join(work, k.entry), join(opts.keysDir, k.name), 0o700), 0o600);
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function readManifest(work: string, digests: Map<string, FileDigest>): Promise<Manifest> {
  if (!digests.has(MANIFEST_NAME)) throw new RestoreRefused('Tệp sao lưu thiếu manifest.json (not a complete Xã Số backup).');
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(await readFile(join(work, MANIFEST_NAME), 'utf8')));
  } catch {
    throw new RestoreRefused('manifest.json không hợp lệ (not a Xã Số backup of a supported format).');
  }
  const listed = [...manifest.tables, ...manifest.files, ...manifest.keys];
  for (const item of listed) {
    const d = digests.get(item.entry);
    if (!d) throw new RestoreRefused(`Tệp sao lưu thiếu ${item.entry} (missing entry).`);
    if (d.sha256 !== item.sha256 || d.size !== item.size) throw new RestoreRefused(`Sai mã kiểm tra (checksum mismatch): ${item.entry}`);
  }
  if (digests.size !== listed.length + 1) throw new RestoreRefused('Tệp sao lưu có mục không có trong manifest (unlisted entries).');
  return manifest;
}

async function refuseUnlessEmpty(db: Database, manifest: Manifest, storageDir: string, keysDir: string): Promise<void> {
  if ((await listFiles(storageDir)).length) throw new RestoreRefused(`Thư mục lưu tệp ${storageDir} không trống; chỉ khôi phục vào bản cài đặt trống.`);
  if (manifest.keys.length && (await listFiles(keysDir)).length) throw new RestoreRefused(`Thư mục khóa ${keysDir} không trống; chỉ khôi phục vào bản cài đặt trống.`);
  const applied = await db.withRawTransaction(async (tx) => {
    await tx.exec('create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())');
    return (await tx.query<{ name: string }>('select name from schema_migrations order by name')).map((r) => r.name);
  });
  if (applied.some((m) => !manifest.migrations.includes(m))) {
    throw new RestoreRefused('Cơ sở dữ liệu đích đã ở phiên bản mới hơn bản sao lưu; hãy khôi phục vào một cơ sở dữ liệu mới, trống.');
  }
  const present = await db.withRawTransaction(async (tx) => {
    const existing = new Set((await tx.query<{ t: string }>(`select relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind in ('r', 'p')`)).map((r) => r.t));
    const filled: string[] = [];
    for (const t of manifest.tables) {
      if (existing.has(t.name) && (await tx.query(`select 1 from ${quoteIdent(t.name)} limit 1`)).length) filled.push(t.name);
    }
    return filled;
  });
  if (present.length) throw new RestoreRefused(`Cơ sở dữ liệu đích đã có dữ liệu (${present.join(', ')}); chỉ khôi phục vào bản cài đặt trống.`);
}

/** Moves an extracted file into place (copying across file systems), refusing to overwrite. */
async function place(from: string, to: string, dirMode = 0o755): Promise<string> {
  await mkdir(dirname(to), { recursive: true, mode: dirMode });
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyFile(from, to, 1 /* COPYFILE_EXCL */);
  }
  return to;
}

/** Inserts a table's rows in batches, keeping identity values, then moves its identity sequences past them. */
async function loadTable(tx: RawTransaction, t: Manifest['tables'][number], path: string): Promise<void> {
  const table = quoteIdent(t.name);
  const cols = t.columns.map(quoteIdent).join(', ');
  const insert = `insert into ${table} (${cols}) overriding system value select ${cols} from json_populate_recordset(null::${table}, $1::json)`;
  let batch: string[] = [];
  let bytes = 0;
  let rows = 0;
  const flush = async () => {
    if (!batch.length) return;
    await tx.query(insert, [`[${batch.join(',')}]`]);
    rows += batch.length;
    batch = [];
    bytes = 0;
  };
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    if (!line) continue;
    batch.push(line);
    bytes += line.length;
    if (bytes >= BATCH_BYTES) await flush();
  }
  await flush();
  if (rows !== t.rows) throw new Error(`${t.name}: restored ${rows} rows, the archive lists ${t.rows}`);
  for (const col of t.identity) {
    await tx.query(
      `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${quoteIdent(col)}) from ${table}), 1), (select count(*) > 0 from ${table}))`,
      [table, col],
    );
  }
}
