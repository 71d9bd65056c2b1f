import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, formatVnIso, type TimeLimit } from '../../src/calendar/index.js';
import { at } from './test-dates.js';

const cal = createWorkingCalendar();
const wd = (value: number): TimeLimit => ({ value, unit: 'working-days' });
const days = (value: number): TimeLimit => ({ value, unit: 'days' });
const hours = (value: number): TimeLimit => ({ value, unit: 'working-hours' });

function due(received: string, limit: TimeLimit, calendar = cal): [string, string] {
  const r = calendar.computeDeadline(at(received), limit);
  return [formatVnIso(r.effectiveReceivedAt), formatVnIso(r.dueAt)];
}

describe('computeDeadline — key example', () => {
  it('Fri 13/02/2026 10:00 + 3 working days → 25/02/2026 17:00 (Tết 14–22/02 off)', () => {
    const r = cal.computeDeadline(at('2026-02-13T10:00+07:00'), wd(3));
    expect(formatVnIso(r.dueAt)).toBe('2026-02-25T17:00:00+07:00');
    expect(r.dueAt.toISOString()).toBe('2026-02-25T10:00:00.000Z');
    expect(formatVnIso(r.effectiveReceivedAt)).toBe('2026-02-13T10:00:00+07:00');
    expect(r.receivedAt.getTime()).toBe(at('2026-02-13T10:00+07:00').getTime());
  });
});

describe('computeDeadline — table', () => {
  it.each<[string, string, TimeLimit, string, string]>([
    // [label, received (+07:00), limit, effective, due]
    ['before cutoff 14:59', '2026-03-10T14:59', wd(1), '2026-03-10T14:59:00+07:00', '2026-03-11T17:00:00+07:00'],
    ['before cutoff 14:59:59', '2026-03-10T14:59:59', wd(1), '2026-03-10T14:59:59+07:00', '2026-03-11T17:00:00+07:00'],
    ['exactly at cutoff 15:00', '2026-03-10T15:00', wd(1), '2026-03-11T07:30:00+07:00', '2026-03-12T17:00:00+07:00'],
    ['after closing 18:00', '2026-03-10T18:00', wd(1), '2026-03-11T07:30:00+07:00', '2026-03-12T17:00:00+07:00'],
    ['before opening 06:00', '2026-03-10T06:00', wd(2), '2026-03-10T07:30:00+07:00', '2026-03-12T17:00:00+07:00'],
    ['at opening 07:30', '2026-03-10T07:30', wd(1), '2026-03-10T07:30:00+07:00', '2026-03-11T17:00:00+07:00'],
    ['lunch break, day limit', '2026-03-10T12:00', wd(1), '2026-03-10T12:00:00+07:00', '2026-03-11T17:00:00+07:00'],
    ['Saturday receipt', '2026-03-14T09:00', wd(1), '2026-03-16T07:30:00+07:00', '2026-03-17T17:00:00+07:00'],
    ['Sunday receipt', '2026-03-15T20:00', wd(2), '2026-03-16T07:30:00+07:00', '2026-03-18T17:00:00+07:00'],
    ['5 working days over a weekend', '2026-03-11T09:00', wd(5), '2026-03-11T09:00:00+07:00', '2026-03-18T17:00:00+07:00'],
    ['receipt during Tết', '2026-02-16T10:00', wd(1), '2026-02-23T07:30:00+07:00', '2026-02-24T17:00:00+07:00'],
    ['Friday before Giỗ Tổ compensatory Monday', '2026-04-24T10:00', wd(1), '2026-04-24T10:00:00+07:00', '2026-04-28T17:00:00+07:00'],
    ['24/04 + 3 days crosses 30/4–1/5', '2026-04-24T10:00', wd(3), '2026-04-24T10:00:00+07:00', '2026-05-04T17:00:00+07:00'],
    ['24/04 after cutoff', '2026-04-24T16:00', wd(1), '2026-04-28T07:30:00+07:00', '2026-04-29T17:00:00+07:00'],
    ['2/9 block 2026 (Tue 1/9, Wed 2/9)', '2026-08-31T10:00', wd(1), '2026-08-31T10:00:00+07:00', '2026-09-03T17:00:00+07:00'],
    ['2/9 block after cutoff', '2026-08-31T16:00', wd(1), '2026-09-03T07:30:00+07:00', '2026-09-04T17:00:00+07:00'],
    ['2/9 block 2025 (Mon 1/9, Tue 2/9)', '2025-08-29T10:00', wd(2), '2025-08-29T10:00:00+07:00', '2025-09-04T17:00:00+07:00'],
    ['across New Year', '2026-12-31T10:00', wd(1), '2026-12-31T10:00:00+07:00', '2027-01-04T17:00:00+07:00'],
    ['N = 0 before cutoff', '2026-03-10T10:00', wd(0), '2026-03-10T10:00:00+07:00', '2026-03-10T17:00:00+07:00'],
    ['N = 0 after cutoff', '2026-03-10T16:00', wd(0), '2026-03-11T07:30:00+07:00', '2026-03-11T17:00:00+07:00'],
    ['N = 0 on Saturday', '2026-03-14T10:00', wd(0), '2026-03-16T07:30:00+07:00', '2026-03-16T17:00:00+07:00'],
    ['calendar days landing on Friday', '2026-03-04T10:00', days(2), '2026-03-04T10:00:00+07:00', '2026-03-06T17:00:00+07:00'],
    ['calendar days landing on Saturday', '2026-03-04T10:00', days(3), '2026-03-04T10:00:00+07:00', '2026-03-09T17:00:00+07:00'],
    ['calendar days landing on Sunday', '2026-03-04T10:00', days(4), '2026-03-04T10:00:00+07:00', '2026-03-09T17:00:00+07:00'],
    ['calendar days landing in Tết', '2026-02-10T10:00', days(5), '2026-02-10T10:00:00+07:00', '2026-02-23T17:00:00+07:00'],
    ['calendar days counted through Tết', '2026-02-10T10:00', days(15), '2026-02-10T10:00:00+07:00', '2026-02-25T17:00:00+07:00'],
    ['0 calendar days', '2026-03-04T10:00', days(0), '2026-03-04T10:00:00+07:00', '2026-03-04T17:00:00+07:00'],
    ['calendar days from Saturday', '2026-03-07T10:00', days(1), '2026-03-09T07:30:00+07:00', '2026-03-10T17:00:00+07:00'],
    ['hours inside a session', '2026-03-10T08:00', hours(2), '2026-03-10T08:00:00+07:00', '2026-03-10T10:00:00+07:00'],
    ['hours across lunch', '2026-03-10T10:30', hours(2), '2026-03-10T10:30:00+07:00', '2026-03-10T14:30:00+07:00'],
    ['hours from lunch break', '2026-03-10T12:00', hours(1), '2026-03-10T13:30:00+07:00', '2026-03-10T14:30:00+07:00'],
    ['hours across a weekend', '2026-03-13T14:00', hours(4), '2026-03-13T14:00:00+07:00', '2026-03-16T08:30:00+07:00'],
    ['hours after cutoff start next day', '2026-03-13T16:00', hours(2), '2026-03-16T07:30:00+07:00', '2026-03-16T09:30:00+07:00'],
    ['hours ending exactly at closing', '2026-03-10T07:30', hours(7.5), '2026-03-10T07:30:00+07:00', '2026-03-10T17:00:00+07:00'],
    ['hours ending exactly at lunch', '2026-03-10T07:30', hours(4), '2026-03-10T07:30:00+07:00', '2026-03-10T11:30:00+07:00'],
    ['fractional hours', '2026-03-10T08:00', hours(1.5), '2026-03-10T08:00:00+07:00', '2026-03-10T09:30:00+07:00'],
    ['24 working hours', '2026-03-10T07:30', hours(24), '2026-03-10T07:30:00+07:00', '2026-03-13T09:00:00+07:00'],
    ['hours across Giỗ Tổ compensatory day', '2026-04-24T12:00', hours(4), '2026-04-24T13:30:00+07:00', '2026-04-28T08:00:00+07:00'],
    ['0 hours', '2026-03-10T12:00', hours(0), '2026-03-10T13:30:00+07:00', '2026-03-10T13:30:00+07:00'],
  ])('%s', (_label, received, limit, effective, dueAt) => {
    expect(due(received, limit)).toEqual([effective, dueAt]);
  });
});

describe('computeDeadline — inputs in other offsets and custom calendars', () => {
  it('the same instant expressed in Z or another offset gives the same result', () => {
    const a = due('2026-03-10T03:00:00Z', wd(1));
    const b = due('2026-03-10T05:00:00+02:00', wd(1));
    expect(a).toEqual(['2026-03-10T10:00:00+07:00', '2026-03-11T17:00:00+07:00']);
    expect(b).toEqual(a);
  });

  it('an instant that is a weekday in UTC but Saturday in Vietnam counts as Saturday', () => {
    // Fri 2026-03-13 20:00Z = Sat 03:00 +07:00.
    expect(due('2026-03-13T20:00:00Z', wd(1))).toEqual(['2026-03-16T07:30:00+07:00', '2026-03-17T17:00:00+07:00']);
  });

  it('make-up Saturday is a working day', () => {
    const withSaturday = createWorkingCalendar({ overrides: { daysOff: [], makeUpWorkdays: ['2026-03-14'] } });
    expect(due('2026-03-14T09:00', wd(1), withSaturday)).toEqual(['2026-03-14T09:00:00+07:00', '2026-03-16T17:00:00+07:00']);
    expect(due('2026-03-13T10:00', wd(1), withSaturday)).toEqual(['2026-03-13T10:00:00+07:00', '2026-03-14T17:00:00+07:00']);
  });

  it('custom office hours (08:00–12:00, 13:00–17:30, cutoff 16:00)', () => {
    const custom = createWorkingCalendar({
      officeHours: { sessions: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:30' }], cutoff: '16:00' },
    });
    expect(custom.workingDayMinutes).toBe(510);
    expect(due('2026-03-10T15:30', wd(1), custom)).toEqual(['2026-03-10T15:30:00+07:00', '2026-03-11T17:30:00+07:00']);
    expect(due('2026-03-10T16:00', wd(1), custom)).toEqual(['2026-03-11T08:00:00+07:00', '2026-03-12T17:30:00+07:00']);
  });

  it('rejects invalid limits and dates', () => {
    const d = at('2026-03-10T10:00');
    expect(() => cal.computeDeadline(d, wd(-1))).toThrow(RangeError);
    expect(() => cal.computeDeadline(d, wd(1.5))).toThrow(RangeError);
    expect(() => cal.computeDeadline(d, days(Number.NaN))).toThrow(RangeError);
    expect(() => cal.computeDeadline(d, { value: 1, unit: 'weeks' } as unknown as TimeLimit)).toThrow(RangeError);
    expect(() => cal.computeDeadline(new Date(Number.NaN), wd(1))).toThrow(RangeError);
  });

  it('due is never before the effective receipt and always at/after it for any limit', () => {
    for (let n = 0; n <= 30; n++) {
      for (const limit of [wd(n), days(n), hours(n)]) {
        const r = cal.computeDeadline(at('2026-02-12T14:00'), limit);
        expect(r.dueAt.getTime()).toBeGreaterThanOrEqual(r.effectiveReceivedAt.getTime());
      }
    }
  });
});
