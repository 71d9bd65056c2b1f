import { createWriteStream } from 'node:fs';
import { access, link, mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import type { Database, RawTransaction } from '../db/index.js';
import { archiveWriter } from './archive.js';
import { listFiles } from './files.js';
import { FORMAT, MANIFEST_NAME, fileEntry, isKeysName, isStoreKey, keysEntry, tableEntry, type Manifest } from './manifest.js';
import { quoteIdent, tableShapes, type TableShape } from './schema.js';

export interface BackupOptions {
  /** The archive to create (must not exist). */
  out: string;
  storageDir: string;
  /** Also copy the signing keys folder (encrypted PKCS#12 files and trusted roots). */
  keysDir?: string;
  appVersion: string;
}

export interface BackupResult {
  manifest: Manifest;
  /** Files a database row refers to that were not in the storage folder. */
  missingFiles: string[];
}

const FETCH_ROWS = 2000;

/**
 * Writes one consistent archive: every table read in a single REPEATABLE READ snapshot, then the stored files.
 * Files are written before the row that refers to them commits and never changed afterwards, so every file the
 * snapshot refers to is already on disk. The archive appears under its name only when complete and synced.
 */
export async function createBackup(db: Database, opts: BackupOptions): Promise<BackupResult> {
  const out = resolve(opts.out);
  if (await access(out).then(() => true, () => false)) throw new Error(`EEXIST: ${out} đã tồn tại; bản sao lưu không ghi đè tệp khác.`);
  const work = await mkdtemp(join(dirname(out), '.xaso-backup-'));
  const partial = join(dirname(out), `.${basename(out)}.partial-${randomBytes(4).toString('hex')}`);
  try {
    const snapshot = await db.withRawTransaction(async (tx) => {
      await tx.exec('set transaction isolation level repeatable read, read only');
      const migrations = (await tx.query<{ name: string }>('select name from schema_migrations order by name')).map((r) => r.name);
      const shapes = await tableShapes(tx);
      const tables: Manifest['tables'] = [];
      const referenced = new Set<string>();
      for (const [i, shape] of shapes.entries()) {
        const entry = tableEntry(i + 1, shape.name);
        const rows = await dumpTable(tx, shape, join(work, `${i + 1}.ndjson`));
        tables.push({ name: shape.name, entry, columns: shape.columns, identity: shape.identity, rows, size: 0, sha256: '' });
        if (shape.columns.includes('storage_key')) {
          const keys = await tx.query<{ k: string }>(`select distinct storage_key as k from ${quoteIdent(shape.name)} where storage_key is not null`);
          for (const r of keys) referenced.add(r.k);
        }
      }
      return { migrations, tables, referenced };
    });

    const archive = await archiveWriter(partial);
    for (const [i, t] of snapshot.tables.entries()) Object.assign(t, await archive.addFile(t.entry, join(work, `${i + 1}.ndjson`)));
    const files: Manifest['files'] = [];
    for (const key of await listFiles(opts.storageDir)) {
      if (!isStoreKey(key)) continue; // not one of ours
      files.push({ key, entry: fileEntry(key), ...(await archive.addFile(fileEntry(key), join(opts.storageDir, key))) });
    }
    const keys: Manifest['keys'] = [];
    if (opts.keysDir) {
      for (const name of await listFiles(opts.keysDir)) {
        if (!isKeysName(name)) continue;
        keys.push({ name, entry: keysEntry(name), ...(await archive.addFile(keysEntry(name), join(opts.keysDir, name))) });
      }
    }
    const manifest: Manifest = {
      format: FORMAT, formatVersion: 1, appVersion: opts.appVersion, createdAt: new Date().toISOString(), databaseKind: db.kind,
      migrations: snapshot.migrations, tables: snapshot.tables, files, keys,
    };
    await archive.addBuffer(MANIFEST_NAME, Buffer.from(JSON.stringify(manifest, null, 1)));
    await archive.close();
    await link(partial, out); // fails if the name was taken meanwhile: a backup never replaces another file
    const present = new Set(files.map((f) => f.key));
    return { manifest, missingFiles: [...snapshot.referenced].filter((k) => !present.has(k)).sort() };
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}

/** Streams a table's rows, in primary key order, as one JSON object per line. */
async function dumpTable(tx: RawTransaction, shape: TableShape, path: string): Promise<number> {
  const cols = shape.columns.map(quoteIdent).join(', ');
  const order = shape.primaryKey.length ? ` order by ${shape.primaryKey.map(quoteIdent).join(', ')}` : '';
  await tx.exec(`declare xaso_backup no scroll cursor for select to_json(x)::text as j from (select ${cols} from ${quoteIdent(shape.name)}${order}) x`);
  const ws = createWriteStream(path, { flags: 'wx' });
  let rows = 0;
  try {
    for (;;) {
      const batch = await tx.query<{ j: string }>(`fetch ${FETCH_ROWS} from xaso_backup`);
      if (!batch.length) break;
      rows += batch.length;
      if (!ws.write(batch.map((r) => r.j).join('\n') + '\n')) await once(ws, 'drain');
    }
  } finally {
    ws.end();
    await once(ws, 'close');
  }
  await tx.exec('close xaso_backup');
  return rows;
}
