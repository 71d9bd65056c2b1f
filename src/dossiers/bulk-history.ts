/**
 * The in-memory part of the bulk seeder: each unit's stream of receipts (calendar, counters, cast, catalogue, residents)
 * and what happens to one dossier, decided up front and played through the same pure core as `act` (transition.ts),
 * with the statistics row folded like `writeStatsRow` does.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import { AppError, type Principal } from '../platform/http/index.js';
import { vnDate } from '../platform/clock.js';
import { calendarOf } from '../calendar-http/index.js';
import { procedureVersion, type ProcedureVersion } from '../catalog/index.js';
import { findUnitByCode, type Unit } from '../identity/index.js';
import type { WorkingCalendar } from '../calendar/index.js';
import { foldStatsRow, type StatsRow } from '../reports/index.js';
import { workflowById, type ActionName, type Channel, type WorkflowDefinition } from './workflow/index.js';
import { ApplicantSchema, RequestSchema, type Applicant, type Dossier } from './model.js';
import { applyPatch } from './rows.js';
import { allocatedCode, codeCounterNames } from './code.js';
import { codeSettingsOf } from './settings.js';
import { needsCode, parseActionPayload, planAction, sealAction, withCode } from './transition.js';
import { demoApplicant, demoCast, demoProcedures, placeName, random, workingDays, type Cast, type Random } from './demo-data.js';

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

export function planDossier(rnd: Random, cumulativeWeights: number[], persons: number): DossierPlan {
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

export interface UnitStream {
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

export interface Generated {
  dossier: Dossier;
  /** the resident whose applicants row a counter or post dossier points at (online ones: the citizen account's) */
  person: { u: UnitStream; index: number } | null;
  updatedAt: Date;
  events: Array<Record<string, unknown>>;
  stats: StatsRow | null;
}

export const opening = (calendar: WorkingCalendar, day: string) => new Date(`${day}T${calendar.officeHours.sessions[0]!.start}:00+07:00`);

/** Simulates one dossier from creation to its last action before `until`, exactly as `act` would have recorded it. */
export function simulate(u: UnitStream, id: number, start: Date, plan: DossierPlan, until: Date): Generated {
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

export async function openUnitStream(db: Database, code: string, opts: { year: number; until: Date; seed: number; perUnit: number }): Promise<UnitStream | null> {
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
