import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { generateDossiers } from '../../src/dossiers/generate.js';
import { findUnitByCode } from '../../src/identity/index.js';
import { processingReport } from '../../src/reports/report.js';
import { rebuildDailyStats } from '../../src/reports/daily.js';

/** The daily counts (kept with the events) and the dossier rows must give the same report for whole-day periods. */
const at = (s: string) => new Date(`${s}T00:00:00+07:00`);

describe('report from daily counts = report from dossier rows', () => {
  let app: TestApp;
  let units: number[];
  beforeAll(async () => {
    app = await createTestApp();
    for (const [code, seed] of [['18202', 3], ['18073', 5]] as const) {
      await generateDossiers(app.db, { count: 150, year: 2026, unitCode: code, seed, until: at('2026-12-01') });
    }
    units = [(await findUnitByCode(app.db, '18202'))!.id, (await findUnitByCode(app.db, '18073'))!.id];
  }, 180_000);
  afterAll(() => app.dispose());

  it('keeps the daily counts equal to a rebuild from the dossier rows', async () => {
    const q = sql`select * from dossier_stats_daily order by unit_id, day, procedure_code`;
    const live = await app.db.rows(q);
    expect(live.length).toBeGreaterThan(50);
    await rebuildDailyStats(app.db);
    expect(await app.db.rows(q)).toEqual(live);
  });

  const periods: Array<[string, Date, Date, Date]> = [
    ['January', at('2026-01-01'), at('2026-02-01'), at('2026-12-15')],
    ['second quarter', at('2026-04-01'), at('2026-07-01'), at('2026-12-15')],
    ['ten days in May', at('2026-05-11'), at('2026-05-21'), at('2026-12-15')],
    ['the year so far', at('2026-01-01'), at('2027-01-01'), at('2026-10-20')],
    ['the whole year', at('2026-01-01'), at('2027-01-01'), at('2027-02-01')],
  ];
  for (const [name, from, to, now] of periods) {
    it(`gives the same figures for ${name}, for both communes and each one`, async () => {
      for (const unitIds of [units, [units[0]!], [units[1]!]]) {
        const filter = { unitIds, from, to };
        const daily = await processingReport(app.db, filter, now);
        const rows = await processingReport(app.db, filter, now, { source: 'rows' });
        expect(daily.total).toEqual(rows.total);
        expect(daily.byUnit).toEqual(rows.byUnit);
        expect(daily.bySector).toEqual(rows.bySector);
        expect(daily.byProcedure).toEqual(rows.byProcedure);
        expect(daily.byMonth).toEqual(rows.byMonth);
        expect(daily.byOfficer).toEqual(rows.byOfficer);
      }
      const sector = (await processingReport(app.db, { unitIds: units, from, to }, now)).bySector[0]?.key;
      if (sector) {
        const f = { unitIds: units, from, to, sectorCode: sector };
        expect((await processingReport(app.db, f, now)).total).toEqual((await processingReport(app.db, f, now, { source: 'rows' })).total);
      }
    });
  }
});
