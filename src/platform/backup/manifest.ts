import { z } from 'zod';

export const MANIFEST_NAME = 'manifest.json';
export const FORMAT = 'xaso-backup';

const Digest = { size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) };

/** What an archive holds, with a checksum of every entry. Written last; restore checks every entry against it. */
export const ManifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(1),
  appVersion: z.string(),
  createdAt: z.string(),
  databaseKind: z.enum(['pglite', 'postgres']),
  migrations: z.array(z.string()),
  tables: z.array(z.object({ name: z.string(), entry: z.string(), columns: z.array(z.string()), identity: z.array(z.string()), rows: z.number().int().nonnegative(), ...Digest })),
  files: z.array(z.object({ key: z.string(), entry: z.string(), ...Digest })),
  keys: z.array(z.object({ name: z.string(), entry: z.string(), ...Digest })),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Storage keys (as the file store accepts them) and key-folder file names that an archive may carry. */
const STORE_KEY = /^[a-z0-9][a-z0-9/_-]{0,200}$/;
const KEYS_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,200}){0,3}$/;

export const tableEntry = (index: number, table: string) => `db/${String(index).padStart(3, '0')}_${table}.ndjson`;
export const fileEntry = (key: string) => `files/${key}`;
export const keysEntry = (name: string) => `keys/${name}`;

/** Whether an entry name is one an archive of ours can hold (no absolute paths, no `..`). */
export function isAllowedEntry(name: string): boolean {
  if (name === MANIFEST_NAME) return true;
  if (/^db\/\d{3}_[a-z0-9_]{1,63}\.ndjson$/.test(name)) return true;
  if (name.startsWith('files/')) return isStoreKey(name.slice(6));
  if (name.startsWith('keys/')) return KEYS_NAME.test(name.slice(5)) && !name.includes('..');
  return false;
}

export const isStoreKey = (key: string) => STORE_KEY.test(key) && !key.includes('..') && !key.includes('//');
export const isKeysName = (name: string) => KEYS_NAME.test(name) && !name.includes('..');
