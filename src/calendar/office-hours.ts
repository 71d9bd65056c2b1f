/** Office hours ("giờ hành chính") and their validation. */
import type { OfficeHours } from './types.js';

export const DEFAULT_OFFICE_HOURS: OfficeHours = Object.freeze({
  sessions: Object.freeze([
    Object.freeze({ start: '07:30', end: '11:30' }),
    Object.freeze({ start: '13:30', end: '17:00' }),
  ]) as unknown as OfficeHours['sessions'],
  cutoff: '15:00',
});

/** Office hours in minutes since local midnight. */
export interface CompiledOfficeHours {
  readonly source: OfficeHours;
  readonly sessions: ReadonlyArray<{ readonly start: number; readonly end: number }>;
  readonly cutoff: number;
  /** Start of the first session. */
  readonly opening: number;
  /** End of the last session. */
  readonly closing: number;
  /** Total session minutes of one working day. */
  readonly dayMinutes: number;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** 'HH:mm' → minutes since midnight; throws RangeError when malformed. */
export function parseHhMm(value: string, field = 'time'): number {
  const m = typeof value === 'string' ? HH_MM.exec(value) : null;
  if (!m) throw new RangeError(`Office hours: ${field} must be 'HH:mm' (00:00–23:59), got '${String(value)}'`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Validates and compiles office hours; throws RangeError with a clear message when invalid. */
export function compileOfficeHours(hours: OfficeHours): CompiledOfficeHours {
  if (!hours || !Array.isArray(hours.sessions) || hours.sessions.length === 0) {
    throw new RangeError('Office hours: at least one session is required');
  }
  const sessions = hours.sessions.map((s, i) => {
    const start = parseHhMm(s.start, `sessions[${i}].start`);
    const end = parseHhMm(s.end, `sessions[${i}].end`);
    if (end <= start) throw new RangeError(`Office hours: sessions[${i}] must end after it starts (${s.start}–${s.end})`);
    return { start, end };
  });
  sessions.forEach((s, i) => {
    const prev = i > 0 ? sessions[i - 1] : undefined;
    if (prev && s.start < prev.end) {
      throw new RangeError(`Office hours: sessions must be sorted and non-overlapping (sessions[${i - 1}] and sessions[${i}])`);
    }
  });
  const opening = (sessions[0] as { start: number }).start;
  const closing = (sessions[sessions.length - 1] as { end: number }).end;
  const cutoff = parseHhMm(hours.cutoff, 'cutoff');
  if (cutoff <= opening || cutoff > closing) {
    throw new RangeError(`Office hours: cutoff ${hours.cutoff} must be after opening and not after closing time`);
  }
  const fmt = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const source: OfficeHours = Object.freeze({
    sessions: sessions.map((s) => Object.freeze({ start: fmt(s.start), end: fmt(s.end) })),
    cutoff: fmt(cutoff),
  });
  return Object.freeze({
    source,
    sessions: Object.freeze(sessions.map((s) => Object.freeze(s))),
    cutoff,
    opening,
    closing,
    dayMinutes: sessions.reduce((sum, s) => sum + s.end - s.start, 0),
  });
}
