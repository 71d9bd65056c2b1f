import type { Database } from '../../platform/db/index.js';

/** A counter per database and unit, moved on every change readers can see, so caches of article lists know to reload. */
const versions = new WeakMap<Database, Map<number, number>>();

export function articlesChanged(db: Database, unitId: number): void {
  const units = versions.get(db) ?? new Map<number, number>();
  units.set(unitId, (units.get(unitId) ?? 0) + 1);
  versions.set(db, units);
}

export function articlesVersion(db: Database, unitId: number): number {
  return versions.get(db)?.get(unitId) ?? 0;
}
