/**
 * Types of the dossier workflow: states, channels, actions, rules and the facts a permission check needs.
 * Pure data; no I/O, no clock.
 */
import type { StaffRole } from '../../platform/http/access.js';

export type { StaffRole };

/** Every dossier state, in lifecycle order (draft first, terminal states last). */
export const DOSSIER_STATES = [
  'draft',
  'submitted',
  'received',
  'supplementRequested',
  'processing',
  'awaitingApproval',
  'resultReady',
  'refusedIntake',
  'refused',
  'stopped',
  'withdrawn',
  'returned',
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

/** How the dossier was handed in: at the counter (trực tiếp), online (trực tuyến), by public post (bưu chính công ích). */
export const CHANNELS = ['counter', 'online', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ACTION_NAMES = [
  'submit',
  'receive',
  'refuseIntake',
  'requestSupplement',
  'supplement',
  'assign',
  'recordVerification',
  'submitForApproval',
  'approve',
  'sendBack',
  'refuse',
  'apologize',
  'stop',
  'withdraw',
  'returnResult',
  'rate',
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

export function isDossierState(value: string): value is DossierState {
  return (DOSSIER_STATES as readonly string[]).includes(value);
}
export function isActionName(value: string): value is ActionName {
  return (ACTION_NAMES as readonly string[]).includes(value);
}
export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

/**
 * One transition of a workflow. An action may have several rules (e.g. `receive` from `submitted` on any
 * channel, and from `draft` only for counter/post dossiers); the first rule that matches the state, the
 * channel and the actor applies.
 */
export interface ActionRule {
  action: ActionName;
  from: DossierState[];
  /** a state, 'same' (state unchanged) or 'previous' (the state before the supplement request) */
  to: DossierState | 'same' | 'previous';
  /** staff roles (in the dossier's unit) that may perform it */
  roles: StaffRole[];
  /** whether the dossier's own applicant (citizen account) may perform it */
  applicant: boolean;
  /** only the officer the dossier is assigned to (among `roles` holders) */
  assignedOnly?: boolean;
  /** restrict to dossiers of these channels (e.g. submit only online; receive from draft only counter/post) */
  channels?: Channel[];
}

export interface WorkflowDefinition {
  id: string;
  version: number;
  /** Vietnamese name, shown to staff */
  name: string;
  /** after a complete supplement the time limit restarts from zero ('restart', Decree 61/2018 art. 19) or resumes */
  supplementClock: 'restart' | 'resume';
  actions: ActionRule[];
}

/** What the permission check needs to know about one dossier (kept up to date by the caller, see `nextFacts`). */
export interface DossierFacts {
  state: DossierState;
  channel: Channel;
  /** the state the dossier was in when the supplement was requested (set while `supplementRequested`) */
  stateBeforeSupplement: DossierState | null;
  /** user id of the officer the dossier is assigned to */
  assignedTo: number | null;
  /** number of supplement requests so far (more than one counts the dossier as late in national statistics) */
  supplementCount: number;
  /** number of apology / re-appointment letters sent (at most one is allowed) */
  apologyCount: number;
  /** whether the applicant has already rated the handling */
  rated: boolean;
}

/** The person attempting an action. `roles` are the staff roles held in the dossier's unit. */
export interface Actor {
  userId: number;
  roles: StaffRole[];
  /** the actor is the dossier's own applicant; a staff member who is also the applicant acts in either capacity */
  isApplicant: boolean;
}

export interface ActionContext {
  /** working minutes from now until the due time (negative when overdue); null when there is no due time yet */
  workingMinutesToDue: number | null;
  /** minutes in one working day (450 by default) */
  workingDayMinutes: number;
}

export type CheckFailureCode =
  | 'UNKNOWN_ACTION'
  | 'WRONG_STATE'
  | 'WRONG_CHANNEL'
  | 'NOT_ALLOWED'
  | 'NOT_ASSIGNED'
  | 'PAST_DEADLINE'
  | 'APOLOGY_ONCE'
  | 'APOLOGY_TOO_LATE'
  | 'ALREADY_RATED'
  | 'NO_PREVIOUS_STATE';

/** Result of a permission check: the target state, or a refusal with a code and a Vietnamese message for people. */
export type Check = { ok: true; to: DossierState } | { ok: false; code: string; message: string };
