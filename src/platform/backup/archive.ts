import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Transform } from 'node:stream';
import tar from 'tar-stream';

/** The size and SHA-256 of one file of an archive. */
export interface FileDigest {
  size: number;
  sha256: string;
}

/** Streams a file, giving its digest. */
export async function digestFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** A gzip-compressed tar archive written entry by entry; `close` flushes it and fsyncs the file. */
export async function archiveWriter(path: string) {
  const pack = tar.pack();
  const done = pipeline(pack, createGzip({ level: 6 }), createWriteStream(path, { flags: 'wx' }));
  let failed: unknown = null;
  done.catch((err: unknown) => (failed = err));
  const mtime = new Date();
  return {
    /** Adds a file from disk under `name`, streaming it. */
    async addFile(name: string, source: string): Promise<FileDigest> {
      const { size } = await stat(source);
      const hash = createHash('sha256');
      const entry = pack.entry({ name, size, mtime, mode: 0o600 });
      const hashing = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          cb(null, chunk);
        },
      });
      await pipeline(createReadStream(source), hashing, entry);
      if (failed) throw failed;
      return { size, sha256: hash.digest('hex') };
    },
    addBuffer(name: string, bytes: Buffer): Promise<void> {
      return new Promise((resolve, reject) => pack.entry({ name, size: bytes.length, mtime, mode: 0o600 }, bytes, (err) => (err ? reject(err) : resolve())));
    },
    async close(): Promise<void> {
      pack.finalize();
      await done;
      const handle = await open(path, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
  };
}

/**
 * Extracts every entry into `dir` (names checked by `allowed`, which refuses anything else), returning each
 * entry's digest. Nothing outside `dir` is written.
 */
export async function extractArchive(path: string, dir: string, allowed: (name: string) => boolean): Promise<Map<string, FileDigest>> {
  const extract = tar.extract();
  const digests = new Map<string, FileDigest>();
  // A damaged or cut archive fails the reading pipeline; whatever waits on the entries must fail with it, not hang.
  let readFailed!: (err: unknown) => void;
  const failure = new Promise<never>((_resolve, reject) => (readFailed = reject));
  failure.catch(() => {});
  const reading = pipeline(createReadStream(path), createGunzip(), extract);
  reading.catch((err: unknown) => readFailed(err));
  const entries = extract[Symbol.asyncIterator]();
  for (;;) {
    const next = await Promise.race([entries.next(), failure]);
    if (next.done) break;
    const entry = next.value;
    const { name, type } = entry.header;
    if (type !== 'file' || !allowed(name) || digests.has(name)) {
      entry.resume();
      extract.destroy();
      throw new Error(`unexpected entry in the archive: ${JSON.stringify(name)} (${type})`);
    }
    const target = join(dir, name);
    await mkdir(dirname(target), { recursive: true });
    const hash = createHash('sha256');
    let size = 0;
    const hashing = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        size += chunk.length;
        cb(null, chunk);
      },
    });
    const out = createWriteStream(target, { flags: 'wx' });
    try {
      await Promise.race([pipeline(entry, hashing, out), failure]);
    } catch (err) {
      out.destroy();
      entry.destroy();
      throw err;
    }
    digests.set(name, { size, sha256: hash.digest('hex') });
  }
  await Promise.race([reading, failure]);
  return digests;
}
