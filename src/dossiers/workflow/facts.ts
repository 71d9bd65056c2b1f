/**
 * Bookkeeping after an allowed action: the new `DossierFacts`. Pure; the caller persists the result.
 * Time is not tracked here: the caller starts the clock on receipt, pauses it while `supplementRequested`
 * (see `clockRunning`), recomputes the due time after a complete supplement when the workflow's
 * `supplementClock` is 'restart', and stores the new appointment after an apology.
 */
import type { ActionName, DossierFacts, DossierState } from './types.js';

export interface ActionEffect {
  /** the user performing the action */
  actorUserId: number;
  /** for `assign`: the officer the dossier is handed to */
  assignee?: number | null;
}

/**
 * The facts after `action` moved the dossier to `to` (the `to` of a successful `checkAction`):
 * - requestSupplement: remembers the state it came from and counts the request;
 * - supplement: forgets that state;
 * - assign: sets the assignee; receive straight into processing (immediate workflow): the receiving officer
 *   becomes the assignee;
 * - apologize: counts the apology; rate: marks the dossier rated.
 */
export function nextFacts(facts: DossierFacts, action: ActionName, to: DossierState, effect: ActionEffect): DossierFacts {
  const next: DossierFacts = { ...facts, state: to };
  switch (action) {
    case 'requestSupplement':
      next.stateBeforeSupplement = facts.state;
      next.supplementCount = facts.supplementCount + 1;
      break;
    case 'supplement':
      next.stateBeforeSupplement = null;
      break;
    case 'assign':
      next.assignedTo = effect.assignee ?? facts.assignedTo;
      break;
    case 'receive':
      if (to === 'processing') next.assignedTo = effect.actorUserId;
      break;
    case 'apologize':
      next.apologyCount = facts.apologyCount + 1;
      break;
    case 'rate':
      next.rated = true;
      break;
    default:
      break;
  }
  return next;
}
