import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import { eventHash } from './canonical.js';
import { toEvent } from './rows.js';

export interface ChainProblem {
  unitId: number;
  dossierId: number;
  /** The dossier's code (null for a draft, which has none yet). */
  code: string | null;
  seq: number | null;
  problem: string;
}

/**
 * Recomputes every dossier's event chain: each event's hash from its content and the previous hash, sequence
 * numbers without gaps, and the dossier's last hash. Any edited, removed or inserted event shows up.
 */
export async function verifyEventChains(db: Database, opts: { unitId?: number; batch?: number } = {}): Promise<{ dossiers: number; events: number; problems: ChainProblem[] }> {
  const problems: ChainProblem[] = [];
  let dossiers = 0;
  let events = 0;
  let after = { unitId: -1, id: -1 };
  const batch = opts.batch ?? 500;
  for (;;) {
    const ds = await db.rows<{ unit_id: number; id: number; code: string | null; last_hash: string | null; version: number }>(sql`
      select unit_id, id, code, last_hash, version from dossiers
      where (unit_id, id) > (${after.unitId}, ${after.id}) ${opts.unitId ? sql`and unit_id = ${opts.unitId}` : sql``}
      order by unit_id, id limit ${batch}`);
    if (!ds.length) break;
    for (const d of ds) {
      dossiers++;
      const unitId = Number(d.unit_id);
      const dossierId = Number(d.id);
      const rows = await db.rows(sql`select * from dossier_events where unit_id = ${unitId} and dossier_id = ${dossierId} order by seq`);
      let prev: string | null = null;
      rows.forEach((row, i) => {
        events++;
        const e = toEvent(row);
        if (e.seq !== i + 1) problems.push({ unitId, dossierId, code: d.code, seq: e.seq, problem: `sequence gap: expected ${i + 1}` });
        if (e.prevHash !== prev) problems.push({ unitId, dossierId, code: d.code, seq: e.seq, problem: 'previous hash does not match' });
        const expected = eventHash(prev, {
          unitId, dossierId, seq: e.seq, action: e.action, actorUserId: e.actorUserId, actorName: e.actorName, at: e.at.toISOString(),
          stateBefore: e.stateBefore, stateAfter: e.stateAfter, dueAt: e.dueAt?.toISOString() ?? null, payload: e.payload,
        });
        if (expected !== e.hash) problems.push({ unitId, dossierId, code: d.code, seq: e.seq, problem: 'content does not match its hash (modified event)' });
        prev = e.hash;
      });
      if ((d.last_hash ?? null) !== prev || Number(d.version) !== rows.length) problems.push({ unitId, dossierId, code: d.code, seq: null, problem: 'dossier does not match the end of its event chain' });
      after = { unitId, id: dossierId };
    }
  }
  return { dossiers, events, problems };
}
