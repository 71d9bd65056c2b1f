import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { createTestDatabase } from '../helpers/db.js';
import type { Database } from '../../src/platform/db/index.js';
import { seedUnitsData, findUnitByCode, DEMO_COMMUNE_CODE } from '../../src/identity/index.js';
import { DEMO_SECOND_COMMUNE_CODE } from '../../src/identity/demo.js';
import {
  VisitCounter, isBotUserAgent, normalisePath, MAX_FLUSHED_PATHS, OTHER_PATH, ONLINE_WINDOW_MS, VISIT_GAP_MS,
} from '../../src/portal/visits/counter.js';
import { createVisitTracker } from '../../src/portal/visits/tracker.js';
import { topPages, visitsByDay } from '../../src/portal/visits/store.js';

const CHROME = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0';
// 10:00 on 2026-11-26 in Vietnam
const START = Date.parse('2026-11-26T10:00:00+07:00');

const dialect = new PgDialect();
const textOf = (query: SQL) => dialect.sqlToQuery(query).sql;

/** A Database that records every statement it is given (the tracker only uses `rows`). */
function countingDatabase(db: Database): Database & { statements: string[] } {
  const statements: string[] = [];
  return {
    kind: db.kind,
    orm: db.orm,
    statements,
    rows: (query) => {
      statements.push(textOf(query));
      return db.rows(query);
    },
    withRawTransaction: (fn) => {
      statements.push('(transaction)');
      return db.withRawTransaction(fn);
    },
    ping: () => db.ping(),
    close: () => db.close(),
  };
}

describe('visit counter (memory only)', () => {
  it('normalises paths and recognises bots', () => {
    expect(normalisePath('/thu-tuc?q=khai+sinh#x')).toBe('/thu-tuc');
    expect(normalisePath('/tin-tuc/')).toBe('/tin-tuc');
    expect(normalisePath('/')).toBe('/');
    expect(normalisePath('/' + 'a'.repeat(400))).toBe(OTHER_PATH);
    for (const ua of ['Googlebot/2.1 (+http://www.google.com/bot.html)', 'Mozilla/5.0 (compatible; bingbot/2.0)', 'Chrome-Lighthouse', 'curl/8.5.0', 'Baiduspider', 'python-requests/2.31', '', undefined]) {
      expect(isBotUserAgent(ua), String(ua)).toBe(true);
    }
    expect(isBotUserAgent(CHROME)).toBe(false);
    expect(isBotUserAgent(FIREFOX)).toBe(false);
  });

  it('counts one visit per visitor per 30 minutes without a view, and every view', () => {
    let now = START;
    const c = new VisitCounter('secret', () => now);
    for (let i = 0; i < 50; i++) {
      c.record({ unitId: 1, url: `/?reload=${i}`, ip: '198.51.100.7', userAgent: CHROME });
      now += 20_000; // a script reloading every 20 s for ~17 minutes
    }
    c.record({ unitId: 1, url: '/thu-tuc', ip: '198.51.100.7', userAgent: FIREFOX }); // another browser, same IP
    c.record({ unitId: 1, url: '/thu-tuc', ip: '198.51.100.8', userAgent: CHROME }); // same browser, other IP
    expect(c.pendingVisits(1)).toBe(3);
    now += VISIT_GAP_MS; // 30 minutes later: a new visit
    c.record({ unitId: 1, url: '/', ip: '198.51.100.7', userAgent: CHROME });
    const rows = c.drain();
    expect(rows).toEqual([
      { unitId: 1, day: '2026-11-26', path: '/', views: 51, visits: 2 },
      { unitId: 1, day: '2026-11-26', path: '/thu-tuc', views: 2, visits: 2 },
    ]);
    expect(c.drain()).toEqual([]);
  });

  it('online now: distinct visitors of the last 5 minutes, dropping afterwards', () => {
    let now = START;
    const c = new VisitCounter('secret', () => now);
    c.record({ unitId: 1, url: '/', ip: '198.51.100.7', userAgent: CHROME });
    c.record({ unitId: 1, url: '/', ip: '198.51.100.7', userAgent: CHROME });
    c.record({ unitId: 1, url: '/', ip: '198.51.100.9', userAgent: CHROME });
    c.record({ unitId: 2, url: '/', ip: '198.51.100.9', userAgent: CHROME });
    expect(c.online(1)).toBe(2);
    expect(c.online(2)).toBe(1);
    now += 4 * 60_000;
    c.record({ unitId: 1, url: '/', ip: '198.51.100.9', userAgent: CHROME });
    expect(c.online(1)).toBe(2);
    now += ONLINE_WINDOW_MS - 4 * 60_000; // the first visitor's last view is now 5 minutes old
    expect(c.online(1)).toBe(1);
    now += 4 * 60_000 + 1;
    expect(c.online(1)).toBe(0);
    expect(c.online(2)).toBe(0);
  });

  it('uses a new visitor key each day (a new visit after midnight, no link between days)', () => {
    let now = Date.parse('2026-11-26T23:55:00+07:00');
    const c = new VisitCounter('secret', () => now);
    c.record({ unitId: 1, url: '/', ip: '198.51.100.7', userAgent: CHROME });
    now += 10 * 60_000;
    c.record({ unitId: 1, url: '/', ip: '198.51.100.7', userAgent: CHROME });
    expect(c.drain().map((r) => [r.day, r.visits])).toEqual([['2026-11-26', 1], ['2026-11-27', 1]]);
  });

  it('bounds memory: forgets visitors after the period and beyond the cap', () => {
    let now = START;
    const c = new VisitCounter('secret', () => now, 100);
    for (let i = 0; i < 250; i++) c.record({ unitId: 1, url: '/', ip: `10.0.${i >> 8}.${i & 255}`, userAgent: CHROME });
    expect(c.rememberedVisitors()).toBe(100);
    now += VISIT_GAP_MS;
    c.prune();
    expect(c.rememberedVisitors()).toBe(0);
  });

  it('flushes at most 500 paths per day and adds the rest to "(other)"', () => {
    const c = new VisitCounter('secret', () => START);
    for (let i = 0; i < MAX_FLUSHED_PATHS + 20; i++) {
      for (let v = 0; v <= (i < MAX_FLUSHED_PATHS ? 1 : 0); v++) c.record({ unitId: 1, url: `/trang-${i}`, ip: `10.1.${i >> 8}.${i & 255}`, userAgent: CHROME });
    }
    const rows = c.drain();
    expect(rows).toHaveLength(MAX_FLUSHED_PATHS + 1);
    expect(rows.find((r) => r.path === OTHER_PATH)).toMatchObject({ views: 20, visits: 20 });
    expect(rows.reduce((s, r) => s + r.views, 0)).toBe(MAX_FLUSHED_PATHS * 2 + 20);
  });
});

describe('visit tracker on the database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let unitId: number;
  let otherUnitId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedUnitsData(db);
    unitId = (await findUnitByCode(db, DEMO_COMMUNE_CODE))!.id;
    otherUnitId = (await findUnitByCode(db, DEMO_SECOND_COMMUNE_CODE))!.id;
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('writes nothing per page view; one upsert per flush; the totals add up across flushes and instances', async () => {
    let now = START;
    const counted = countingDatabase(db);
    const tracker = createVisitTracker({ db: counted, now: () => now, units: [unitId] });
    await tracker.start();
    counted.statements.length = 0;

    for (let i = 0; i < 1000; i++) tracker.record({ unitId, url: i % 2 ? '/' : '/thu-tuc?q=a', ip: '198.51.100.7', userAgent: CHROME });
    tracker.record({ unitId, url: '/', ip: '198.51.100.8', userAgent: CHROME });
    tracker.record({ unitId: otherUnitId, url: '/', ip: '198.51.100.8', userAgent: CHROME });
    expect(counted.statements).toEqual([]); // no statement at all on the hot path
    expect(await db.rows(sql`select * from site_visits_daily`)).toEqual([]);
    expect(tracker.figures(unitId)).toEqual({ total: 2, online: 2 }); // unwritten visits already shown

    await tracker.flush();
    const writes = counted.statements.filter((s) => !/^\s*select/i.test(s));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^insert into site_visits_daily/);
    expect(tracker.figures(unitId)).toEqual({ total: 2, online: 2 });
    expect(await visitsByDay(db, unitId, '2026-11-01', '2026-11-30')).toEqual([{ day: '2026-11-26', views: 1001, visits: 2 }]);
    expect(await topPages(db, unitId, '2026-11-26', '2026-11-26')).toEqual([
      { path: '/', views: 501, visits: 1 },
      { path: '/thu-tuc', views: 500, visits: 1 },
    ]);

    // a second instance counting the same day adds its own increments
    const second = createVisitTracker({ db, now: () => now, units: [unitId] });
    await second.start();
    expect(second.figures(unitId).total).toBe(2);
    second.record({ unitId, url: '/', ip: '198.51.100.7', userAgent: CHROME }); // its own memory: a visit there
    await second.stop();
    expect(await visitsByDay(db, unitId, '2026-11-26', '2026-11-26')).toEqual([{ day: '2026-11-26', views: 1002, visits: 3 }]);

    // the first instance: later views, a flush with nothing new writes nothing
    counted.statements.length = 0;
    await tracker.flush();
    expect(counted.statements).toEqual([]);
    now += 6 * 60_000;
    expect(tracker.figures(unitId).online).toBe(0);
    tracker.record({ unitId, url: '/', ip: '198.51.100.7', userAgent: CHROME }); // within 30 min: a view, no visit
    await tracker.stop();
    expect(tracker.figures(unitId)).toEqual({ total: 3, online: 1 });
    expect(await topPages(db, otherUnitId, '2026-11-26', '2026-11-26')).toEqual([{ path: '/', views: 1, visits: 1 }]);
  });

  it('keeps the counts when a flush fails and writes them with the next one', async () => {
    const now = Date.parse('2026-10-01T09:00:00+07:00');
    let fail = true;
    const flaky: Database = {
      ...countingDatabase(db),
      rows: (query) => (fail && /^insert into site_visits_daily/.test(textOf(query)) ? Promise.reject(new Error('connection lost')) : db.rows(query)),
    };
    const tracker = createVisitTracker({ db: flaky, now: () => now, units: [unitId] });
    await tracker.start();
    tracker.record({ unitId, url: '/lien-he', ip: '198.51.100.20', userAgent: FIREFOX });
    await expect(tracker.flush()).rejects.toThrow('connection lost');
    expect(tracker.figures(unitId).total).toBe(4);
    fail = false;
    await tracker.flush();
    expect(await visitsByDay(db, unitId, '2026-10-01', '2026-10-01')).toEqual([{ day: '2026-10-01', views: 1, visits: 1 }]);
    expect(tracker.figures(unitId).total).toBe(4);
  });
});
