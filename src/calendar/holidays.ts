/**
 * Days off of a year: statutory rules → official schedules → compensatory
 * days → unit overrides. Weekends are not listed; they are simply non-working.
 */
import { isoToJd, isValidSolarDate, isWeekendJd, jdFromDate, jdToDate, jdToIso } from './civil-date.js';
import { DEFAULT_HOLIDAY_RULES, OFFICIAL_SCHEDULES } from './holiday-rules.js';
import { lunarDateToJd, lunarNewYearJd, MAX_YEAR, MIN_YEAR } from './lunar.js';
import type { CalendarInputs, DayOff, HolidayRule, IsoDate, OfficialSchedule } from './types.js';

interface Occurrence {
  jd: number;
  rule: HolidayRule;
}

/** Resolved days of one solar year, keyed by day number. */
export interface YearDays {
  daysOff: DayOff[];
  daysOffJd: ReadonlySet<number>;
  makeUpJd: ReadonlySet<number>;
}

function yearOfJd(jd: number): number {
  return jdToDate(jd).year;
}

function firstDayOfRule(rule: HolidayRule, anchorYear: number): number | null {
  if (rule.calendar === 'solar') {
    if (rule.day === 'lastDayOfYear') throw new RangeError(`Rule '${rule.id}': 'lastDayOfYear' is lunar only`);
    const d = { year: anchorYear, month: rule.month, day: rule.day };
    return isValidSolarDate(d) ? jdFromDate(d.day, d.month, d.year) : null; // e.g. 29/02 in a common year
  }
  if (rule.day === 'lastDayOfYear') return lunarNewYearJd(anchorYear + 1) - 1;
  return lunarDateToJd(anchorYear, rule.month, rule.day, false);
}

function isEffective(rule: HolidayRule, jd: number): boolean {
  const iso = jdToIso(jd);
  return iso >= rule.effectiveFrom && (rule.effectiveTo === undefined || iso <= rule.effectiveTo);
}

/** Rule-derived days falling in solar `year` (before replacement by official schedules). */
function ruleOccurrences(rules: readonly HolidayRule[], year: number): Occurrence[] {
  const result: Occurrence[] = [];
  for (const rule of rules) {
    const length = rule.lengthDays ?? 1;
    if (!Number.isInteger(length) || length < 1) throw new RangeError(`Rule '${rule.id}': lengthDays must be ≥ 1`);
    // A lunar date of lunar year L falls in solar year L or L + 1; a long solar rule may spill over.
    for (const anchor of [year - 1, year]) {
      const first = firstDayOfRule(rule, anchor);
      if (first === null || !isEffective(rule, first)) continue;
      for (let i = 0; i < length; i++) {
        if (yearOfJd(first + i) === year) result.push({ jd: first + i, rule });
      }
    }
  }
  return result;
}

function replacedRuleIds(schedules: readonly OfficialSchedule[], year: number): Set<string> | 'all' {
  const ids = new Set<string>();
  for (const s of schedules) {
    if (s.year !== year) continue;
    if (s.replacesRules === undefined) return 'all';
    for (const id of s.replacesRules) ids.add(id);
  }
  return ids;
}

interface BaseYear {
  statutory: Map<number, DayOff>;
  official: Map<number, DayOff>;
}

function baseYear(year: number, rules: readonly HolidayRule[], schedules: readonly OfficialSchedule[]): BaseYear {
  const replaced = replacedRuleIds(schedules, year);
  const statutory = new Map<number, DayOff>();
  for (const occ of ruleOccurrences(rules, year).sort((a, b) => a.jd - b.jd)) {
    if (replaced === 'all' || replaced.has(occ.rule.id) || statutory.has(occ.jd)) continue;
    statutory.set(occ.jd, { date: jdToIso(occ.jd), name: occ.rule.name, kind: 'statutory' });
  }
  const official = new Map<number, DayOff>();
  for (const s of schedules) {
    for (const d of s.daysOff) {
      const jd = isoToJd(d.date);
      if (yearOfJd(jd) === year && !official.has(jd)) official.set(jd, { ...d });
    }
  }
  return { statutory, official };
}

function collectDates(lists: ReadonlyArray<readonly IsoDate[]>, year: number): Set<number> {
  const set = new Set<number>();
  for (const list of lists) {
    for (const iso of list) {
      const jd = isoToJd(iso);
      if (yearOfJd(jd) === year) set.add(jd);
    }
  }
  return set;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Year must be an integer in ${MIN_YEAR}–${MAX_YEAR}, got ${year}`);
  }
}

/** Full resolution of one solar year (days off + make-up workdays). */
export function resolveYear(year: number, inputs: CalendarInputs = {}): YearDays {
  checkYear(year);
  const rules = inputs.rules ?? DEFAULT_HOLIDAY_RULES;
  const schedules = inputs.schedules ?? OFFICIAL_SCHEDULES;
  const localDays = inputs.overrides?.daysOff ?? [];

  // Compensatory days of the previous year may spill into this one, so look one year back and ahead.
  const bases = [year - 1, year, year + 1].map((y) => baseYear(y, rules, schedules));
  const blocked = new Set<number>();
  for (const b of bases) {
    for (const jd of b.statutory.keys()) blocked.add(jd);
    for (const jd of b.official.keys()) blocked.add(jd);
  }
  for (const d of localDays) blocked.add(isoToJd(d.date));

  // Labour Code art. 111(3): a holiday on a weekly rest day is compensated on the next working day(s).
  const compensatory = new Map<number, DayOff>();
  const weekendHolidays = bases
    .slice(0, 2)
    .flatMap((b) => [...b.statutory.entries()])
    .filter(([jd]) => isWeekendJd(jd))
    .sort((a, b) => a[0] - b[0]);
  for (const [jd, holiday] of weekendHolidays) {
    let day = jd + 1;
    while (isWeekendJd(day) || blocked.has(day) || compensatory.has(day)) day++;
    compensatory.set(day, { date: jdToIso(day), name: `Nghỉ bù ${holiday.name}`, kind: 'compensatory' });
  }

  const current = bases[1] as BaseYear;
  const byDate = new Map<number, DayOff>();
  const add = (jd: number, d: DayOff): void => {
    if (yearOfJd(jd) === year && !byDate.has(jd)) byDate.set(jd, d);
  };
  for (const [jd, d] of current.official) add(jd, d);
  for (const [jd, d] of current.statutory) add(jd, d);
  for (const [jd, d] of compensatory) add(jd, d);
  for (const d of localDays) add(isoToJd(d.date), { date: d.date, name: d.name, kind: d.kind });

  const entries = [...byDate.entries()].sort((a, b) => a[0] - b[0]);
  const makeUpLists = [...schedules.map((s) => s.makeUpWorkdays), inputs.overrides?.makeUpWorkdays ?? []];
  return {
    daysOff: entries.map(([, d]) => d),
    daysOffJd: new Set(entries.map(([jd]) => jd)),
    makeUpJd: collectDates(makeUpLists, year),
  };
}

/** Days off of solar `year`, sorted by date. Weekends are not listed. */
export function daysOffOfYear(year: number, inputs: CalendarInputs = {}): DayOff[] {
  return resolveYear(year, inputs).daysOff;
}
