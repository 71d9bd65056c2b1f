/** The writing part of the bulk seeder: a batch of simulated dossiers as a few multi-row statements in one transaction. */
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import type { Dossier } from './model.js';
import { dossierRow, LIGHT_COLUMNS } from './rows.js';
import type { Generated } from './bulk-history.js';


const EVENT_COLUMNS = 'unit_id, dossier_id, seq, action, actor_user_id, actor_name, at, state_before, state_after, due_at, payload, idempotency_key, prev_hash, hash';
const STATS_COLUMNS = 'unit_id, dossier_id, procedure_code, sector_code, channel, received_at, due_at, end_at, end_kind, timeliness, supplement_requests, ' +
  'waiting_since, received_by, handled_by, rating, fee_total, fee_method, digitized, e_result';
const APPLICANT_COLUMNS = 'id, full_name, id_number, phone, email, address, user_id, created_at';

const INSERT_APPLICANTS = `insert into applicants (${APPLICANT_COLUMNS}) overriding system value
  select id, full_name, nullif(id_number, ''), nullif(phone, ''), nullif(email, ''), address, user_id, created_at
  from json_populate_recordset(null::applicants, $1::json)`;

const INSERT = {
  dossiers: `insert into dossiers (${LIGHT_COLUMNS}) overriding system value select ${LIGHT_COLUMNS} from json_populate_recordset(null::dossiers, $1::json)`,
  // the pinned procedure and workflow snapshots are sent once per batch and joined in
  rules: `insert into dossier_rules (unit_id, dossier_id, procedure, workflow)
    select r.unit_id, r.dossier_id, p.value, w.value from json_to_recordset($1::json) as r(unit_id integer, dossier_id bigint, procedure_key text, workflow_key text)
    join jsonb_each($2::jsonb) p on p.key = r.procedure_key join jsonb_each($3::jsonb) w on w.key = r.workflow_key order by r.dossier_id`,
  events: `insert into dossier_events (${EVENT_COLUMNS}) select ${EVENT_COLUMNS} from json_populate_recordset(null::dossier_events, $1::json)`,
  stats: `insert into dossier_stats (${STATS_COLUMNS}) select ${STATS_COLUMNS} from json_populate_recordset(null::dossier_stats, $1::json)`,
  // in key order, so that two batches written at once lock the rows they share in the same order
  counters: `insert into counters (unit_id, name, last) select unit_id, name, last from json_populate_recordset(null::counters, $1::json)
    order by unit_id, name on conflict (unit_id, name) do update set last = greatest(counters.last, excluded.last)`,
};

export async function reserveIds(db: Database, table: 'dossiers' | 'applicants', n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await db.rows<{ id: string | number }>(sql`select nextval(pg_get_serial_sequence(${table}, 'id')) as id from generate_series(1, ${n})`);
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

const procedureKey = (d: Dossier) => `${d.procedureCode}@${d.procedureVersion}`;
const workflowKey = (d: Dossier) => `${d.workflow.id}@${d.workflow.version}`;

/**
 * The statements' parameters of one batch (JSON documents). Applicants seen for the first time are written here, at
 * once: a batch being written meanwhile cannot see the rows of another uncommitted batch.
 */
export async function batchParams(db: Database, generated: Generated[], counters: Array<{ unit_id: number; name: string; last: number }>): Promise<Record<keyof typeof INSERT, unknown[] | null>> {
  const fresh = new Map<string, Generated>(); // first dossier of each resident without an applicants row yet
  for (const g of generated) {
    if (g.person && !g.person.u.applicantIds[g.person.index] && !fresh.has(`${g.dossier.unitId}/${g.person.index}`)) fresh.set(`${g.dossier.unitId}/${g.person.index}`, g);
  }
  const ids = await reserveIds(db, 'applicants', fresh.size);
  const applicants = [...fresh.values()].map(({ person, dossier: d }, i) => {
    person!.u.applicantIds[person!.index] = ids[i]!;
    const a = d.applicant;
    return { id: ids[i]!, full_name: a.fullName, id_number: a.idNumber, phone: a.phone, email: a.email, address: a.address, user_id: null, created_at: d.createdAt };
  });
  const dossiers = generated.map((g) => ({
    ...dossierRow(g.dossier), applicant_id: g.person ? g.person.u.applicantIds[g.person.index] : g.dossier.applicantId, create_key: null, updated_at: g.updatedAt,
  }));
  const rules = generated.map((g) => ({ unit_id: g.dossier.unitId, dossier_id: g.dossier.id, procedure_key: procedureKey(g.dossier), workflow_key: workflowKey(g.dossier) }));
  const procedures: Record<string, unknown> = {};
  const workflows: Record<string, unknown> = {};
  for (const g of generated) {
    procedures[procedureKey(g.dossier)] = g.dossier.procedure;
    workflows[workflowKey(g.dossier)] = g.dossier.workflow;
  }
  const events = generated.flatMap((g) => g.events);
  const stats = generated.flatMap((g) => (g.stats ? [g.stats] : []));
  const json = (rows: unknown[]) => (rows.length ? [JSON.stringify(rows)] : null);
  if (applicants.length) await db.withRawTransaction((tx) => tx.query(INSERT_APPLICANTS, [JSON.stringify(applicants)]));
  return {
    dossiers: json(dossiers), rules: [JSON.stringify(rules), JSON.stringify(procedures), JSON.stringify(workflows)],
    events: json(events), stats: json(stats), counters: json(counters),
  };
}

export async function writeBatch(db: Database, params: Record<keyof typeof INSERT, unknown[] | null>, lz4: boolean): Promise<void> {
  await db.withRawTransaction(async (tx) => {
    // the pinned procedure and workflow snapshots compress several times faster with lz4 (read back the same)
    if (lz4) await tx.exec(`set local default_toast_compression = 'lz4'`);
    for (const [name, text] of Object.entries(INSERT)) {
      const p = params[name as keyof typeof INSERT];
      if (p) await tx.query(text, p);
    }
  });
}
