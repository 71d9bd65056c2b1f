import { parseIsoToDate } from '../../src/calendar/index.js';

/** The instant of an ISO 8601 test date ("2026-02-13T10:00", "…+07:00"); throws on a mistyped one. */
export const at = (s: string): Date => {
  const d = parseIsoToDate(s);
  if (!d) throw new Error(`bad test date ${s}`);
  return d;
};
