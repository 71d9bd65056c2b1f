import type { Database } from '../platform/db/index.js';
import { seedProcedures } from './seed/index.js';
import { insertVersion } from './store.js';

/** Seeds the commune procedure catalogue: each procedure without any version gets the seed as version 1. */
export async function seedCatalog(db: Database): Promise<number> {
  return db.withRawTransaction(async (tx) => {
    const existing = new Set((await tx.query<{ code: string }>('select code from procedures')).map((r) => r.code));
    let added = 0;
    for (const v of seedProcedures) {
      if (existing.has(v.code)) continue;
      await insertVersion(tx, v, null);
      added++;
    }
    return added;
  });
}
