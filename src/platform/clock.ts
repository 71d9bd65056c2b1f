/** The date in Vietnam (UTC+7, no daylight saving) of a moment, as YYYY-MM-DD. */
export function vnDate(moment: Date): string {
  return new Date(moment.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
