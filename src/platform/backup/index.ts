export { createBackup, type BackupOptions, type BackupResult } from './backup.js';
export { restoreBackup, RestoreRefused, type RestoreOptions } from './restore.js';
export type { Manifest } from './manifest.js';
