import type { RawTransaction } from '../platform/db/index.js';

/**
 * The next number of a named counter of a unit (daily dossier sequence, yearly register). The row lock taken by
 * the upsert serialises concurrent callers; because it runs in the caller's transaction, a rollback returns the
 * number: no duplicates and no gaps.
 */
export async function nextCounter(tx: RawTransaction, unitId: number, name: string): Promise<number> {
  const rows = await tx.query<{ last: number }>(
    `insert into counters (unit_id, name, last) values ($1, $2, 1)
     on conflict (unit_id, name) do update set last = counters.last + 1 returning last`,
    [unitId, name],
  );
  return Number(rows[0]!.last);
}
