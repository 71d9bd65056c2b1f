import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import type { Principal } from '../platform/http/index.js';
import { calendarOf } from '../calendar-http/index.js';
import type { ProcedureVersion } from '../catalog/index.js';
import { findUnitByCode } from '../identity/index.js';
import { act, type ActRequest } from './act.js';
import { createDraft } from './create.js';
import { codeSettingsOf } from './settings.js';
import type { ActionName } from './workflow/index.js';
import { demoApplicant, demoCast, demoProcedures, placeName, random, workingDays, type Cast, type DemoApplicant } from './demo-data.js';

/**
 * Generates a realistic year of dossiers for demos and benchmarks, through the same operations the app uses
 * (createDraft, act): every dossier has a real event chain, codes, due dates from the calendar and timeliness.
 */

export interface GenerateOptions {
  count: number;
  year: number;
  unitCode: string;
  seed?: number;
  /** Dossiers generated at once (PostgreSQL can take several; the embedded database runs one at a time anyway). */
  concurrency?: number;
  /** Do not generate receipts after this moment (default: now). */
  until?: Date;
  onProgress?: (done: number) => void;
}

const MINUTE = 60_000;

export async function generateDossiers(db: Database, opts: GenerateOptions): Promise<{ created: number }> {
  const unit = await findUnitByCode(db, opts.unitCode);
  if (!unit) throw new Error(`Không có đơn vị ${opts.unitCode}`);
  const cast = await demoCast(db, unit);
  const calendar = await calendarOf(db, unit.id);
  const unitData = { calendar, codeSettings: await codeSettingsOf(db, unit.id) };
  const procedures = await demoProcedures(db, `${opts.year}-01-01`);
  const until = opts.until ?? new Date();
  const days = workingDays(calendar, opts.year, until);
  if (!days.length) return { created: 0 };
  const rnd = random(opts.seed ?? opts.year);
  // Decide everything up front (deterministic), then run with bounded concurrency, in time order per worker.
  const plans = Array.from({ length: opts.count }, (_, i) => plan(rnd, procedures, days, i, opts.count, placeName(unit)));
  let next = 0;
  let created = 0;
  let maintaining: Promise<unknown> | null = null;
  const worker = async () => {
    for (;;) {
      const p = plans[next++];
      if (!p) return;
      await run(db, cast, unit.id, unitData, p, until);
      created++;
      if (created % 1000 === 0) opts.onProgress?.(created);
      // A bulk load outruns autovacuum (and some servers run without it): refresh statistics and clear dead rows
      // of the tables being filled, so the planner and the hot counters stay fast.
      if (created % 5000 === 0 && db.kind === 'postgres' && !maintaining) {
        maintaining = db.rows(sql`vacuum analyze dossiers, dossier_events, dossier_rules, applicants, counters`).finally(() => (maintaining = null));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, worker));
  await maintaining;
  if (db.kind === 'postgres') await db.rows(sql`analyze dossiers, dossier_events, dossier_rules, applicants, counters`);
  return { created };
}

type Outcome = 'onTime' | 'late' | 'supplement' | 'refusedIntake' | 'withdrawn' | 'open';

interface Plan {
  procedure: ProcedureVersion;
  channel: 'online' | 'counter' | 'post';
  day: string;
  minuteOfDay: number; // minutes after 07:30
  outcome: Outcome;
  applicant: DemoApplicant;
  speed: number; // fraction of the allowed time used
  rating: number | null;
}

function plan(rnd: ReturnType<typeof random>, procedures: ProcedureVersion[], days: string[], i: number, n: number, place: string): Plan {
  const r = rnd.next();
  const outcome: Outcome = r < 0.72 ? 'onTime' : r < 0.8 ? 'late' : r < 0.88 ? 'supplement' : r < 0.92 ? 'refusedIntake' : r < 0.94 ? 'withdrawn' : 'open';
  const c = rnd.next();
  return {
    procedure: rnd.pick(procedures),
    channel: c < 0.45 ? 'online' : c < 0.95 ? 'counter' : 'post',
    day: days[Math.min(days.length - 1, Math.floor((i / n) * days.length))]!,
    minuteOfDay: rnd.int(0, 420),
    outcome,
    applicant: demoApplicant(rnd, place),
    speed: outcome === 'late' ? 1.2 + rnd.next() : 0.2 + rnd.next() * 0.7,
    rating: rnd.next() < 0.4 ? rnd.int(3, 5) : null,
  };
}

async function run(db: Database, cast: Cast, unitId: number, unitData: NonNullable<ActRequest['unitData']>, p: Plan, until: Date) {
  const cal = unitData.calendar;
  const start = new Date(new Date(`${p.day}T07:30:00+07:00`).getTime() + p.minuteOfDay * MINUTE);
  const online = p.channel === 'online';
  const d0 = await createDraft(db, {
    unitId, procedureCode: p.procedure.code, channel: p.channel, applicant: p.applicant, request: { content: p.procedure.name.slice(0, 200) },
    ownerUserId: online ? cast.resident.userId : null, createdBy: online ? cast.resident.userId : cast.receptionist.userId, now: start,
  });
  let id = d0.id;
  let t = start;
  const step = async (action: ActionName, actor: Principal, payload: Record<string, unknown>, at: Date) => {
    if (at.getTime() > until.getTime()) return false;
    t = at;
    const r = await act(db, { unitId, dossierId: id, action, actor, payload, idempotencyKey: null, now: at, unitData });
    id = r.dossier.id;
    return r.dossier;
  };
  const later = (from: Date, minutes: number) => cal.addWorkingMinutes(from, Math.max(1, Math.round(minutes)));
  if (online && !(await step('submit', cast.resident, {}, t))) return;
  if (p.outcome === 'refusedIntake') {
    await step('refuseIntake', cast.receptionist, { reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của xã.' }, later(t, online ? 60 : 5));
    return;
  }
  const received = await step('receive', cast.receptionist, { feePaid: true }, later(t, online ? 120 : 10));
  if (!received) return;
  const limitMinutes = Math.max(60, cal.workingMinutesBetween(received.receivedAt!, received.dueAt!));
  if (p.outcome === 'withdrawn') {
    await step('withdraw', cast.receptionist, { reason: 'Người nộp xin rút hồ sơ.' }, later(t, limitMinutes * 0.3));
    return;
  }
  if (p.outcome === 'supplement') {
    if (!(await step('requestSupplement', cast.receptionist, { missingItems: ['Bản sao giấy tờ tùy thân'], reason: 'Thiếu giấy tờ.' }, later(t, 30)))) return;
    if (!(await step('supplement', online ? cast.resident : cast.receptionist, {}, later(t, 450 * 2)))) return;
  }
  if (p.outcome === 'open') return;
  const standard = received.workflow.id === 'standard';
  if (standard && !(await step('assign', cast.receptionist, { specialistUserId: cast.specialist.userId }, later(t, 20)))) return;
  const processor = standard ? cast.specialist : cast.receptionist;
  if (!(await step('submitForApproval', processor, { note: 'Hồ sơ đủ điều kiện.' }, later(t, limitMinutes * p.speed * 0.7)))) return;
  if (!(await step('approve', cast.leader, {}, later(t, limitMinutes * p.speed * 0.3)))) return;
  if (!(await step('returnResult', cast.receptionist, { method: online ? 'online' : 'counter' }, later(t, 30)))) return;
  if (p.rating && online) await step('rate', cast.resident, { score: p.rating, comment: '' }, later(t, 60));
}
