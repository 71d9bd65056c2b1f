import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as api from '../../src/calendar/index.js';

const { createWorkingCalendar, describeRemainingVi, formatVnIso, parseIsoToDate, solarToLunar } = api;

/** A scenario touching every time-sensitive path; returns plain strings. */
function scenario(): string[] {
  const cal = createWorkingCalendar();
  const at = (s: string): Date => parseIsoToDate(s) as Date;
  const out: string[] = [];
  for (const received of ['2026-02-13T10:00+07:00', '2026-02-13T20:30:00Z', '2026-03-14T23:59:59', '2026-04-24T16:00']) {
    for (const limit of [
      { value: 3, unit: 'working-days' as const },
      { value: 4, unit: 'days' as const },
      { value: 5, unit: 'working-hours' as const },
    ]) {
      const r = cal.computeDeadline(at(received), limit);
      out.push(formatVnIso(r.effectiveReceivedAt), formatVnIso(r.dueAt));
    }
  }
  out.push(describeRemainingVi(cal.remaining(at('2026-02-24T09:00'), at('2026-02-25T17:00'))));
  out.push(String(cal.workingMinutesBetween(at('2026-03-13T16:00'), at('2026-03-16T08:00'))));
  out.push(JSON.stringify(solarToLunar({ year: 2026, month: 2, day: 17 })));
  out.push(api.classifyTimeliness(at('2026-03-11T23:30:00Z'), at('2026-03-12T17:00')));
  return out;
}

describe('independence from the host time zone', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('gives identical results under UTC, America/New_York, Asia/Ho_Chi_Minh and Pacific/Kiritimati', () => {
    const results = new Map<string, string[]>();
    const offsets = new Set<number>();
    for (const tz of ['UTC', 'America/New_York', 'Asia/Ho_Chi_Minh', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      offsets.add(new Date(Date.UTC(2026, 1, 13)).getTimezoneOffset());
      results.set(tz, scenario());
    }
    expect(offsets.size).toBe(4); // the host zone really changed
    const [first, ...rest] = [...results.values()];
    for (const r of rest) expect(r).toEqual(first);
    expect(first?.[1]).toBe('2026-02-25T17:00:00+07:00');
  });

  it('never calls local-time getters/setters, Date.now() or new Date() without arguments', () => {
    const forbidden = [
      'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getSeconds',
      'getMilliseconds', 'getTimezoneOffset', 'setFullYear', 'setMonth', 'setDate', 'setHours',
      'setMinutes', 'setSeconds', 'setMilliseconds', 'toLocaleString', 'toLocaleDateString',
      'toLocaleTimeString', 'toString', 'toDateString', 'toTimeString',
    ] as const;
    for (const name of forbidden) {
      vi.spyOn(Date.prototype, name).mockImplementation(() => {
        throw new Error(`local-time Date.prototype.${name} called`);
      });
    }
    const RealDate = Date;
    class NoClockDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) throw new Error('new Date() without arguments (clock) called');
        super(...(args as [number]));
      }
      static override now(): number {
        throw new Error('Date.now() called');
      }
    }
    vi.stubGlobal('Date', NoClockDate);
    const out = scenario();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    expect(out[1]).toBe('2026-02-25T17:00:00+07:00');
  });
});

describe('module purity and layout', () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../src/calendar');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it('every source file is small, imports only sibling files and uses no clock, I/O or env', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text.split('\n').length, file).toBeLessThan(300);
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/Date\.now|new Date\(\s*\)|process\.|require\(|globalThis|\beval\b/);
      expect(code, file).not.toMatch(/\.(get|set)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds|TimezoneOffset)\(/);
      for (const m of code.matchAll(/\bfrom\s+'([^']+)'/g)) {
        expect(m[1], `${file} imports ${m[1]}`).toMatch(/^\.\/[a-z0-9-]+\.js$/);
      }
      expect(text, file).toBe(text.normalize('NFC'));
    }
  });

  it('index exports the public API', () => {
    for (const name of [
      'solarToLunar', 'lunarToSolar', 'leapMonthOfYear', 'monthsInLunarYear', 'lunarMonthLength',
      'DEFAULT_HOLIDAY_RULES', 'OFFICIAL_SCHEDULES', 'DEFAULT_OFFICE_HOURS', 'daysOffOfYear',
      'createWorkingCalendar', 'describeRemainingVi', 'classifyTimeliness', 'formatVnIso', 'parseIsoToDate',
    ]) {
      expect(api, name).toHaveProperty(name);
    }
    const cal = createWorkingCalendar();
    for (const method of ['isWorkingDay', 'computeDeadline', 'workingMinutesBetween', 'extendByPause', 'restart', 'remaining', 'daysOffOfYear'] as const) {
      expect(typeof cal[method]).toBe('function');
    }
  });
});
