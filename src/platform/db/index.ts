import type { Config } from '../../config.js';
import type { Database } from './database.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export type { Database, Orm, RawTransaction } from './database.js';
export { migrate, listMigrations } from './migrate.js';
export { DataDirLockedError } from './data-dir-lock.js';

export function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}
export { nextCounter, nextCounters } from './counters.js';
