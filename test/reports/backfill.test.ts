import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { generateDossiers } from '../../src/dossiers/generate.js';
import { act, createDraft } from '../../src/dossiers/index.js';
import { findUnitByCode, principalByUsername } from '../../src/identity/index.js';
import type { Principal } from '../../src/platform/http/index.js';

/**
 * Installations upgraded from a version without statistics get their rows from migration 0007's backfill; it must
 * give the same rows as the code that keeps them during actions.
 */
const MIGRATION = new URL('../../src/platform/db/migrations/0007_dossier_stats.sql', import.meta.url);

describe('dossier_stats backfill', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    await generateDossiers(app.db, { count: 120, year: 2026, unitCode: '18202', seed: 11, until: new Date('2026-12-31T00:00:00+07:00') });
    // an apology followed by a supplement: the judged due date moves by the supplement's pause only
    const unitId = (await findUnitByCode(app.db, '18202'))!.id;
    const [reception, specialist, leader] = (await Promise.all(['tumy.tiepnhan', 'tumy.chuyenvien', 'tumy.lanhdao'].map((u) => principalByUsername(app.db, u)))) as Principal[];
    const at = (s: string) => new Date(`${s}+07:00`);
    const d = await createDraft(app.db, { unitId, procedureCode: '1.004873', channel: 'counter', applicant: { fullName: 'Lý Văn Long', idNumber: '', phone: '', email: '', address: '' }, ownerUserId: null, createdBy: reception!.userId, now: at('2026-05-04T09:00:00') });
    const step = (action: Parameters<typeof act>[1]['action'], who: Principal, time: string, payload: Record<string, unknown> = {}) =>
      act(app.db, { unitId, dossierId: d.id, action, actor: who, payload, idempotencyKey: null, now: at(time) });
    await step('receive', reception!, '2026-05-04T09:00:00');
    await step('assign', reception!, '2026-05-04T09:10:00', { specialistUserId: specialist!.userId });
    await step('apologize', leader!, '2026-05-05T09:00:00', { reason: 'Cần xác minh', newDueDate: '2026-05-20' });
    await step('requestSupplement', specialist!, '2026-05-05T10:00:00', { missingItems: 'Giấy tờ', reason: 'Thiếu' });
    await step('supplement', reception!, '2026-05-07T10:00:00');
    await step('submitForApproval', specialist!, '2026-05-07T11:00:00', { note: 'Đủ' });
    await step('approve', leader!, '2026-05-11T09:00:00');
    const row = (await app.db.rows<{ due_at: string; timeliness: string }>(sql`select due_at, timeliness from dossier_stats where unit_id = ${unitId} and dossier_id = ${d.id}`))[0]!;
    // received Monday 04/05 09:00 (due three working days later, 07/05), paused two days by the supplement: not 20/05
    expect(new Date(row.due_at).getTime()).toBeLessThan(at('2026-05-13T00:00:00').getTime());
    expect(row.timeliness).not.toBe('late');
  }, 120_000);
  afterAll(() => app.dispose());

  it('rebuilds exactly the rows the actions wrote', async () => {
    const select = sql`select unit_id, dossier_id, procedure_code, sector_code, channel, received_at, due_at, end_at, end_kind, timeliness,
      supplement_requests, waiting_since, received_by, handled_by, rating, fee_total, fee_method, digitized, e_result from dossier_stats order by unit_id, dossier_id`;
    const live = await app.db.rows(select);
    expect(live.length).toBeGreaterThan(100);
    expect(new Set(live.map((r) => r.timeliness))).toEqual(new Set(['early', 'onTime', 'late', null]));
    const backfill = readFileSync(MIGRATION, 'utf8').split('-- Existing dossiers')[1]!.split('\n').slice(1).join('\n');
    await app.db.withRawTransaction(async (tx) => {
      await tx.exec('delete from dossier_stats');
      await tx.exec(backfill);
    });
    expect(await app.db.rows(select)).toEqual(live);
  });
});
