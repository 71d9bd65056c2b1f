import { describe, expect, it } from 'vitest';
import { classifyTimeliness, createWorkingCalendar, describeRemainingVi, formatVnIso } from '../../src/calendar/index.js';
import { at } from './test-dates.js';

const cal = createWorkingCalendar();

describe('workingMinutesBetween', () => {
  it.each([
    ['2026-03-10T10:00', '2026-03-10T14:00', 120], // across lunch
    ['2026-03-10T07:30', '2026-03-10T17:00', 450], // a full day
    ['2026-03-13T16:00', '2026-03-16T08:00', 90], // across a weekend
    ['2026-03-10T18:00', '2026-03-11T07:00', 0], // night
    ['2026-02-13T07:30', '2026-02-23T17:00', 900], // across Tết 2026
    ['2026-04-24T07:30', '2026-04-28T17:00', 900], // across the Giỗ Tổ compensatory Monday
    ['2026-03-16T08:00', '2026-03-13T16:00', -90], // reversed
  ])('%s → %s = %i', (from, to, minutes) => {
    expect(cal.workingMinutesBetween(at(from), at(to))).toBe(minutes);
  });
});

describe('pause and resume', () => {
  const dueAt = at('2026-03-18T17:00');

  it('extendByPause shifts due by whole working days paused', () => {
    // Paused Tue 10:00 → Thu 10:00 = 300 + 450 + 150 = 900 min = 2 working days.
    const extended = cal.extendByPause(dueAt, at('2026-03-10T10:00'), at('2026-03-12T10:00'));
    expect(formatVnIso(extended)).toBe('2026-03-20T17:00:00+07:00');
  });

  it('extendByPause with 2 working hours paused moves past closing into the next morning', () => {
    const extended = cal.extendByPause(dueAt, at('2026-03-10T08:00'), at('2026-03-10T10:00'));
    expect(formatVnIso(extended)).toBe('2026-03-19T09:30:00+07:00');
  });

  it('a pause entirely outside office hours changes nothing', () => {
    expect(cal.extendByPause(dueAt, at('2026-03-14T08:00'), at('2026-03-15T20:00')).getTime()).toBe(dueAt.getTime());
    expect(cal.extendByPause(dueAt, at('2026-03-12T10:00'), at('2026-03-10T10:00')).getTime()).toBe(dueAt.getTime());
  });

  it('extendByPause across Tết counts only working time', () => {
    // Paused Thu 12/02 07:30 → Tue 24/02 07:30 = 12/02, 13/02, 23/02 = 3 working days.
    const extended = cal.extendByPause(at('2026-02-26T17:00'), at('2026-02-12T07:30'), at('2026-02-24T07:30'));
    expect(formatVnIso(extended)).toBe('2026-03-03T17:00:00+07:00');
  });

  it('restart computes a fresh deadline from the resume moment', () => {
    const r = cal.restart(at('2026-03-12T10:00'), { value: 3, unit: 'working-days' });
    expect(formatVnIso(r.dueAt)).toBe('2026-03-17T17:00:00+07:00');
    const late = cal.restart(at('2026-03-12T15:30'), { value: 3, unit: 'working-days' });
    expect(formatVnIso(late.effectiveReceivedAt)).toBe('2026-03-13T07:30:00+07:00');
    expect(formatVnIso(late.dueAt)).toBe('2026-03-18T17:00:00+07:00');
  });

  it('addWorkingMinutes', () => {
    expect(formatVnIso(cal.addWorkingMinutes(at('2026-03-13T16:30'), 60))).toBe('2026-03-16T08:00:00+07:00');
    expect(formatVnIso(cal.addWorkingMinutes(at('2026-03-13T16:30'), 0))).toBe('2026-03-13T16:30:00+07:00');
    expect(() => cal.addWorkingMinutes(at('2026-03-13T16:30'), -1)).toThrow(RangeError);
  });
});

describe('remaining and describeRemainingVi', () => {
  it.each([
    ['2026-03-09T14:00', '2026-03-10T17:00', false, 630, 'còn 1 ngày 3 giờ'],
    ['2026-03-10T16:15', '2026-03-10T17:00', false, 45, 'còn 45 phút'],
    ['2026-03-10T11:00', '2026-03-10T14:00', false, 60, 'còn 1 giờ'],
    ['2026-03-09T15:45', '2026-03-10T17:00', false, 525, 'còn 1 ngày 1 giờ 15 phút'],
    ['2026-03-10T17:00', '2026-03-10T17:00', false, 0, 'đến hạn'],
    ['2026-03-12T17:00', '2026-03-10T17:00', true, 900, 'quá hạn 2 ngày'],
    ['2026-03-11T10:30', '2026-03-10T17:00', true, 180, 'quá hạn 3 giờ'],
    ['2026-03-14T10:00', '2026-03-13T17:00', true, 0, 'quá hạn'],
    ['2026-02-24T09:00', '2026-02-25T17:00', false, 810, 'còn 1 ngày 6 giờ'],
  ])('now %s, due %s', (now, due, overdue, minutes, text) => {
    const r = cal.remaining(at(now), at(due));
    expect(r.overdue).toBe(overdue);
    expect(r.workingMinutes).toBe(minutes);
    expect(r.days * 450 + r.hours * 60 + r.minutes).toBe(minutes);
    expect(describeRemainingVi(r)).toBe(text);
    expect(describeRemainingVi(r)).toBe(describeRemainingVi(r).normalize('NFC'));
  });

  it('over the weekend before a Monday deadline the working time left is unchanged', () => {
    const fri = cal.remaining(at('2026-03-13T17:00'), at('2026-03-16T17:00'));
    const sun = cal.remaining(at('2026-03-15T12:00'), at('2026-03-16T17:00'));
    expect(fri).toEqual(sun);
    expect(describeRemainingVi(sun)).toBe('còn 1 ngày');
  });

  it('uses the office-hours day length of the calendar', () => {
    const long = createWorkingCalendar({ officeHours: { sessions: [{ start: '08:00', end: '16:00' }], cutoff: '16:00' } });
    const r = long.remaining(at('2026-03-10T08:00'), at('2026-03-11T16:00'));
    expect(r).toEqual({ overdue: false, workingMinutes: 960, days: 2, hours: 0, minutes: 0 });
  });
});

describe('classifyTimeliness', () => {
  const dueAt = at('2026-03-12T17:00');
  it.each([
    ['2026-03-11T16:00', 'early'],
    ['2026-03-11T23:59', 'early'],
    ['2026-03-12T00:00', 'onTime'],
    ['2026-03-12T08:00', 'onTime'],
    ['2026-03-12T17:00', 'onTime'],
    ['2026-03-12T17:00:01', 'late'],
    ['2026-03-13T08:00', 'late'],
  ] as const)('finished %s → %s', (finished, expected) => {
    expect(classifyTimeliness(at(finished), dueAt)).toBe(expected);
  });

  it('uses the +07:00 day, not the UTC day', () => {
    // 2026-03-11T23:30Z is 06:30 on the due day in Vietnam.
    expect(classifyTimeliness(at('2026-03-11T23:30:00Z'), dueAt)).toBe('onTime');
    // 2026-03-11T16:59Z is 23:59 the day before in Vietnam.
    expect(classifyTimeliness(at('2026-03-11T16:59:00Z'), dueAt)).toBe('early');
  });
});
