import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';

const TET: Record<number, string> = { 1985: '1985-01-21', 2007: '2007-02-17', 2024: '2024-02-10', 2025: '2025-01-29', 2026: '2026-02-17', 2030: '2030-02-02', 2053: '2053-02-18' };

describe('calendar API', () => {
  let app: TestApp;
  const get = (url: string) => app.server.inject(url);
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.dispose());

  it('computes the worked example: Fri 13/02/2026 10:00 + 3 working days over Tết', async () => {
    const res = await get('/api/v1/calendar/deadline?receivedAt=2026-02-13T10:00:00%2B07:00&limit=3&limitUnit=working-days');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ receivedAt: '2026-02-13T10:00:00+07:00', effectiveReceivedAt: '2026-02-13T10:00:00+07:00', dueAt: '2026-02-25T17:00:00+07:00' });
  });

  it('moves a receipt after the 15:00 cutoff to the next working day', async () => {
    const res = await get('/api/v1/calendar/deadline?receivedAt=2026-03-06T08:30:00Z&limit=0&limitUnit=working-days');
    expect(res.json()).toMatchObject({ effectiveReceivedAt: '2026-03-09T07:30:00+07:00', dueAt: '2026-03-09T17:00:00+07:00' });
  });

  it('answers the Tết table both ways', async () => {
    for (const [year, date] of Object.entries(TET)) {
      const lunar = await get(`/api/v1/calendar/lunar?solar=${date}`);
      expect(lunar.json(), date).toEqual({ day: 1, month: 1, year: Number(year), leap: false });
      const solar = await get(`/api/v1/calendar/solar?year=${year}&month=1&day=1`);
      expect(solar.json(), year).toEqual({ date });
    }
    expect((await get('/api/v1/calendar/solar?year=2033&month=11&day=1&leap=true')).statusCode).toBe(200);
  });

  it('lists 2026 days off: the official Tết schedule and the compensatory day for Giỗ Tổ', async () => {
    const res = await get('/api/v1/calendar/holidays?year=2026');
    const { daysOff } = res.json() as { daysOff: Array<{ date: string; kind: string; name: string }> };
    const dates = daysOff.map((d) => d.date);
    for (let d = 14; d <= 22; d++) expect(dates).toContain(`2026-02-${d}`);
    expect(daysOff.find((d) => d.date === '2026-04-26')).toMatchObject({ kind: 'statutory' });
    expect(daysOff.find((d) => d.date === '2026-04-27')).toMatchObject({ kind: 'compensatory' });
    expect(dates).toEqual(expect.arrayContaining(['2026-01-01', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02']));
  });

  it('rejects bad parameters with 400 problem+json naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['/api/v1/calendar/deadline?receivedAt=hom-qua&limit=3&limitUnit=working-days', 'receivedAt'],
      ['/api/v1/calendar/deadline?receivedAt=2026-02-13T10:00:00Z&limit=-1&limitUnit=working-days', 'limit'],
      ['/api/v1/calendar/deadline?receivedAt=2026-02-13T10:00:00Z&limit=3&limitUnit=weeks', 'limitUnit'],
      ['/api/v1/calendar/deadline?receivedAt=2026-02-13T10:00:00Z&limit=3&limitUnit=days&unit=99999', 'unit'],
      ['/api/v1/calendar/holidays?year=abc', 'year'],
      ['/api/v1/calendar/lunar?solar=2026-02-30', 'solar'],
      ['/api/v1/calendar/lunar', 'solar'],
      ['/api/v1/calendar/solar?year=2026&month=13&day=1', 'month'],
      ['/api/v1/calendar/solar?year=2026&month=1&day=1&leap=true', 'leap'],
    ];
    for (const [url, param] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json() as { code: string; errors: Array<{ param: string }>; detail: string };
      expect(body.code).toBe('INVALID_PARAMETER');
      expect(body.errors.map((e) => e.param), url).toContain(param);
      expect(body.detail).toContain(param);
    }
  });

  it('uses a unit’s own days off in its deadlines once an administrator adds them', async () => {
    const url = '/api/v1/calendar/deadline?receivedAt=2026-10-13T09:00:00%2B07:00&limit=1&limitUnit=working-days&unit=18202';
    expect((await get(url)).json()).toMatchObject({ dueAt: '2026-10-14T17:00:00+07:00' });
    const admin = new TestClient(app);
    await admin.login('tumy.quantri');
    const res = await admin.postForm('/quan-tri/lich', { 'don-vi': '18202', 'ngay-d': '14', 'ngay-m': '10', 'ngay-y': '2026', loai: 'dayOff', ten: 'Nghỉ bầu cử' });
    expect(res.statusCode).toBe(303);
    expect((await get(url)).json()).toMatchObject({ dueAt: '2026-10-15T17:00:00+07:00' });
    // The national default and other communes are unchanged.
    expect((await get(url.replace('&unit=18202', ''))).json()).toMatchObject({ dueAt: '2026-10-14T17:00:00+07:00' });
    expect((await get(url.replace('18202', '18073'))).json()).toMatchObject({ dueAt: '2026-10-14T17:00:00+07:00' });
    const holidays = (await get('/api/v1/calendar/holidays?year=2026&unit=18202')).json() as { daysOff: Array<{ date: string; kind: string }> };
    expect(holidays.daysOff).toContainEqual({ date: '2026-10-14', name: 'Nghỉ bầu cử', kind: 'local' });
  });
});
