import { describe, expect, it } from 'vitest';
import {
  createWorkingCalendar,
  daysOffOfYear,
  DEFAULT_HOLIDAY_RULES,
  OFFICIAL_SCHEDULES,
  type HolidayRule,
  type OfficialSchedule,
} from '../../src/calendar/index.js';

const dates = (list: Array<{ date: string }>): string[] => list.map((d) => d.date);
const byKind = (year: number, kind: string, opts = {}): string[] =>
  dates(daysOffOfYear(year, opts).filter((d) => d.kind === kind));

describe('DEFAULT_HOLIDAY_RULES', () => {
  it('has the Labour Code 2019 holidays with Vietnamese names', () => {
    const names = new Set(DEFAULT_HOLIDAY_RULES.map((r) => r.name));
    for (const n of ['Tết Dương lịch', 'Tết Nguyên đán', 'Giỗ Tổ Hùng Vương', 'Ngày Chiến thắng', 'Ngày Quốc tế Lao động', 'Quốc khánh']) {
      expect(names.has(n)).toBe(true);
      expect(n).toBe(n.normalize('NFC'));
    }
    expect(new Set(DEFAULT_HOLIDAY_RULES.map((r) => r.id)).size).toBe(DEFAULT_HOLIDAY_RULES.length);
  });

  it('counts 11 statutory days in 2025 (Labour Code 2019 art. 112)', () => {
    expect(byKind(2025, 'statutory')).toHaveLength(11);
  });
});

describe('daysOffOfYear', () => {
  it('2025: rule-derived days and compensatory days', () => {
    expect(daysOffOfYear(2025)).toEqual([
      { date: '2025-01-01', name: 'Tết Dương lịch', kind: 'statutory' },
      { date: '2025-01-28', name: 'Tết Nguyên đán', kind: 'statutory' },
      { date: '2025-01-29', name: 'Tết Nguyên đán', kind: 'statutory' },
      { date: '2025-01-30', name: 'Tết Nguyên đán', kind: 'statutory' },
      { date: '2025-01-31', name: 'Tết Nguyên đán', kind: 'statutory' },
      { date: '2025-02-01', name: 'Tết Nguyên đán', kind: 'statutory' },
      { date: '2025-02-03', name: 'Nghỉ bù Tết Nguyên đán', kind: 'compensatory' },
      { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương', kind: 'statutory' },
      { date: '2025-04-30', name: 'Ngày Chiến thắng', kind: 'statutory' },
      { date: '2025-05-01', name: 'Ngày Quốc tế Lao động', kind: 'statutory' },
      { date: '2025-09-01', name: 'Quốc khánh', kind: 'statutory' },
      { date: '2025-09-02', name: 'Quốc khánh', kind: 'statutory' },
    ]);
  });

  it('Tết eve is the 30th when month 12 has 30 days (2024: 09/02) and two weekend days give two compensatory days', () => {
    expect(byKind(2024, 'statutory').slice(1, 6)).toEqual(['2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13']);
    expect(byKind(2024, 'compensatory')).toEqual(['2024-02-14', '2024-02-15', '2024-09-03']);
  });

  it('2026: the official Tết schedule replaces the rule-derived Tết; other holidays follow the rules', () => {
    const list = daysOffOfYear(2026);
    const official = list.filter((d) => d.kind === 'official');
    expect(dates(official)).toEqual([
      '2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18',
      '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22',
    ]);
    expect(official.every((d) => d.name === 'Nghỉ Tết Nguyên đán Bính Ngọ')).toBe(true);
    expect(list.some((d) => d.name === 'Tết Nguyên đán')).toBe(false);
    expect(byKind(2026, 'statutory')).toEqual([
      '2026-01-01', '2026-04-26', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02',
    ]);
  });

  it('Giỗ Tổ 2026 on Sunday 26/04 gives a compensatory Monday 27/04', () => {
    expect(daysOffOfYear(2026).find((d) => d.kind === 'compensatory')).toEqual({
      date: '2026-04-27',
      name: 'Nghỉ bù Giỗ Tổ Hùng Vương',
      kind: 'compensatory',
    });
  });

  it('compensatory day skips other days off (2027: 1/5 Saturday → Monday 3/5)', () => {
    expect(byKind(2027, 'compensatory')).toEqual(['2027-02-10', '2027-02-11', '2027-05-03']);
  });

  it('compensatory day for 30/4 on Sunday skips 1/5 (2028: → Tuesday 2/5)', () => {
    const list = daysOffOfYear(2028);
    expect(list.filter((d) => d.date >= '2028-04-28' && d.date <= '2028-05-05')).toEqual([
      { date: '2028-04-30', name: 'Ngày Chiến thắng', kind: 'statutory' },
      { date: '2028-05-01', name: 'Ngày Quốc tế Lao động', kind: 'statutory' },
      { date: '2028-05-02', name: 'Nghỉ bù Ngày Chiến thắng', kind: 'compensatory' },
    ]);
  });

  it('is sorted and lists no ordinary weekend days', () => {
    for (const year of [2024, 2025, 2027, 2030]) {
      const list = dates(daysOffOfYear(year));
      expect([...list].sort()).toEqual(list);
      for (const iso of list) {
        const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
        const kind = daysOffOfYear(year).find((d) => d.date === iso)?.kind;
        if (kind === 'compensatory') expect([0, 6]).not.toContain(day);
      }
    }
  });

  it('a new holiday is one data row with effectiveFrom (24/11 Ngày Văn hóa Việt Nam)', () => {
    const vanHoa: HolidayRule = {
      id: 'ngay-van-hoa-viet-nam',
      name: 'Ngày Văn hóa Việt Nam',
      calendar: 'solar',
      month: 11,
      day: 24,
      effectiveFrom: '2026-01-01',
    };
    const rules = [...DEFAULT_HOLIDAY_RULES, vanHoa];
    expect(daysOffOfYear(2025, { rules }).some((d) => d.date === '2025-11-24')).toBe(false);
    expect(daysOffOfYear(2026, { rules }).find((d) => d.date === '2026-11-24')).toEqual({
      date: '2026-11-24',
      name: 'Ngày Văn hóa Việt Nam',
      kind: 'statutory',
    });
    // 24/11/2029 is a Saturday → compensatory Monday 26/11/2029.
    expect(daysOffOfYear(2029, { rules }).find((d) => d.date === '2029-11-26')?.name).toBe('Nghỉ bù Ngày Văn hóa Việt Nam');
    const cal = createWorkingCalendar({ rules });
    expect(cal.isWorkingDay('2026-11-24')).toBe(false);
    expect(createWorkingCalendar().isWorkingDay('2026-11-24')).toBe(true);
  });

  it('effective dates: Quốc khánh has two days from 2021, Tết four days before 2013-05-01', () => {
    expect(byKind(2019, 'statutory').filter((d) => d.startsWith('2019-09'))).toEqual(['2019-09-02']);
    expect(byKind(2012, 'statutory').filter((d) => d.startsWith('2012-01'))).toEqual([
      '2012-01-01', '2012-01-22', '2012-01-23', '2012-01-24', '2012-01-25',
    ]);
    expect(byKind(2006, 'statutory').some((d) => d === '2006-04-07')).toBe(false);
  });

  it('the day adjacent to 2/9 is configurable (3/9 instead of 1/9)', () => {
    const rules = DEFAULT_HOLIDAY_RULES.map((r) => (r.id === 'quoc-khanh-ngay-lien-ke' ? { ...r, day: 3 } : r));
    expect(byKind(2025, 'statutory', { rules }).filter((d) => d.startsWith('2025-09'))).toEqual(['2025-09-02', '2025-09-03']);
  });

  it('an official schedule without replacesRules replaces all rule days of its year', () => {
    const schedules: OfficialSchedule[] = [
      { year: 2030, daysOff: [{ date: '2030-05-02', name: 'Nghỉ lễ', kind: 'official' }], makeUpWorkdays: ['2030-05-11'] },
    ];
    expect(daysOffOfYear(2030, { schedules })).toEqual([{ date: '2030-05-02', name: 'Nghỉ lễ', kind: 'official' }]);
    expect(createWorkingCalendar({ schedules }).isWorkingDay('2030-05-11')).toBe(true);
  });

  it('unit overrides add local days off and working Saturdays', () => {
    const overrides = {
      daysOff: [{ date: '2025-06-16', name: 'Ngày truyền thống của xã', kind: 'local' as const }],
      makeUpWorkdays: ['2025-06-21'],
    };
    expect(daysOffOfYear(2025, { overrides }).find((d) => d.kind === 'local')?.date).toBe('2025-06-16');
    const cal = createWorkingCalendar({ overrides });
    expect(cal.isWorkingDay('2025-06-16')).toBe(false);
    expect(cal.isWorkingDay('2025-06-21')).toBe(true);
    expect(cal.isWorkingDay('2025-06-22')).toBe(false);
  });

  it('OFFICIAL_SCHEDULES is frozen data for 2026', () => {
    expect(OFFICIAL_SCHEDULES.map((s) => s.year)).toContain(2026);
    expect(Object.isFrozen(OFFICIAL_SCHEDULES)).toBe(true);
    expect(Object.isFrozen(DEFAULT_HOLIDAY_RULES)).toBe(true);
  });

  it('rejects years outside 1900–2100 and malformed dates', () => {
    expect(() => daysOffOfYear(1899)).toThrow(RangeError);
    expect(() => daysOffOfYear(2101)).toThrow(RangeError);
    expect(() => daysOffOfYear(2025, { overrides: { daysOff: [], makeUpWorkdays: ['2025-02-30'] } })).toThrow(RangeError);
    expect(daysOffOfYear(1900).length).toBeGreaterThanOrEqual(0);
    expect(daysOffOfYear(2100).length).toBeGreaterThan(0);
  });
});

describe('WorkingCalendar.isWorkingDay', () => {
  const cal = createWorkingCalendar();

  it.each([
    ['2026-02-13', true], // Friday before Tết
    ['2026-02-14', false],
    ['2026-02-18', false],
    ['2026-02-23', true],
    ['2026-04-27', false], // compensatory Giỗ Tổ
    ['2026-04-28', true],
    ['2026-03-14', false], // Saturday
    ['2026-03-15', false], // Sunday
    ['2026-03-16', true],
    ['2026-09-01', false],
    ['2026-09-02', false],
    ['2026-09-03', true],
  ])('%s working = %s', (iso, expected) => {
    expect(cal.isWorkingDay(iso)).toBe(expected);
  });

  it('nextWorkingDay skips Tết and weekends', () => {
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
    expect(cal.nextWorkingDay('2026-04-24')).toBe('2026-04-28');
  });

  it('daysOffOfYear(year) returns copies (cache cannot be corrupted)', () => {
    const first = cal.daysOffOfYear(2026);
    first.splice(0, first.length);
    expect(cal.daysOffOfYear(2026).length).toBeGreaterThan(10);
  });

  it('rejects malformed dates', () => {
    expect(() => cal.isWorkingDay('2026-2-3')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });
});
