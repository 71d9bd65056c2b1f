import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Every regular file under `root` as a `/`-separated relative name, sorted; a missing folder has none. Skips unfinished writes. */
export async function listFiles(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return entries
    .filter((e) => e.isFile() && !e.name.includes('.tmp-'))
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}
