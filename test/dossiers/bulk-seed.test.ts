import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { act, createDraft, verifyEventChains } from '../../src/dossiers/index.js';
import { bulkSeedDossiers, communeCodes, type BulkSeedResult } from '../../src/dossiers/bulk-seed.js';
import { generateDossiers } from '../../src/dossiers/generate.js';
import { demoCast } from '../../src/dossiers/demo-data.js';
import { findUnitByCode } from '../../src/identity/index.js';
import { METRICS, processingReport, type Metric } from '../../src/reports/report.js';
import { END_KINDS, openStatusAt, timelinessAtEnd } from '../../src/reports/rules.js';

/**
 * The bulk seeder writes what the app writes: valid event chains, statistics rows that follow from the events by the
 * same rules, report numbers that match counts taken from the events themselves, and codes the app continues.
 */
const UNTIL = new Date('2026-10-30T12:00:00+07:00');
const YEAR = { from: new Date('2026-01-01T00:00:00+07:00'), to: new Date('2027-01-01T00:00:00+07:00') };
const JUNE = { from: new Date('2026-06-01T00:00:00+07:00'), to: new Date('2026-07-01T00:00:00+07:00') };
const PER_UNIT = 300;

type Row = Record<string, unknown>;
const time = (v: unknown) => (v == null ? null : new Date(v as string).getTime());

/** What a dossier's events say about it, by the statistics rules (domain-vn.md §1.5), independently of dossier_stats. */
interface Replayed {
  unitId: number;
  dossierId: number;
  channel: string;
  receivedAt: number | null;
  receivedBy: number | null;
  /** due date of the last receipt or supplement (an apology does not move it) */
  dueAt: number | null;
  endAt: number | null;
  endKind: string | null;
  supplements: number;
  waitingSince: number | null;
  timeliness: string | null;
}

function replay(d: Row, events: Row[]): Replayed {
  const r: Replayed = {
    unitId: Number(d.unit_id), dossierId: Number(d.id), channel: String(d.channel), receivedAt: null, receivedBy: null, dueAt: null, endAt: null, endKind: null,
    supplements: 0, waitingSince: null, timeliness: null,
  };
  let lastRequest: number | null = null;
  for (const e of events) {
    const action = String(e.action);
    if (action === 'receive') {
      r.receivedAt = time(e.at);
      r.receivedBy = Number(e.actor_user_id);
    }
    if (action === 'receive' || action === 'supplement') r.dueAt = time(e.due_at);
    if (action === 'requestSupplement') {
      r.supplements++;
      lastRequest = time(e.at);
    }
    if (END_KINDS[action] && r.endAt === null) {
      r.endAt = time(e.at);
      r.endKind = END_KINDS[action]!;
    }
  }
  const last = events[events.length - 1];
  if (last?.state_after === 'supplementRequested') r.waitingSince = lastRequest;
  if (r.endAt !== null && (r.endKind === 'resolved' || r.endKind === 'refused')) {
    r.timeliness = timelinessAtEnd({ endAt: new Date(r.endAt), dueAt: r.dueAt === null ? null : new Date(r.dueAt), supplementRequests: r.supplements });
  }
  return r;
}

/** Report numbers counted in the test from replayed histories (metric conditions of report.ts, written out again). */
function countFromEvents(histories: Replayed[], period: { from: Date; to: Date }, asOf: Date): Record<Metric, number> {
  const from = period.from.getTime();
  const to = period.to.getTime();
  const at = asOf.getTime();
  const c = Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>;
  for (const h of histories) {
    if (h.receivedAt === null) continue;
    const endedIn = h.endAt !== null && h.endAt >= from && h.endAt < to;
    if (h.receivedAt < from && (h.endAt === null || h.endAt >= from)) c.carriedOver++;
    if (h.receivedAt >= from && h.receivedAt < to) c[h.channel === 'online' ? 'receivedOnline' : h.channel === 'post' ? 'receivedPost' : 'receivedCounter']++;
    if (endedIn && h.timeliness) c[h.timeliness === 'early' ? 'resolvedEarly' : h.timeliness === 'onTime' ? 'resolvedOnTime' : 'resolvedLate']++;
    if (endedIn && h.endKind === 'withdrawn') c.withdrawn++;
    if (endedIn && h.endKind === 'stopped') c.stopped++;
    if (h.receivedAt < at && (h.endAt === null || h.endAt >= at)) {
      const status = openStatusAt({ dueAt: h.dueAt === null ? null : new Date(h.dueAt), supplementRequests: h.supplements, waitingSince: h.waitingSince === null ? null : new Date(h.waitingSince) }, asOf);
      c[status === 'overdue' ? 'inProgressOverdue' : 'inProgressWithinTime']++;
    }
  }
  return c;
}

describe('bulk demo seeding', () => {
  let app: TestApp;
  let codes: string[];
  let unitIds: number[];
  let result: BulkSeedResult;

  async function histories(): Promise<Map<string, { dossier: Row; replayed: Replayed; events: Row[] }>> {
    const dossiers = await app.db.rows<Row>(sql`select * from dossiers order by unit_id, id`);
    const events = await app.db.rows<Row>(sql`select * from dossier_events order by unit_id, dossier_id, seq`);
    const byDossier = new Map<string, Row[]>();
    for (const e of events) {
      const key = `${e.unit_id}/${e.dossier_id}`;
      byDossier.set(key, [...(byDossier.get(key) ?? []), e]);
    }
    return new Map(dossiers.map((d) => {
      const key = `${d.unit_id}/${d.id}`;
      const es = byDossier.get(key) ?? [];
      return [key, { dossier: d, events: es, replayed: replay(d, es) }];
    }));
  }

  beforeAll(async () => {
    app = await createTestApp();
    codes = await communeCodes(app.db, 2);
    unitIds = await Promise.all(codes.map(async (c) => (await findUnitByCode(app.db, c))!.id));
    // a few dossiers through the app's own actions first: the same replay must hold for them (it anchors the rules), and
    // the bulk seeder must continue their codes
    await generateDossiers(app.db, { count: 25, year: 2026, unitCode: codes[0]!, seed: 3, until: UNTIL });
    result = await bulkSeedDossiers(app.db, { perUnit: PER_UNIT, year: 2026, unitCodes: codes, seed: 5, until: UNTIL, batchSize: 128 });
  }, 180_000);
  afterAll(() => app.dispose());

  it('seeds the requested dossiers with realistic outcomes and no event after the cut-off', async () => {
    expect(result.dossiers).toBe(2 * PER_UNIT);
    const rows = await app.db.rows<{ unit_id: number; n: number }>(sql`select unit_id, count(*)::int as n from dossiers group by unit_id order by unit_id`);
    expect(rows.map((r) => Number(r.n))).toEqual([PER_UNIT + 25, PER_UNIT]);
    const [events] = await app.db.rows<{ n: number; last: string }>(sql`select count(*)::int as n, max(at) as last from dossier_events`);
    expect(Number(events!.n)).toBeGreaterThan(result.events); // the app-generated ones too
    expect(new Date(events!.last).getTime()).toBeLessThanOrEqual(UNTIL.getTime());
    const all = [...(await histories()).values()];
    const share = (f: (h: (typeof all)[number]) => boolean) => all.filter(f).length / all.length;
    expect(share((h) => h.dossier.channel === 'online')).toBeGreaterThan(0.3);
    expect(share((h) => h.dossier.channel === 'counter')).toBeGreaterThan(0.45);
    expect(share((h) => h.dossier.channel === 'post')).toBeGreaterThan(0.01);
    const resolved = all.filter((h) => h.replayed.endKind === 'resolved');
    expect(resolved.filter((h) => h.replayed.timeliness === 'late').length / resolved.length).toBeGreaterThan(0.02);
    expect(resolved.filter((h) => h.replayed.timeliness !== 'late').length / resolved.length).toBeGreaterThan(0.8);
    for (const kind of ['withdrawn', 'stopped']) expect(all.some((h) => h.replayed.endKind === kind)).toBe(true);
    expect(all.some((h) => h.replayed.supplements === 2)).toBe(true);
    expect(all.some((h) => h.events.some((e) => e.action === 'apologize'))).toBe(true);
    expect(all.some((h) => h.dossier.rating !== null)).toBe(true);
    expect(all.some((h) => h.dossier.state === 'resultReady')).toBe(true);
    // the last days' dossiers are still open at the cut-off
    expect(all.some((h) => h.replayed.receivedAt !== null && h.replayed.endAt === null)).toBe(true);
    // civil status dominates
    const civil = all.filter((h) => (h.dossier.procedure_code as string).startsWith('1.00') || (h.dossier.procedure_code as string) === '2.000635');
    expect(civil.length / all.length).toBeGreaterThan(0.4);
  });

  it('writes valid hash chains (xaso audit verify)', async () => {
    const report = await verifyEventChains(app.db);
    expect(report.problems).toEqual([]);
    expect(report.dossiers).toBe(2 * PER_UNIT + 25);
  });

  it('keeps every statistics row equal to what the dossier’s events give by the rules', async () => {
    const stats = new Map((await app.db.rows<Row>(sql`select * from dossier_stats`)).map((s) => [`${s.unit_id}/${s.dossier_id}`, s]));
    let counted = 0;
    for (const [key, { dossier: d, replayed: r, events }] of await histories()) {
      expect(Number(d.version), key).toBe(events.length);
      expect(d.state, key).toBe(events[events.length - 1]?.state_after ?? 'draft');
      const s = stats.get(key);
      if (r.receivedAt === null) {
        expect(s, key).toBeUndefined();
        continue;
      }
      counted++;
      expect({
        received_at: time(s!.received_at), due_at: time(s!.due_at), end_at: time(s!.end_at), end_kind: s!.end_kind, timeliness: s!.timeliness,
        supplement_requests: Number(s!.supplement_requests), waiting_since: time(s!.waiting_since), received_by: Number(s!.received_by), channel: s!.channel,
        procedure_code: s!.procedure_code, handled_by: s!.handled_by == null ? null : Number(s!.handled_by), rating: s!.rating == null ? null : Number(s!.rating),
        fee_total: Number(s!.fee_total),
      }, key).toEqual({
        received_at: r.receivedAt, due_at: r.dueAt, end_at: r.endAt, end_kind: r.endKind, timeliness: r.timeliness, supplement_requests: r.supplements,
        waiting_since: r.waitingSince, received_by: r.receivedBy, channel: r.channel, procedure_code: d.procedure_code,
        handled_by: d.assigned_to == null ? null : Number(d.assigned_to), rating: d.rating == null ? null : Number(d.rating),
        fee_total: Number((d.fee as { total?: number } | null)?.total ?? 0),
      });
    }
    expect(counted).toBe(stats.size);
    expect(counted).toBeGreaterThan(2 * PER_UNIT * 0.9);
  });

  it('gives the same statistics rows as the upgrade backfill of migration 0007 (every column), apologies aside', async () => {
    // The backfill takes the due date of the last event other than an apology, but the events after an apology carry
    // the new date, so it judges an apologised dossier by the apology's date; the live rows (and the rules) do not.
    const select = `select unit_id, dossier_id, procedure_code, sector_code, channel, received_at, due_at, end_at, end_kind, timeliness, supplement_requests,
      waiting_since, received_by, handled_by, rating, fee_total, fee_method, digitized, e_result from dossier_stats s
      where not exists (select 1 from dossier_events e where e.unit_id = s.unit_id and e.dossier_id = s.dossier_id and e.action = 'apologize')
      order by unit_id, dossier_id`;
    const migration = readFileSync(new URL('../../src/platform/db/migrations/0007_dossier_stats.sql', import.meta.url), 'utf8');
    const backfill = migration.slice(migration.indexOf('\n', migration.indexOf('-- Existing dossiers')));
    const live = await app.db.withRawTransaction((tx) => tx.query(select));
    const rebuilt = await app.db.withRawTransaction(async (tx) => {
      await tx.exec('delete from dossier_stats');
      await tx.exec(backfill);
      const rows = await tx.query(select);
      throw Object.assign(new Error('roll back'), { rows });
    }).catch((err: { rows?: Row[] }) => err.rows ?? String(err));
    expect(live.length).toBeGreaterThan(2 * PER_UNIT * 0.8);
    expect(rebuilt).toEqual(live);
  });

  it('reports the numbers counted from the events (province year, one commune, one month)', async () => {
    const all = [...(await histories()).values()].map((h) => h.replayed);
    for (const [units, period] of [[unitIds, YEAR], [[unitIds[1]!], YEAR], [unitIds, JUNE]] as const) {
      const report = await processingReport(app.db, { unitIds: [...units], ...period }, UNTIL);
      const expected = countFromEvents(all.filter((h) => units.includes(h.unitId)), period, report.asOf);
      for (const [metric, n] of Object.entries(expected)) expect(report.total[metric as Metric], metric).toBe(n);
      expect(report.byMonth.reduce((n, m) => n + m.received, 0)).toBe(report.total.newInPeriod);
      expect(report.byUnit.reduce((n, u) => n + u.figures.received, 0)).toBe(report.total.received);
    }
    const june = await processingReport(app.db, { unitIds, ...JUNE }, UNTIL);
    expect(june.total.carriedOver).toBeGreaterThan(0);
    const year = await processingReport(app.db, { unitIds, ...YEAR }, UNTIL);
    expect(year.total.inProgress).toBeGreaterThan(0);
  });

  it('lets the app act on a bulk dossier, and continues the codes without a duplicate', async () => {
    const unit = (await findUnitByCode(app.db, codes[1]!))!;
    const cast = await demoCast(app.db, unit);
    const [ready] = await app.db.rows<{ id: number }>(sql`select id from dossiers where unit_id = ${unit.id} and state = 'resultReady' order by id limit 1`);
    const now = new Date(UNTIL.getTime() + 3_600_000);
    const returned = await act(app.db, { unitId: unit.id, dossierId: Number(ready!.id), action: 'returnResult', actor: cast.receptionist, payload: { method: 'counter' }, idempotencyKey: null, now });
    expect(returned.dossier.state).toBe('returned');

    // a counter dossier received just after the last code was given, in each unit
    const before = await app.db.rows<{ code: string }>(sql`select code from dossiers where code is not null`);
    for (const u of [unit, (await findUnitByCode(app.db, codes[0]!))!]) {
      const [last] = await app.db.rows<{ at: string }>(sql`select max(at) as at from dossier_events where unit_id = ${u.id} and payload ? 'code'`);
      const at = new Date(new Date(last!.at).getTime() + 60_000);
      const staff = await demoCast(app.db, u);
      const draft = await createDraft(app.db, { unitId: u.id, procedureCode: '1.001193', channel: 'counter', applicant: { fullName: 'Trần Thị Mới' }, ownerUserId: null, createdBy: staff.receptionist.userId, now: at });
      const received = await act(app.db, { unitId: u.id, dossierId: draft.id, action: 'receive', actor: staff.receptionist, payload: {}, idempotencyKey: null, now: at });
      const code = received.dossier.code!;
      expect(before.map((r) => r.code)).not.toContain(code);
      const prefix = code.slice(0, code.lastIndexOf('-') + 1);
      const sameDay = before.map((r) => r.code).filter((c) => c.startsWith(prefix)).map((c) => Number(c.slice(prefix.length)));
      expect(sameDay.length).toBeGreaterThan(0);
      expect(Number(code.slice(prefix.length))).toBe(Math.max(...sameDay) + 1);
      const [register] = await app.db.rows<{ n: number }>(sql`select max(register_seq)::int as n from dossiers where unit_id = ${u.id} and register_book = '2026' and id <> ${draft.id}`);
      expect(received.dossier.registerSeq).toBe(Number(register!.n) + 1);
    }
    expect((await verifyEventChains(app.db)).problems).toEqual([]);
  });
});
