import { mkdir, readFile, rename, open } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve, sep } from 'node:path';

/** Where uploaded files live. Local folder by default; an S3 adapter can implement the same interface. */
export interface FileStore {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
}

const KEY = /^[a-z0-9][a-z0-9/_-]{0,200}$/;

/** Files in a local folder, written atomically (temporary file, fsync, rename) so a crash never leaves half a file. */
export function localFileStore(root: string): FileStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    if (!KEY.test(key) || key.includes('..')) throw new Error(`invalid storage key: ${key}`);
    const p = join(base, key);
    if (!p.startsWith(base + sep)) throw new Error(`invalid storage key: ${key}`);
    return p;
  };
  return {
    async put(key, bytes) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      const tmp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
      const handle = await open(tmp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, target);
    },
    get: (key) => readFile(pathOf(key)),
  };
}
