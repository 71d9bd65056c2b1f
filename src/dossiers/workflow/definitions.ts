/**
 * The workflows as versioned data. A dossier pins (workflow id, version) at creation; never edit a published
 * version in place — add a new version instead.
 *
 * Lifecycle (Decree 61/2018/NĐ-CP arts 16–20 as amended, carried over by Decree 118/2025):
 * submit → receive (clock starts) → assign → verification → submit for approval → approve → return result,
 * with supplement requests (clock paused, restarts from zero after a complete supplement, art. 19),
 * refusal within the deadline, at most one apology/re-appointment at least one working day before the due
 * time (art. 19(9)), stop by the office and withdrawal by the applicant.
 */
import type { ActionRule, DossierState, WorkflowDefinition } from './types.js';
import { ACTION_NAMES, DOSSIER_STATES } from './types.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value as object)) deepFreeze(inner);
  }
  return value;
}

const IN_PROGRESS: DossierState[] = ['received', 'supplementRequested', 'processing', 'awaitingApproval'];

const STANDARD_ACTIONS: ActionRule[] = [
  { action: 'submit', from: ['draft'], to: 'submitted', roles: [], applicant: true, channels: ['online'] },
  { action: 'receive', from: ['submitted'], to: 'received', roles: ['receptionist'], applicant: false },
  { action: 'receive', from: ['draft'], to: 'received', roles: ['receptionist'], applicant: false, channels: ['counter', 'post'] },
  { action: 'refuseIntake', from: ['submitted'], to: 'refusedIntake', roles: ['receptionist'], applicant: false },
  {
    action: 'refuseIntake',
    from: ['draft'],
    to: 'refusedIntake',
    roles: ['receptionist'],
    applicant: false,
    channels: ['counter', 'post'],
  },
  {
    action: 'requestSupplement',
    from: ['received', 'processing'],
    to: 'supplementRequested',
    roles: ['receptionist', 'specialist'],
    applicant: false,
  },
  { action: 'supplement', from: ['supplementRequested'], to: 'previous', roles: ['receptionist'], applicant: true },
  { action: 'assign', from: ['received'], to: 'processing', roles: ['leader', 'receptionist'], applicant: false },
  {
    action: 'recordVerification',
    from: ['processing'],
    to: 'same',
    roles: ['specialist'],
    applicant: false,
    assignedOnly: true,
  },
  {
    action: 'submitForApproval',
    from: ['processing'],
    to: 'awaitingApproval',
    roles: ['specialist'],
    applicant: false,
    assignedOnly: true,
  },
  { action: 'approve', from: ['awaitingApproval'], to: 'resultReady', roles: ['leader'], applicant: false },
  { action: 'sendBack', from: ['awaitingApproval'], to: 'processing', roles: ['leader'], applicant: false },
  { action: 'refuse', from: ['processing', 'awaitingApproval'], to: 'refused', roles: ['leader'], applicant: false },
  { action: 'apologize', from: [...IN_PROGRESS], to: 'same', roles: ['leader'], applicant: false },
  { action: 'stop', from: [...IN_PROGRESS], to: 'stopped', roles: ['leader'], applicant: false },
  { action: 'withdraw', from: ['submitted', ...IN_PROGRESS], to: 'withdrawn', roles: ['receptionist'], applicant: true },
  { action: 'returnResult', from: ['resultReady', 'refused'], to: 'returned', roles: ['receptionist', 'clerk'], applicant: false },
  { action: 'rate', from: ['returned'], to: 'same', roles: [], applicant: true },
];

/**
 * Same-day procedures (e.g. certification): receiving puts the dossier straight into processing and the
 * receiving officer becomes the assignee — the caller sets `assignedTo` to the actor when a `receive` rule's
 * `to` is 'processing' (`nextFacts` does this). No `assign` step; the receiving officer (receptionist or
 * specialist) records verification and submits for approval.
 */
const IMMEDIATE_ACTIONS: ActionRule[] = STANDARD_ACTIONS.filter((r) => r.action !== 'assign').map((r): ActionRule => {
  if (r.action === 'receive') return { ...r, to: 'processing' };
  if (r.action === 'recordVerification' || r.action === 'submitForApproval') {
    return { ...r, roles: ['specialist', 'receptionist'], assignedOnly: true };
  }
  return { ...r };
});

export const WORKFLOWS: Readonly<Record<'standard' | 'immediate', WorkflowDefinition>> = deepFreeze({
  standard: {
    id: 'standard',
    version: 1,
    name: 'Quy trình chuẩn (thẩm định, phê duyệt)',
    supplementClock: 'restart',
    actions: structuredClone(STANDARD_ACTIONS),
  },
  immediate: {
    id: 'immediate',
    version: 1,
    name: 'Quy trình giải quyết trong ngày',
    supplementClock: 'restart',
    actions: structuredClone(IMMEDIATE_ACTIONS),
  },
});

/** The workflow with this id (and version, when given); null when unknown. */
export function workflowById(id: string, version?: number): WorkflowDefinition | null {
  if (!Object.hasOwn(WORKFLOWS, id)) return null;
  const workflow = WORKFLOWS[id as keyof typeof WORKFLOWS];
  if (version !== undefined && workflow.version !== version) return null;
  return workflow;
}

const TERMINAL: ReadonlySet<DossierState> = new Set(['refusedIntake', 'refused', 'stopped', 'withdrawn', 'returned']);
const CLOCK_RUNNING: ReadonlySet<DossierState> = new Set(['received', 'processing', 'awaitingApproval', 'resultReady']);

/**
 * Processing has ended: refused at intake, refused, stopped, withdrawn or returned. What remains is handing
 * back the refusal notice of a `refused` dossier (`returnResult` → returned) and rating a `returned` one.
 */
export function isTerminal(state: DossierState): boolean {
  return TERMINAL.has(state);
}

/** The resolution time limit is counting (not before receipt, not while waiting for a supplement, not after the end). */
export function clockRunning(state: DossierState): boolean {
  return CLOCK_RUNNING.has(state);
}

/**
 * Consistency problems of a workflow definition (empty when valid): unknown names, empty `from`,
 * 'previous' outside supplementRequested, actions nobody may perform, duplicate (action, state, channel).
 */
export function validateWorkflow(workflow: WorkflowDefinition): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  if (!workflow.id) problems.push('missing id');
  if (!Number.isInteger(workflow.version) || workflow.version < 1) problems.push('version must be a positive integer');
  workflow.actions.forEach((rule, i) => {
    const at = `actions[${i}] (${rule.action})`;
    if (!(ACTION_NAMES as readonly string[]).includes(rule.action)) problems.push(`${at}: unknown action`);
    if (rule.from.length === 0) problems.push(`${at}: empty from`);
    for (const s of rule.from) {
      if (!(DOSSIER_STATES as readonly string[]).includes(s)) problems.push(`${at}: unknown state ${s}`);
      for (const ch of rule.channels ?? ['counter', 'online', 'post']) {
        const key = `${rule.action}|${s}|${ch}`;
        if (seen.has(key)) problems.push(`${at}: duplicate rule for ${s} / ${ch}`);
        seen.add(key);
      }
    }
    if (rule.to !== 'same' && rule.to !== 'previous' && !(DOSSIER_STATES as readonly string[]).includes(rule.to)) {
      problems.push(`${at}: unknown target ${rule.to}`);
    }
    if (rule.to === 'previous' && rule.from.some((s) => s !== 'supplementRequested')) {
      problems.push(`${at}: 'previous' is only meaningful from supplementRequested`);
    }
    if (rule.roles.length === 0 && !rule.applicant) problems.push(`${at}: nobody may perform it`);
    if (rule.channels && rule.channels.length === 0) problems.push(`${at}: empty channels`);
  });
  return problems;
}
