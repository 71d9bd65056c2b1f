import type { WorkingCalendar } from '../calendar/index.js';
import type { DossierFacts } from './workflow/index.js';
import type { Dossier } from './model.js';

/** What the workflow rules need to know about a dossier. */
export const factsOf = (d: Dossier): DossierFacts => ({
  state: d.state,
  channel: d.channel,
  stateBeforeSupplement: d.stateBeforeSupplement,
  assignedTo: d.assignedTo,
  supplementCount: d.supplementCount,
  apologyCount: d.apologyCount,
  rated: d.rating !== null,
});

/** Working minutes from `now` to the due time, negative when overdue; null before receipt. */
export function workingMinutesToDue(calendar: WorkingCalendar, now: Date, dueAt: Date | null): number | null {
  if (!dueAt) return null;
  return Math.sign(dueAt.getTime() - now.getTime()) * Math.abs(calendar.workingMinutesBetween(now, dueAt));
}
