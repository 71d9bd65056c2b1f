import type { RawTransaction } from './database.js';

/**
 * The next number of a named counter of a unit (daily dossier sequence, yearly register). The row lock taken by
 * the upsert serialises concurrent callers; because it runs in the caller's transaction, a rollback returns the
 * number: no duplicates and no gaps.
 */
export async function nextCounter(tx: RawTransaction, unitId: number, name: string): Promise<number> {
  return (await nextCounters(tx, unitId, [name]))[0]!;
}

/** Several counters of a unit in one statement (in the order given), e.g. the daily sequence and the yearly register. */
export async function nextCounters(tx: RawTransaction, unitId: number, names: string[]): Promise<number[]> {
  const values = names.map((_, i) => `($1, $${i + 2}, 1)`).join(', ');
  const rows = await tx.query<{ name: string; last: number }>(
    `insert into counters (unit_id, name, last) values ${values}
     on conflict (unit_id, name) do update set last = counters.last + 1 returning name, last`,
    [unitId, ...names],
  );
  return names.map((n) => Number(rows.find((r) => r.name === n)!.last));
}
