/**
 * Bulk demo data: a year of dossiers for many communes at hundreds of thousands of dossiers per minute, for load
 * tests and report benchmarks. Each history is computed in memory by the same pure core as `act` (transition.ts:
 * payload validation, workflow rules, effects, hash chain), with code counters kept in memory and the statistics
 * row folded like `writeStatsRow` does; batches are then written with a few multi-row statements per transaction.
 * The result has the shapes the app writes: dossiers, dossier_rules, dossier_events (a valid chain), dossier_stats (and
 * the daily counts rebuilt from it), applicants and counters, so later dossiers created by the app continue the code
 * sequence.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import { AppError, type Principal } from '../platform/http/index.js';
import { vnDate } from '../platform/clock.js';
import { calendarOf } from '../calendar-http/index.js';
import { procedureVersion, type ProcedureVersion } from '../catalog/index.js';
import { DEMO_PROVINCE_CODE, findUnitByCode, type Unit } from '../identity/index.js';
import type { WorkingCalendar } from '../calendar/index.js';
import { foldStatsRow, rebuildDailyStats, type StatsRow } from '../reports/index.js';
import { workflowById, type ActionName, type Channel, type WorkflowDefinition } from './workflow/index.js';
import { ApplicantSchema, RequestSchema, type Applicant, type Dossier } from './model.js';
import { applyPatch, dossierRow, LIGHT_COLUMNS } from './rows.js';
import { allocatedCode, codeCounterNames } from './code.js';
import { codeSettingsOf } from './settings.js';
import { needsCode, parseActionPayload, planAction, sealAction, withCode } from './transition.js';
import { demoApplicant, demoCast, demoProcedures, placeName, random, workingDays, type Cast, type Random } from './demo-data.js';

export interface BulkSeedOptions {
  /** Dossiers per unit. */
  perUnit: number;
  year: number;
  unitCodes: string[];
  seed?: number;
  /** Nothing happens after this moment (default: now): dossiers received in the last weeks before it are still open. */
  until?: Date;
  /** Dossiers written per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface BulkSeedResult {
  dossiers: number;
  events: number;
  /** Seconds spent computing and writing, and in the final VACUUM ANALYZE (PostgreSQL). */
  writeSeconds: number;
  vacuumSeconds: number;
}

/** The first `k` communes and wards of the demo province, in code order. */
export async function communeCodes(db: Database, k: number): Promise<string[]> {
  const rows = await db.rows<{ code: string }>(sql`select c.code from units c join units p on p.id = c.parent_id
    where p.code = ${DEMO_PROVINCE_CODE} and c.kind <> 'province' order by c.code limit ${k}`);
  return rows.map((r) => r.code);
}

// ---------------------------------------------------------------------------------------------
// What happens to a dossier, decided up front with a fixed number of draws (so `until` never shifts the random stream)

/** Relative frequency of each procedure; civil status (hộ tịch) and certification dominate a commune's counter. */
const PROCEDURE_WEIGHT: Record<string, number> = {
  '1.001193': 14, // đăng ký khai sinh
  '2.000815': 12, // chứng thực bản sao từ bản chính
  '2.000635': 10, // bản sao trích lục hộ tịch
  '1.004873': 8, // xác nhận tình trạng hôn nhân
  '2.000884': 6, // chứng thực chữ ký
  '1.000656': 5, // đăng ký khai tử
  '1.000894': 5, // đăng ký kết hôn
};
const weightOf = (p: ProcedureVersion) => PROCEDURE_WEIGHT[p.code] ?? (p.sector === 'Hộ tịch' ? 2 : 1);

const MISSING = ['Bản sao giấy tờ tùy thân', 'Giấy tờ chứng minh nơi cư trú', 'Tờ khai theo mẫu (ký đầy đủ)', 'Giấy chứng sinh', 'Trích lục hộ tịch liên quan'];
const SCORES = [5, 5, 5, 5, 5, 5, 4, 4, 4, 3, 3, 2, 1];

interface DossierPlan {
  procedure: number;
  channel: Channel;
  person: number;
  end: 'refusedIntake' | 'withdrawn' | 'stopped' | 'refused' | 'approved';
  supplements: number;
  late: boolean;
  apology: boolean;
  /** fraction of the time limit used by processing */
  speed: number;
  /** minutes after receipt (fraction of the limit) of each supplement request, and working days the applicant takes */
  requestAt: [number, number];
  waitDays: [number, number];
  missing: string;
  returned: boolean;
  pickupMinutes: number;
  rating: number | null;
}

function planDossier(rnd: Random, cumulativeWeights: number[], persons: number): DossierPlan {
  const total = cumulativeWeights[cumulativeWeights.length - 1]!;
  const w = rnd.next() * total;
  let procedure = 0;
  while (cumulativeWeights[procedure]! <= w) procedure++;
  const c = rnd.next();
  const e = rnd.next();
  const s = rnd.next();
  const late = rnd.next() < 0.055;
  const p: DossierPlan = {
    procedure,
    channel: c < 0.4 ? 'online' : c < 0.95 ? 'counter' : 'post',
    person: Math.floor(rnd.next() * persons),
    end: e < 0.01 ? 'refusedIntake' : e < 0.03 ? 'withdrawn' : e < 0.04 ? 'stopped' : e < 0.05 ? 'refused' : 'approved',
    supplements: s < 0.015 ? 2 : s < 0.1 ? 1 : 0,
    late,
    apology: rnd.next() < 0.3,
    speed: late ? 1.15 + rnd.next() * 0.9 : 0.15 + rnd.next() * 0.75,
    requestAt: [rnd.next() * 0.3, rnd.next() * 0.3],
    waitDays: [0.5 + rnd.next() * 4, 0.5 + rnd.next() * 4],
    missing: rnd.pick(MISSING),
    returned: rnd.next() < 0.96,
    pickupMinutes: 30 + rnd.next() * 3 * 450,
    rating: null,
  };
  const rated = rnd.next() < 0.5;
  const score = rnd.pick(SCORES);
  if (rated && p.channel === 'online') p.rating = score;
  return p;
}

// ---------------------------------------------------------------------------------------------
// One unit's stream of dossiers

interface Catalogue {
  entries: Array<{ code: string; versions: Array<{ from: string; version: number; data: ProcedureVersion }> }>;
  cumulativeWeights: number[];
}

interface UnitStream {
  unit: Unit;
  calendar: WorkingCalendar;
  codeSettings: { agencyCode: string; format: string };
  cast: Cast;
  place: string;
  catalogue: Catalogue;
  residentApplicantId: number;
  rnd: Random;
  seed: number;
  /** applicants.id of each resident of the unit's pool once written (0: not yet); counter and post dossiers point at it */
  applicantIds: Int32Array;
  counters: Map<string, number>;
  changedCounters: Set<string>;
  days: string[];
  /** dossiers received on each of `days` */
  perDay: number[];
}

interface Generated {
  dossier: Dossier;
  /** the resident whose applicants row a counter or post dossier points at (online ones: the citizen account's) */
  person: { u: UnitStream; index: number } | null;
  updatedAt: Date;
  events: Array<Record<string, unknown>>;
  stats: StatsRow | null;
}

const opening = (calendar: WorkingCalendar, day: string) => new Date(`${day}T${calendar.officeHours.sessions[0]!.start}:00+07:00`);

/** Simulates one dossier from creation to its last action before `until`, exactly as `act` would have recorded it. */
function simulate(u: UnitStream, id: number, start: Date, plan: DossierPlan, until: Date): Generated {
  const { calendar: cal, cast } = u;
  const entry = u.catalogue.entries[plan.procedure]!;
  const day = vnDate(start);
  let version = entry.versions[0]!;
  for (const v of entry.versions) if (v.from <= day) version = v;
  const workflow: WorkflowDefinition = workflowById(version.data.workflow)!;
  const online = plan.channel === 'online';
  const person = online ? null : { u, index: plan.person };
  const applicant = residentOf(u, plan.person);
  let d: Dossier = {
    unitId: u.unit.id, id, code: null, procedureCode: version.data.code, procedureVersion: version.version, procedure: version.data, workflow,
    channel: plan.channel, state: 'draft', stateBeforeSupplement: null, applicantId: online ? u.residentApplicantId : null, applicant,
    ownerUserId: online ? cast.resident.userId : null, request: RequestSchema.parse({ content: version.data.name.slice(0, 200) }),
    submittedAt: null, receivedAt: null, dueAt: null, originalDueAt: null, pausedAt: null, supplementCount: 0, apologyCount: 0, assignedTo: null,
    fee: null, feePaid: false, feeMethod: null, finishedAt: null, returnedAt: null, returnMethod: null, rating: null, ratingComment: null,
    registerBook: null, registerSeq: null, version: 0, lastHash: null, createdBy: online ? cast.resident.userId : cast.receptionist.userId, createdAt: start,
  };
  const events: Array<Record<string, unknown>> = [];
  let stats: StatsRow | null = null;
  let t = start;
  const step = (action: ActionName, actor: Principal, payload: Record<string, unknown>, at: Date): boolean => {
    if (at.getTime() > until.getTime()) return false;
    const planned = planAction(d, { action, actor, payload: parseActionPayload(action, payload), now: at, calendar: cal });
    if (needsCode(d, action)) withCode(planned, allocate(u, at));
    const { fields, hash } = sealAction(d, planned, actor, at);
    events.push({
      unit_id: fields.unitId, dossier_id: fields.dossierId, seq: fields.seq, action, actor_user_id: fields.actorUserId, actor_name: fields.actorName,
      at: fields.at, state_before: fields.stateBefore, state_after: fields.stateAfter, due_at: fields.dueAt, payload: fields.payload, idempotency_key: null,
      prev_hash: d.lastHash, hash,
    });
    const after = applyPatch(d, planned.patch, hash);
    stats = foldStatsRow(stats, d, after, { action, actorUserId: actor.userId });
    d = after;
    t = at;
    return true;
  };
  /** An optional action the rules may refuse at that moment (an apology too close to the due date, a refusal past it). */
  const tryStep = (action: ActionName, actor: Principal, payload: Record<string, unknown>, at: Date): boolean => {
    try {
      return step(action, actor, payload, at);
    } catch (err) {
      if (err instanceof AppError) return false;
      throw err;
    }
  };
  const later = (minutes: number) => cal.addWorkingMinutes(t, Math.max(1, Math.round(minutes)));
  const done = () => ({ dossier: d, person, updatedAt: t, events, stats });

  if (online && !step('submit', cast.resident, {}, t)) return done();
  if (plan.end === 'refusedIntake') {
    step('refuseIntake', cast.receptionist, { reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của xã.' }, later(online ? 60 : 5));
    return done();
  }
  if (!step('receive', cast.receptionist, { feePaid: true }, later(online ? 120 : 10))) return done();
  const limit = () => Math.max(60, cal.workingMinutesBetween(t, d.dueAt!));
  for (let k = 0; k < plan.supplements; k++) {
    if (!step('requestSupplement', cast.receptionist, { missingItems: [plan.missing], reason: 'Hồ sơ còn thiếu giấy tờ.' }, later(30 + limit() * plan.requestAt[k]!))) return done();
    if (!step('supplement', online ? cast.resident : cast.receptionist, {}, later(cal.workingDayMinutes * plan.waitDays[k]!))) return done();
  }
  if (plan.end === 'withdrawn') {
    step('withdraw', cast.receptionist, { reason: 'Người nộp xin rút hồ sơ.' }, later(limit() * 0.3));
    return done();
  }
  const standard = workflow.id === 'standard';
  if (standard && !step('assign', cast.receptionist, { specialistUserId: cast.specialist.userId }, later(20))) return done();
  if (plan.end === 'stopped') {
    step('stop', cast.leader, { reason: 'Có tranh chấp liên quan đang được cơ quan có thẩm quyền giải quyết.' }, later(limit() * 0.4));
    return done();
  }
  const allowed = limit();
  if (plan.late && plan.apology && d.dueAt) {
    const newDueDate = cal.nextWorkingDay(cal.nextWorkingDay(vnDate(d.dueAt)));
    tryStep('apologize', cast.leader, { reason: 'Cần xác minh thêm thông tin với cơ quan liên quan.', newDueDate }, later(10));
  }
  const processor = standard ? cast.specialist : cast.receptionist;
  if (!step('submitForApproval', processor, { note: 'Hồ sơ đủ điều kiện.' }, later(allowed * plan.speed * 0.7))) return done();
  const decided = later(allowed * plan.speed * 0.3);
  if (plan.end === 'refused' && tryStep('refuse', cast.leader, { reason: 'Không đủ điều kiện theo quy định.' }, decided)) {
    // the refusal notice is handed back like a result
  } else if (!step('approve', cast.leader, {}, decided)) return done();
  if (!plan.returned) return done();
  const method = online ? 'online' : plan.channel === 'post' ? 'post' : 'counter';
  if (!step('returnResult', cast.receptionist, { method }, later(plan.pickupMinutes))) return done();
  if (plan.rating) step('rate', cast.resident, { score: plan.rating, comment: '' }, later(60));
  return done();
}

/** Resident number `i` of the unit: always the same person (drawn from the unit's seed and the number alone). */
function residentOf(u: UnitStream, i: number): Applicant {
  return ApplicantSchema.parse(demoApplicant(random((u.seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0), u.place));
}

/** The next code of the unit for a receipt at `at`: the same counters `act` uses, kept in memory and written per batch. */
function allocate(u: UnitStream, at: Date) {
  const day = vnDate(at);
  const [seqName, registerName] = codeCounterNames(day);
  const seq = (u.counters.get(seqName) ?? 0) + 1;
  const registerSeq = (u.counters.get(registerName) ?? 0) + 1;
  u.counters.set(seqName, seq).set(registerName, registerSeq);
  u.changedCounters.add(seqName).add(registerName);
  return allocatedCode(u.codeSettings, day, seq, registerSeq);
}

// ---------------------------------------------------------------------------------------------
// Writing

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

async function reserveIds(db: Database, table: 'dossiers' | 'applicants', n: number): Promise<number[]> {
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
async function batchParams(db: Database, generated: Generated[], counters: Array<{ unit_id: number; name: string; last: number }>): Promise<Record<keyof typeof INSERT, unknown[] | null>> {
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

async function writeBatch(db: Database, params: Record<keyof typeof INSERT, unknown[] | null>, lz4: boolean): Promise<void> {
  await db.withRawTransaction(async (tx) => {
    // the pinned procedure and workflow snapshots compress several times faster with lz4 (read back the same)
    if (lz4) await tx.exec(`set local default_toast_compression = 'lz4'`);
    for (const [name, text] of Object.entries(INSERT)) {
      const p = params[name as keyof typeof INSERT];
      if (p) await tx.query(text, p);
    }
  });
}

// ---------------------------------------------------------------------------------------------

async function catalogueOf(db: Database, firstDay: string, lastDay: string): Promise<Catalogue> {
  const inForce = await demoProcedures(db, firstDay);
  const rows = await db.rows<{ code: string; version: number; effective_from: string }>(sql`select code, version, effective_from::text as effective_from
    from procedure_versions where code = any(${sql.param(inForce.map((p) => p.code))}) and effective_from <= ${lastDay}::date
    order by code, effective_from, version`);
  const entries: Catalogue['entries'] = [];
  for (const p of inForce) {
    const versions = [];
    for (const r of rows.filter((x) => x.code === p.code)) versions.push({ from: r.effective_from, version: Number(r.version), data: (await procedureVersion(db, r.code, Number(r.version)))! });
    entries.push({ code: p.code, versions });
  }
  let sum = 0;
  return { entries, cumulativeWeights: inForce.map((p) => (sum += weightOf(p))) };
}

async function openUnitStream(db: Database, code: string, opts: { year: number; until: Date; seed: number; perUnit: number }): Promise<UnitStream | null> {
  const { year, until } = opts;
  const unit = await findUnitByCode(db, code);
  if (!unit) throw new Error(`Không có đơn vị ${code}`);
  const calendar = await calendarOf(db, unit.id);
  // whole working days before `until` (no receipt later than now)
  const closing = calendar.officeHours.sessions[calendar.officeHours.sessions.length - 1]!.end;
  const days = workingDays(calendar, year, until).filter((day) => new Date(`${day}T${closing}:00+07:00`).getTime() <= until.getTime());
  if (!days.length) return null;
  const cast = await demoCast(db, unit);
  const resident = await db.withRawTransaction(async (tx) => {
    await tx.query(`insert into applicants (full_name, user_id) values ($1, $2) on conflict (user_id) where user_id is not null do nothing`, [cast.resident.fullName, cast.resident.userId]);
    return tx.query<{ id: number }>('select id from applicants where user_id = $1', [cast.resident.userId]);
  });
  const counters = new Map((await db.rows<{ name: string; last: number }>(sql`select name, last from counters where unit_id = ${unit.id}`)).map((r) => [r.name, Number(r.last)]));
  // dossier i of n is received on day ⌊i·days/n⌋: the same number every working day
  const perDay = days.map(() => 0);
  for (let i = 0; i < opts.perUnit; i++) perDay[Math.min(days.length - 1, Math.floor((i / opts.perUnit) * days.length))]!++;
  const seed = (opts.seed * 100_003 + Number(unit.code)) >>> 0;
  return {
    unit, calendar, codeSettings: await codeSettingsOf(db, unit.id), cast, place: placeName(unit), catalogue: await catalogueOf(db, days[0]!, days[days.length - 1]!),
    residentApplicantId: Number(resident[0]!.id), rnd: random(seed), seed, applicantIds: new Int32Array(Math.max(50, Math.ceil(opts.perUnit / 3))), counters,
    changedCounters: new Set(), days, perDay,
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Seeds `perUnit` dossiers in each unit for the year, receipts spread over its working days in office hours and the
 * units' dossiers interleaved in time, as they arrive in a province (ids, codes and table pages mixed as in real use).
 * Memory stays bounded: one batch is computed while the previous ones (at most two) are written.
 */
export async function bulkSeedDossiers(db: Database, opts: BulkSeedOptions): Promise<BulkSeedResult> {
  const started = performance.now();
  const until = opts.until ?? new Date();
  const batchSize = Math.max(1, opts.batchSize ?? (db.kind === 'postgres' ? 2000 : 500));
  const streams: UnitStream[] = [];
  for (const code of opts.unitCodes) {
    const u = await openUnitStream(db, code, { year: opts.year, until, seed: opts.seed ?? opts.year, perUnit: opts.perUnit });
    if (u) streams.push(u);
  }
  const total = streams.length * opts.perUnit;
  let done = 0;
  let events = 0;
  // PostgreSQL writes two batches at once while the next one is computed; the embedded database runs one at a time
  const writers = db.kind === 'postgres' ? 2 : 1;
  const lz4 = db.kind === 'postgres' && (await db.rows(sql`select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)`)).length > 0;
  const writing: Array<Promise<void>> = [];
  let batch: Generated[] = [];
  const flush = async () => {
    const generated = batch;
    batch = [];
    if (!generated.length) return;
    const counters = streams.flatMap((u) => [...u.changedCounters].map((name) => ({ unit_id: u.unit.id, name, last: u.counters.get(name)! })));
    for (const u of streams) u.changedCounters.clear();
    const params = await batchParams(db, generated, counters);
    if (writing.length >= writers) await writing.shift();
    const written = writeBatch(db, params, lz4).then(() => {
      done += generated.length;
      opts.onProgress?.(done, total);
    });
    written.catch(() => {}); // reported where it is awaited
    writing.push(written);
  };
  const dayIndex = streams.map((u) => new Map(u.days.map((day, k) => [day, k])));
  for (const date of [...new Set(streams.flatMap((u) => u.days))].sort()) {
    // every unit's receipts of the day at random working minutes, then all in time order
    const today: Array<{ u: UnitStream; start: Date }> = [];
    streams.forEach((u, s) => {
      const k = dayIndex[s]!.get(date);
      if (k === undefined) return;
      const open = opening(u.calendar, date);
      const minutes = Array.from({ length: u.perDay[k]! }, () => Math.floor(u.rnd.next() * u.calendar.workingDayMinutes)).sort((a, b) => a - b);
      for (const m of minutes) today.push({ u, start: u.calendar.addWorkingMinutes(open, m) });
    });
    today.sort((a, b) => a.start.getTime() - b.start.getTime());
    const ids = await reserveIds(db, 'dossiers', today.length);
    for (const [j, { u, start }] of today.entries()) {
      const g = simulate(u, ids[j]!, start, planDossier(u.rnd, u.catalogue.cumulativeWeights, u.applicantIds.length), until);
      events += g.events.length;
      batch.push(g);
      if (batch.length >= batchSize) await flush();
      else if (j % 50 === 49) await tick(); // let the batches being written send and receive meanwhile
    }
  }
  await flush();
  await Promise.all(writing);
  // the daily counts the app increments action by action, recomputed once from the statistics rows
  await rebuildDailyStats(db);
  const writeSeconds = (performance.now() - started) / 1000;
  const vacuumStarted = performance.now();
  // autovacuum may be off or far behind a bulk load: visibility map and planner statistics, once
  if (db.kind === 'postgres') await db.rows(sql`vacuum analyze applicants, dossiers, dossier_rules, dossier_events, dossier_stats, dossier_stats_daily, counters`);
  return { dossiers: done, events, writeSeconds, vacuumSeconds: (performance.now() - vacuumStarted) / 1000 };
}
