import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { generateDossiers } from '../../src/dossiers/generate.js';

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
