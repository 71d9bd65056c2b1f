import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { act, createDraft } from '../../src/dossiers/index.js';
import { findUnitByCode, principalByUsername } from '../../src/identity/index.js';
import type { Principal } from '../../src/platform/http/index.js';
import { setSetting } from '../../src/platform/settings.js';
import { scoreOf, INDICATORS, GROUPS } from '../../src/reports/index766-definitions.js';
import { computeIndex766 } from '../../src/reports/index766.js';
import { processingReport } from '../../src/reports/report.js';
import { digitalFigures } from '../../src/reports/digital.js';
import { publicFigures } from '../../src/reports/transparency.js';

const at = (s: string) => new Date(`${s}+07:00`);
const APRIL = { from: at('2026-04-01T00:00:00'), to: at('2026-05-01T00:00:00') };
const LATER = at('2026-07-01T00:00:00');

describe('the 766 target rule', () => {
  it('gives full points at or above the target and proportional points below it', () => {
    expect(scoreOf(0.8, 6, 0.8)).toBe(6);
    expect(scoreOf(0.95, 6, 0.8)).toBe(6);
    expect(scoreOf(0.4, 6, 0.8)).toBe(3);
    expect(scoreOf(0.9, 6, 0.9)).toBe(6);
    expect(scoreOf(0.45, 6, 0.9)).toBe(3);
    expect(scoreOf(0.5, 12, 0.5)).toBe(12);
    expect(scoreOf(0.25, 12, 0.5)).toBe(6);
  });
  it('without a target, scores ratio × points, clamped to 0…points', () => {
    expect(scoreOf(0.75, 20, null)).toBe(15);
    expect(scoreOf(1.2, 20, null)).toBe(20);
    expect(scoreOf(-0.1, 20, null)).toBe(0);
    expect(scoreOf(1 / 3, 20, null)).toBe(6.67);
  });
  it('has group maxima that add up to 100 and indicator points within each group maximum', () => {
    expect(GROUPS.reduce((s, g) => s + g.max, 0)).toBe(100);
    for (const g of GROUPS) expect(INDICATORS.filter((i) => i.group === g.id).reduce((s, i) => s + i.points, 0)).toBeLessThanOrEqual(g.max);
  });
});

describe('766 indicators, digital figures and public figures from dossiers', () => {
  let app: TestApp;
  let unitId: number;
  let p: Record<'reception' | 'specialist' | 'leader' | 'resident', Principal>;

  beforeAll(async () => {
    app = await createTestApp();
    unitId = (await findUnitByCode(app.db, '18202'))!.id;
    const [reception, specialist, leader, resident] = (await Promise.all(['tumy.tiepnhan', 'tumy.chuyenvien', 'tumy.lanhdao', 'congdan'].map((u) => principalByUsername(app.db, u)))) as Principal[];
    p = { reception: reception!, specialist: specialist!, leader: leader!, resident: resident! };
    const applicant = { fullName: 'Võ Thị Lan', idNumber: '', phone: '0922222222', email: '', address: 'Thôn 2' };
    // April 2026: 3 counter dossiers resolved (2 early, 1 late), 1 online resolved early and rated 1 star, 1 counter still open
    const play = async (channel: 'counter' | 'online', received: string, approved: string | null, rating?: number) => {
      const d = await createDraft(app.db, { unitId, procedureCode: '1.004873', channel, applicant, ownerUserId: channel === 'online' ? p.resident.userId : null, createdBy: p.reception.userId, now: at(received) });
      const step = (action: Parameters<typeof act>[1]['action'], who: Principal, time: string, payload: Record<string, unknown> = {}) =>
        act(app.db, { unitId, dossierId: d.id, action, actor: who, payload, idempotencyKey: null, now: at(time) });
      if (channel === 'online') await step('submit', p.resident, received);
      await step('receive', p.reception, received);
      if (!approved) return;
      await step('assign', p.reception, received, { specialistUserId: p.specialist.userId });
      await step('submitForApproval', p.specialist, received, { note: 'Đủ' });
      await step('approve', p.leader, approved);
      if (rating) {
        await step('returnResult', p.reception, approved, { method: 'counter' });
        await step('rate', p.resident, approved, { score: String(rating) });
      }
    };
    await play('counter', '2026-04-06T09:00:00', '2026-04-07T09:00:00');
    await play('counter', '2026-04-06T09:00:00', '2026-04-07T10:00:00');
    await play('counter', '2026-04-06T09:00:00', '2026-04-20T09:00:00');
    await play('online', '2026-04-06T09:00:00', '2026-04-07T09:00:00', 1);
    await play('counter', '2026-04-06T09:00:00', null);
  });
  afterAll(() => app.dispose());

  it('computes the indicators we hold data for, from the same figures as the report', async () => {
    const filter = { unitIds: [unitId], ...APRIL };
    const index = await computeIndex766(app.db, filter, LATER);
    const report = await processingReport(app.db, filter, LATER);
    const byId = new Map(index.groups.flatMap((g) => g.indicators).map((i) => [i.id, i]));
    const i21 = byId.get('2.1')!;
    // resolved: 3 early + 1 late; open at the end of April and past due: 1 overdue
    expect(report.total).toMatchObject({ resolvedEarly: 3, resolvedLate: 1, inProgressOverdue: 1, receivedOnline: 1, receivedCounter: 4 });
    expect(i21).toMatchObject({ available: true, numerator: 3, denominator: 5, ratio: 0.6, score: 12 });
    expect(byId.get('3.3')).toMatchObject({ numerator: 1, denominator: 5, ratio: 0.2, score: 0 });
    // 5.4: 100% − (late 1/4 + dissatisfied 1/4) = 50% of the 90% target → 6 × 0.5 / 0.9
    expect(byId.get('5.4')).toMatchObject({ numerator: 2, denominator: 4, ratio: 0.5, score: 3.33 });
    expect(byId.get('2.2')!.ratio).toBeGreaterThan(0);
    // no keys in this app: no electronic result yet, a real 0 and not "unavailable"
    expect(byId.get('4.1')).toMatchObject({ available: true, numerator: 0, denominator: 4, score: 0 });
    for (const id of ['1.1', '1.2', '1.4', '3.5a', '4.3', '4.4', '4.5a', '4.5b', '5.2', '5.3']) {
      expect(byId.get(id), id).toMatchObject({ available: false, score: null, numerator: null });
      expect(byId.get(id)!.reason!.length, id).toBeGreaterThan(10);
    }
    const progress = index.groups.find((g) => g.id === 'progress')!;
    expect(progress.score).toBe(12);
    expect(index.total).toBeCloseTo(index.groups.reduce((s, g) => s + g.score, 0), 2);
    expect(index.maxAvailable).toBeLessThan(index.max);
  });

  it('uses configured points and targets instead of the researched defaults', async () => {
    await setSetting(app.db, 'index766.overrides', JSON.stringify({ '2.1': { points: 10, target: 0.5 } }));
    const index = await computeIndex766(app.db, { unitIds: [unitId], ...APRIL }, LATER);
    expect(index.groups.flatMap((g) => g.indicators).find((i) => i.id === '2.1')).toMatchObject({ points: 10, target: 0.5, score: 10 });
    await setSetting(app.db, 'index766.overrides', '{}');
  });

  it('gives the digital-transformation shares and the public monthly figures', async () => {
    const digital = await digitalFigures(app.db, { unitIds: [unitId], ...APRIL }, async (names) => new Set(names.filter((n) => n === 'tumy.lanhdao')), LATER);
    expect(digital.onlineDossiers).toBe(1);
    expect(digital.newDossiers).toBe(5);
    expect(digital.staffActive.numerator).toBeGreaterThanOrEqual(2); // the receptionist and the specialist
    expect(digital.staffWithCertificate.numerator).toBe(1);
    expect(digital.proceduresReceived.numerator).toBe(1);
    const pub = await publicFigures(app.db, unitId, 2026, LATER);
    const april = pub.months.find((m) => m.month === '2026-04')!;
    expect(april).toMatchObject({ received: 5, online: 1, resolved: 4, onTime: 3, ratings: 1, averageRating: 1 });
    expect(pub.onlineShare).toBeCloseTo(0.2, 10);
    expect(pub.months).toHaveLength(12);
  });
});
