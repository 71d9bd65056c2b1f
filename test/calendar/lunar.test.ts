import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  leapMonthOfYear,
  lunarMonthLength,
  lunarToSolar,
  lunarYearName,
  monthsInLunarYear,
  solarToLunar,
} from '../../src/calendar/index.js';
import { jdFromDate, jdToDate } from '../../src/calendar/civil-date.js';

const iso = (d: { year: number; month: number; day: number } | null): string | null =>
  d === null
    ? null
    : `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

const TET: Array<[number, string]> = [
  [1968, '1968-01-29'],
  [1969, '1969-02-16'],
  [1985, '1985-01-21'],
  [2007, '2007-02-17'],
  [2024, '2024-02-10'],
  [2025, '2025-01-29'],
  [2026, '2026-02-17'],
  [2027, '2027-02-06'],
  [2028, '2028-01-26'],
  [2029, '2029-02-13'],
  [2030, '2030-02-02'],
  [2031, '2031-01-23'],
  [2032, '2032-02-11'],
  [2033, '2033-01-31'],
  [2034, '2034-02-19'],
  [2035, '2035-02-08'],
  [2053, '2053-02-18'],
];

const GIO_TO: Array<[number, string]> = [
  [2024, '2024-04-18'],
  [2025, '2025-04-07'],
  [2026, '2026-04-26'],
  [2027, '2027-04-16'],
  [2028, '2028-04-04'],
  [2029, '2029-04-23'],
  [2030, '2030-04-12'],
  [2031, '2031-04-01'],
  [2032, '2032-04-19'],
  [2033, '2033-04-09'],
  [2034, '2034-04-28'],
  [2035, '2035-04-17'],
];

describe('Tết Nguyên đán (lunar 1/1)', () => {
  it.each(TET)('Tết %i is %s', (year, expected) => {
    expect(iso(lunarToSolar({ year, month: 1, day: 1, leap: false }))).toBe(expected);
    const [y, m, d] = expected.split('-').map(Number) as [number, number, number];
    expect(solarToLunar({ year: y, month: m, day: d })).toEqual({ year, month: 1, day: 1, leap: false });
  });
});

describe('Giỗ Tổ Hùng Vương (lunar 10/3)', () => {
  it.each(GIO_TO)('Giỗ Tổ %i is %s', (year, expected) => {
    expect(iso(lunarToSolar({ year, month: 3, day: 10, leap: false }))).toBe(expected);
  });
});

describe('leap months', () => {
  it.each([
    [2020, 4, '2020-05-23'],
    [2023, 2, '2023-03-22'],
    [2025, 6, '2025-07-25'],
    [2028, 5, '2028-06-23'],
    [2033, 11, '2033-12-22'],
  ])('%i has leap month %i starting %s', (year, month, start) => {
    expect(leapMonthOfYear(year)).toBe(month);
    expect(monthsInLunarYear(year)).toBe(13);
    expect(iso(lunarToSolar({ year, month, day: 1, leap: true }))).toBe(start);
  });

  it('years without a leap month', () => {
    for (const year of [2021, 2022, 2024, 2026, 2027, 2034]) {
      expect(leapMonthOfYear(year)).toBe(0);
      expect(monthsInLunarYear(year)).toBe(12);
    }
  });

  it('2033 problem: for UTC+7 the leap month is 11 (the month from 2033-12-22 has no major solar term)', () => {
    // Solstice 2033-12-21 ≈20:30 (+07) falls in month 11 starting 2033-11-22; the next major term
    // (sun at 300°) is on 2034-01-20 ≈07:00, the same day the following month begins, so the month
    // 2033-12-22 … 2034-01-19 has none and is the first such month after month 11 → leap 11.
    expect(iso(lunarToSolar({ year: 2033, month: 11, day: 1, leap: false }))).toBe('2033-11-22');
    expect(iso(lunarToSolar({ year: 2033, month: 12, day: 1, leap: false }))).toBe('2034-01-20');
    expect(solarToLunar({ year: 2034, month: 1, day: 1 })).toEqual({ year: 2033, month: 11, day: 11, leap: true });
    expect(leapMonthOfYear(2033)).toBe(11);
  });

  it('1968: Vietnam (UTC+7) celebrated Tết a day before China and had leap month 7', () => {
    expect(leapMonthOfYear(1968)).toBe(7);
    expect(solarToLunar({ year: 1968, month: 1, day: 29 })).toEqual({ year: 1968, month: 1, day: 1, leap: false });
  });
});

describe('solarToLunar / lunarToSolar details', () => {
  it('Tết eve can be 30 or 29 tháng Chạp', () => {
    expect(solarToLunar({ year: 2024, month: 2, day: 9 })).toEqual({ year: 2023, month: 12, day: 30, leap: false });
    expect(solarToLunar({ year: 2025, month: 1, day: 28 })).toEqual({ year: 2024, month: 12, day: 29, leap: false });
    expect(lunarMonthLength(2023, 12, false)).toBe(30);
    expect(lunarMonthLength(2024, 12, false)).toBe(29);
  });

  it('returns null for lunar dates that do not exist', () => {
    expect(lunarToSolar({ year: 2024, month: 4, day: 1, leap: true })).toBeNull();
    expect(lunarToSolar({ year: 2024, month: 12, day: 30, leap: false })).toBeNull();
    expect(lunarToSolar({ year: 2024, month: 13, day: 1, leap: false })).toBeNull();
    expect(lunarToSolar({ year: 2024, month: 1, day: 0, leap: false })).toBeNull();
    expect(lunarToSolar({ year: 2024, month: 1, day: 31, leap: false })).toBeNull();
  });

  it('throws RangeError outside 1900–2100 or for invalid input', () => {
    expect(() => lunarToSolar({ year: 1899, month: 1, day: 1, leap: false })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2101, month: 1, day: 1, leap: false })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2024, month: 1.5, day: 1, leap: false })).toThrow(RangeError);
    expect(() => solarToLunar({ year: 1899, month: 12, day: 31 })).toThrow(RangeError);
    expect(() => solarToLunar({ year: 2101, month: 1, day: 1 })).toThrow(RangeError);
    expect(() => solarToLunar({ year: 2025, month: 2, day: 29 })).toThrow(RangeError);
    expect(() => leapMonthOfYear(2101)).toThrow(RangeError);
    expect(() => monthsInLunarYear(1899)).toThrow(RangeError);
    expect(() => lunarMonthLength(2024, 4, true)).toThrow(RangeError);
  });

  it('handles both ends of the supported range', () => {
    expect(solarToLunar({ year: 1900, month: 1, day: 1 })).toEqual({ year: 1899, month: 12, day: 1, leap: false });
    expect(solarToLunar({ year: 1900, month: 1, day: 31 })).toEqual({ year: 1900, month: 1, day: 1, leap: false });
    expect(solarToLunar({ year: 2100, month: 12, day: 31 }).year).toBe(2100);
  });

  it('names lunar years (Can Chi) in NFC Vietnamese', () => {
    expect(lunarYearName(2026)).toBe('Bính Ngọ');
    expect(lunarYearName(2025)).toBe('Ất Tỵ');
    expect(lunarYearName(2024)).toBe('Giáp Thìn');
    expect(lunarYearName(1968)).toBe('Mậu Thân');
    expect(lunarYearName(2026)).toBe(lunarYearName(2026).normalize('NFC'));
  });
});

const FIRST = jdFromDate(1, 2, 1900);
const LAST = jdFromDate(31, 12, 2100);
const anyDay = fc.integer({ min: FIRST, max: LAST });

describe('lunar calendar properties (1900-02-01 … 2100-12-31)', () => {
  it('solar → lunar → solar is the identity', () => {
    fc.assert(
      fc.property(anyDay, (jd) => {
        const solar = jdToDate(jd);
        expect(lunarToSolar(solarToLunar(solar))).toEqual(solar);
      }),
      { numRuns: 3000 },
    );
  });

  it('consecutive solar days map to consecutive lunar days', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST - 1 }), (jd) => {
        const a = solarToLunar(jdToDate(jd));
        const b = solarToLunar(jdToDate(jd + 1));
        if (b.day === a.day + 1) {
          expect([b.year, b.month, b.leap]).toEqual([a.year, a.month, a.leap]);
        } else {
          expect(b.day).toBe(1);
          expect([29, 30]).toContain(a.day);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('every lunar month has 29 or 30 days and every year 12 or 13 months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        expect([29, 30]).toContain(lunarMonthLength(year, month, false));
        expect([12, 13]).toContain(monthsInLunarYear(year));
        const leap = leapMonthOfYear(year);
        expect(leap === 0).toBe(monthsInLunarYear(year) === 12);
        if (leap !== 0) expect([29, 30]).toContain(lunarMonthLength(year, leap, true));
      }),
      { numRuns: 1000 },
    );
  });

  it('exhaustive sweep: every day of the range continues the previous lunar day', () => {
    let prev = solarToLunar(jdToDate(FIRST));
    const lengths = new Map<string, number>();
    for (let jd = FIRST + 1; jd <= LAST; jd++) {
      const cur = solarToLunar(jdToDate(jd));
      const sameMonth = cur.year === prev.year && cur.month === prev.month && cur.leap === prev.leap;
      if (sameMonth) {
        if (cur.day !== prev.day + 1) throw new Error(`Gap at JD ${jd}`);
      } else {
        if (cur.day !== 1 || (prev.day !== 29 && prev.day !== 30)) throw new Error(`Bad month change at JD ${jd}`);
        lengths.set(`${prev.year}-${prev.month}-${prev.leap}`, prev.day);
      }
      prev = cur;
    }
    // Year lengths: 353–355 days (12 months) or 383–385 days (13 months).
    for (let year = 1901; year <= 2099; year++) {
      const days =
        jdFromDate(...(dmy(lunarToSolar({ year: year + 1, month: 1, day: 1, leap: false })))) -
        jdFromDate(...(dmy(lunarToSolar({ year, month: 1, day: 1, leap: false }))));
      expect(monthsInLunarYear(year) === 13 ? [383, 384, 385] : [353, 354, 355]).toContain(days);
    }
    expect(lengths.size).toBeGreaterThan(2400);
  });
});

function dmy(d: { year: number; month: number; day: number } | null): [number, number, number] {
  if (!d) throw new Error('missing date');
  return [d.day, d.month, d.year];
}
