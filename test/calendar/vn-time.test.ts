import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFICE_HOURS, createWorkingCalendar, formatVnIso, parseIsoToDate } from '../../src/calendar/index.js';

describe('formatVnIso', () => {
  it('formats in +07:00', () => {
    expect(formatVnIso(new Date(Date.UTC(2026, 1, 25, 10, 0, 0)))).toBe('2026-02-25T17:00:00+07:00');
    expect(formatVnIso(new Date(Date.UTC(2026, 1, 13, 17, 30, 5, 999)))).toBe('2026-02-14T00:30:05+07:00');
    expect(formatVnIso(new Date(Date.UTC(1999, 11, 31, 16, 59, 59)))).toBe('1999-12-31T23:59:59+07:00');
    expect(formatVnIso(new Date(Date.UTC(1999, 11, 31, 17, 0, 0)))).toBe('2000-01-01T00:00:00+07:00');
  });

  it('throws RangeError for an invalid Date', () => {
    expect(() => formatVnIso(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('parseIsoToDate', () => {
  const instant = Date.UTC(2026, 1, 13, 3, 0, 0);
  it.each([
    '2026-02-13T10:00:00+07:00',
    '2026-02-13T10:00+07:00',
    '2026-02-13T03:00:00Z',
    '2026-02-13T03:00:00z',
    '2026-02-13T03:00:00.000Z',
    '2026-02-13T05:00:00+02:00',
    '2026-02-13T10:00:00+0700',
    '2026-02-13T10:00:00+07',
    '2026-02-12T22:00:00-05:00',
    '2026-02-13T10:00:00', // no offset → +07:00
    '2026-02-13T10:00',
  ])('%s', (input) => {
    expect(parseIsoToDate(input)?.getTime()).toBe(instant);
  });

  it('keeps fractional seconds and reads a bare date as 00:00 +07:00', () => {
    expect(parseIsoToDate('2026-02-13T10:00:00.25+07:00')?.getTime()).toBe(instant + 250);
    expect(parseIsoToDate('2026-02-13')?.getTime()).toBe(Date.UTC(2026, 1, 12, 17, 0, 0));
  });

  it.each([
    '',
    'abc',
    '2026-02-30T10:00:00+07:00',
    '2026-13-01T10:00:00Z',
    '2026-02-13T24:00:00Z',
    '2026-02-13T10:60:00Z',
    '2026-02-13T10:00:61Z',
    '2026-02-13T10:00:00+15:00',
    '2026-02-13Z',
    '2026-2-13T10:00:00Z',
    '13/02/2026',
    '2026-02-13T10:00:00+07:00 extra',
  ])('rejects %j', (input) => {
    expect(parseIsoToDate(input)).toBeNull();
  });

  it('round-trips with formatVnIso to the second', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 11, 31) }), (ms) => {
        const d = new Date(ms);
        const back = parseIsoToDate(formatVnIso(d));
        expect(back?.getTime()).toBe(Math.floor(ms / 1000) * 1000);
      }),
      { numRuns: 500 },
    );
  });
});

describe('office hours validation', () => {
  const make = (sessions: Array<{ start: string; end: string }>, cutoff = '15:00') => () =>
    createWorkingCalendar({ officeHours: { sessions, cutoff } });

  it('default office hours: 07:30–11:30, 13:30–17:00, cutoff 15:00 = 450 min/day', () => {
    expect(DEFAULT_OFFICE_HOURS).toEqual({
      sessions: [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }],
      cutoff: '15:00',
    });
    expect(Object.isFrozen(DEFAULT_OFFICE_HOURS)).toBe(true);
    expect(createWorkingCalendar().workingDayMinutes).toBe(450);
  });

  it('accepts one session and back-to-back sessions', () => {
    expect(make([{ start: '08:00', end: '16:00' }])).not.toThrow();
    expect(make([{ start: '08:00', end: '12:00' }, { start: '12:00', end: '16:00' }])).not.toThrow();
  });

  it.each([
    ['no sessions', [], '15:00', /at least one session/],
    ['overlapping', [{ start: '07:30', end: '12:00' }, { start: '11:30', end: '17:00' }], '15:00', /non-overlapping/],
    ['unsorted', [{ start: '13:30', end: '17:00' }, { start: '07:30', end: '11:30' }], '15:00', /sorted/],
    ['end before start', [{ start: '11:30', end: '07:30' }], '10:00', /must end after it starts/],
    ['empty session', [{ start: '08:00', end: '08:00' }], '08:00', /must end after it starts/],
    ['bad format', [{ start: '7:30', end: '11:30' }], '10:00', /HH:mm/],
    ['hour 24', [{ start: '07:30', end: '24:00' }], '10:00', /HH:mm/],
    ['cutoff before opening', [{ start: '07:30', end: '11:30' }], '07:00', /cutoff/],
    ['cutoff after closing', [{ start: '07:30', end: '11:30' }], '12:00', /cutoff/],
    ['bad cutoff', [{ start: '07:30', end: '11:30' }], '3pm', /cutoff/],
  ])('rejects %s', (_label, sessions, cutoff, message) => {
    expect(make(sessions, cutoff)).toThrow(RangeError);
    expect(make(sessions, cutoff)).toThrow(message);
  });
});
