/** Vietnam time (UTC+7, no daylight saving) typed as day / month / year and "HH:MM", to a moment; null when not a real time. */
export function parseVnMoment(day: string, month: string, year: string, time: string): Date | null {
  const d = Number(day.trim()), m = Number(month.trim()), y = Number(year.trim());
  const t = /^\s*(\d{1,2})\s*[:hg]\s*(\d{2})\s*$/i.exec(time) ?? /^\s*(\d{1,2})\s*$/.exec(time);
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y) || !t || y < 2000 || y > 2100) return null;
  const h = Number(t[1]), min = Number(t[2] ?? 0);
  if (h > 23 || min > 59) return null;
  const utc = new Date(Date.UTC(y, m - 1, d, h - 7, min));
  const local = new Date(utc.getTime() + 7 * 3600_000);
  if (local.getUTCFullYear() !== y || local.getUTCMonth() !== m - 1 || local.getUTCDate() !== d) return null;
  return utc;
}

/** A moment as the day / month / year / "HH:MM" fields, in Vietnam time. */
export function vnFields(moment: Date): { day: string; month: string; year: string; time: string } {
  const l = new Date(moment.getTime() + 7 * 3600_000);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return { day: p2(l.getUTCDate()), month: p2(l.getUTCMonth() + 1), year: String(l.getUTCFullYear()), time: `${p2(l.getUTCHours())}:${p2(l.getUTCMinutes())}` };
}
