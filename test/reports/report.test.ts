import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { act, createDraft } from '../../src/dossiers/index.js';
import type { ActionName } from '../../src/dossiers/workflow/index.js';
import { findUnitByCode, principalByUsername } from '../../src/identity/index.js';
import type { Principal } from '../../src/platform/http/index.js';
import { processingReport, reportDossiers, type Metric, type ReportFilter } from '../../src/reports/report.js';
import { openStatusAt, timelinessAtEnd } from '../../src/reports/rules.js';

/**
 * Hand-made event histories in March 2026 (1.004873: 3 working days), each checked against the rules of
 * domain-vn.md §1.5; the report for March must count each dossier exactly where the rules put it.
 */
const PROCEDURE = '1.004873';
const at = (s: string) => new Date(`${s}+07:00`);
const MARCH = { from: at('2026-03-01T00:00:00'), to: at('2026-04-01T00:00:00') };
const applicant = { fullName: 'Đỗ Văn Hùng', idNumber: '', phone: '0911111111', email: '', address: 'Thôn 1' };

describe('processing report from dossier events', () => {
  let app: TestApp;
  let unitId: number;
  let otherUnitId: number;
  let people: Record<'reception' | 'specialist' | 'leader', Principal>;
  const expected = new Map<string, Metric>();

  beforeAll(async () => {
    app = await createTestApp();
    unitId = (await findUnitByCode(app.db, '18202'))!.id;
    otherUnitId = (await findUnitByCode(app.db, '18073'))!.id;
    const [reception, specialist, leader] = (await Promise.all(['tumy.tiepnhan', 'tumy.chuyenvien', 'tumy.lanhdao'].map((u) => principalByUsername(app.db, u)))) as Principal[];
    people = { reception: reception!, specialist: specialist!, leader: leader! };
  });
  afterAll(() => app.dispose());

  /** Creates a counter dossier and plays the steps; returns its id. Steps: [action, who, Vietnam local time, payload]. */
  async function history(name: string, steps: Array<[ActionName, keyof typeof people, string, Record<string, unknown>?]>, expect: Metric) {
    const d = await createDraft(app.db, { unitId, procedureCode: PROCEDURE, channel: 'counter', applicant: { ...applicant, fullName: name }, ownerUserId: null, createdBy: people.reception.userId, now: at(steps[0]![2]) });
    for (const [action, who, time, payload] of steps) {
      const extra = action === 'assign' ? { specialistUserId: people.specialist.userId } : {};
      await act(app.db, { unitId, dossierId: d.id, action, actor: people[who], payload: { ...extra, ...(payload ?? {}) }, idempotencyKey: null, now: at(time) });
    }
    expected.set(name, expect);
    return d.id;
  }
  const toApproval = (received: string, approvedAt: string): Array<[ActionName, keyof typeof people, string, Record<string, unknown>?]> => [
    ['receive', 'reception', received], ['assign', 'reception', received], ['submitForApproval', 'specialist', received, { note: 'Đủ' }],
    ['approve', 'leader', approvedAt],
  ];
  const stats = async (id: number) => (await app.db.rows<Record<string, unknown>>(sql`select * from dossier_stats where unit_id = ${unitId} and dossier_id = ${id}`))[0]!;

  it('classifies each history by the rules', async () => {
    // received Monday 09/03 09:00; due three working days later
    const early = await history('Sớm', toApproval('2026-03-09T09:00:00', '2026-03-10T10:00:00'), 'resolvedEarly');
    const due = new Date((await stats(early)).due_at as string);
    expect(due.getTime()).toBeGreaterThan(at('2026-03-11T17:00:00').getTime());
    const onTimeAt = new Date(due.getTime() - 60_000);
    const vnIso = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 19);
    await history('Đúng hạn', toApproval('2026-03-09T09:00:00', vnIso(onTimeAt)), 'resolvedOnTime');
    await history('Trễ', toApproval('2026-03-09T09:00:00', vnIso(new Date(due.getTime() + 24 * 3_600_000))), 'resolvedLate');

    // a supplement's waiting time is subtracted: approved after the original due date, but on time
    const supplemented = await history('Bổ sung một lần', [
      ['receive', 'reception', '2026-03-09T09:00:00'], ['requestSupplement', 'reception', '2026-03-10T09:00:00', { missingItems: 'Bản sao CCCD', reason: 'Thiếu' }],
      ['supplement', 'reception', '2026-03-16T09:00:00'], ['assign', 'reception', '2026-03-16T09:05:00'],
      ['submitForApproval', 'specialist', '2026-03-16T10:00:00', { note: 'Đủ' }], ['approve', 'leader', vnIso(new Date(due.getTime() + 2 * 24 * 3_600_000))],
    ], 'resolvedOnTime');
    const s = await stats(supplemented);
    expect(new Date(s.due_at as string).getTime()).toBeGreaterThan(due.getTime() + 2 * 24 * 3_600_000);
    expect(s.timeliness).not.toBe('late');
    expected.set('Bổ sung một lần', s.timeliness === 'early' ? 'resolvedEarly' : 'resolvedOnTime');

    // two supplement requests: late even though it finished the next day
    await history('Bổ sung hai lần', [
      ['receive', 'reception', '2026-03-09T09:00:00'], ['requestSupplement', 'reception', '2026-03-09T10:00:00', { missingItems: 'Tờ khai', reason: 'Thiếu' }],
      ['supplement', 'reception', '2026-03-09T11:00:00'], ['requestSupplement', 'reception', '2026-03-09T14:00:00', { missingItems: 'Ảnh', reason: 'Thiếu' }],
      ['supplement', 'reception', '2026-03-09T15:00:00'], ['assign', 'reception', '2026-03-09T15:05:00'],
      ['submitForApproval', 'specialist', '2026-03-09T16:00:00', { note: 'Đủ' }], ['approve', 'leader', '2026-03-10T09:00:00'],
    ], 'resolvedLate');

    // still open at the end of March: one past due (overdue), one received on 30/03 (within time),
    // one waiting for the applicant's single supplement although its due date has passed (clock stopped: within time)
    await history('Quá hạn đang xử lý', [['receive', 'reception', '2026-03-02T09:00:00'], ['assign', 'reception', '2026-03-02T09:10:00']], 'inProgressOverdue');
    await history('Trong hạn đang xử lý', [['receive', 'reception', '2026-03-30T09:00:00']], 'inProgressWithinTime');
    await history('Chờ bổ sung', [['receive', 'reception', '2026-03-02T09:00:00'], ['requestSupplement', 'reception', '2026-03-03T09:00:00', { missingItems: 'Giấy', reason: 'Thiếu' }]], 'inProgressWithinTime');

    // withdrawal ends processing; a stop too
    await history('Rút hồ sơ', [['receive', 'reception', '2026-03-09T09:00:00'], ['withdraw', 'reception', '2026-03-10T09:00:00', { reason: 'Người dân xin rút' }]], 'withdrawn');
    await history('Dừng xử lý', [['receive', 'reception', '2026-03-09T09:00:00'], ['stop', 'leader', '2026-03-10T09:00:00', { reason: 'Không thuộc thẩm quyền' }]], 'stopped');

    // received in February, still open on 1 March: carried over (and resolved early in March)
    await history('Kỳ trước chuyển sang', toApproval('2026-02-27T09:00:00', '2026-03-02T09:00:00'), 'resolvedEarly');
  });

  it('counts each dossier where the rules put it, and every number lists exactly its dossiers', async () => {
    const filter: ReportFilter = { unitIds: [unitId], ...MARCH };
    const report = await processingReport(app.db, filter, at('2026-06-01T00:00:00'));
    const byMetric = new Map<Metric, string[]>();
    for (const [name, metric] of expected) byMetric.set(metric, [...(byMetric.get(metric) ?? []), name]);
    for (const metric of ['resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'inProgressWithinTime', 'inProgressOverdue', 'withdrawn', 'stopped'] as Metric[]) {
      const names = (byMetric.get(metric) ?? []).sort();
      expect(report.total[metric], metric).toBe(names.length);
      const listed = await reportDossiers(app.db, filter, metric, { limit: 100, offset: 0 }, at('2026-06-01T00:00:00'));
      expect(listed.items.map((i) => i.applicantName).sort(), metric).toEqual(names);
    }
    expect(report.total.carriedOver).toBe(1);
    expect(report.total.receivedCounter).toBe(expected.size - 1);
    expect(report.total.receivedOnline + report.total.receivedPost).toBe(0);
    const resolved = report.total.resolvedEarly + report.total.resolvedOnTime + report.total.resolvedLate;
    expect(report.total.onTimeRate).toBeCloseTo((report.total.resolvedEarly + report.total.resolvedOnTime) / resolved, 10);
    // the breakdowns add up to the total
    for (const rows of [report.byProcedure, report.bySector, report.byUnit, report.byOfficer]) {
      expect(rows.reduce((n, r) => n + r.figures.received, 0)).toBe(report.total.received);
    }
    expect(report.byMonth.find((m) => m.month === '2026-03')!.received).toBe(report.total.newInPeriod);
  });

  it('agrees with the pure rules for every dossier, and another unit sees none of them', async () => {
    const rows = await app.db.rows<Record<string, unknown>>(sql`select * from dossier_stats where unit_id = ${unitId}`);
    const end = MARCH.to;
    for (const r of rows) {
      const dueAt = r.due_at ? new Date(r.due_at as string) : null;
      if (r.end_kind === 'resolved' || r.end_kind === 'refused') {
        expect(r.timeliness).toBe(timelinessAtEnd({ endAt: new Date(r.end_at as string), dueAt, supplementRequests: Number(r.supplement_requests) }));
      }
      if (!r.end_at || new Date(r.end_at as string) >= end) {
        const status = openStatusAt({ dueAt, supplementRequests: Number(r.supplement_requests), waitingSince: r.waiting_since ? new Date(r.waiting_since as string) : null }, end);
        const listed = await reportDossiers(app.db, { unitIds: [unitId], ...MARCH }, status === 'overdue' ? 'inProgressOverdue' : 'inProgressWithinTime', { limit: 100, offset: 0 }, at('2026-06-01T00:00:00'));
        expect(listed.items.some((i) => i.dossierId === Number(r.dossier_id))).toBe(true);
      }
    }
    const other = await processingReport(app.db, { unitIds: [otherUnitId], ...MARCH });
    expect(other.total.received).toBe(0);
  });

  it('judges an apology-extended dossier by its original due date (late), not the new one', async () => {
    const id = await history('Xin lỗi', [
      ['receive', 'reception', '2026-03-09T09:00:00'], ['assign', 'reception', '2026-03-09T09:05:00'],
    ], 'resolvedLate');
    const before = await stats(id);
    await act(app.db, { unitId, dossierId: id, action: 'apologize', actor: people.leader, payload: { reason: 'Cần xác minh thêm', newDueDate: '2026-03-20' }, idempotencyKey: null, now: at('2026-03-11T09:00:00') });
    expect((await stats(id)).due_at).toEqual(before.due_at);
    await act(app.db, { unitId, dossierId: id, action: 'submitForApproval', actor: people.specialist, payload: { note: 'Đủ' }, idempotencyKey: null, now: at('2026-03-18T09:00:00') });
    await act(app.db, { unitId, dossierId: id, action: 'approve', actor: people.leader, payload: {}, idempotencyKey: null, now: at('2026-03-18T10:00:00') });
    expect((await stats(id)).timeliness).toBe('late');
  });
});
