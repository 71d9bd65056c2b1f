/**
 * Dossier workflow: versioned workflow data, a pure permission function, labels and national codes.
 *
 * Typical use by the dossier service:
 *   const wf = workflowById(dossier.workflowId, dossier.workflowVersion);
 *   const check = checkAction(facts, wf, actor, 'approve', ctx);
 *   if (!check.ok) → show check.message (Vietnamese), respond with check.code;
 *   else → persist state = check.to and nextFacts(facts, action, check.to, { actorUserId, assignee }),
 *          show actionWarning(facts, action) if any.
 */
export type {
  ActionContext,
  ActionName,
  ActionRule,
  Actor,
  Channel,
  Check,
  CheckFailureCode,
  DossierFacts,
  DossierState,
  StaffRole,
  WorkflowDefinition,
} from './types.js';
export { ACTION_NAMES, CHANNELS, DOSSIER_STATES, isActionName, isChannel, isDossierState } from './types.js';
export { WORKFLOWS, clockRunning, isTerminal, validateWorkflow, workflowById } from './definitions.js';
export { actionWarning, availableActions, checkAction } from './permissions.js';
export { nextFacts, type ActionEffect } from './facts.js';
export { ACTION_LABELS, ACTION_PHRASES, CHANNEL_LABELS, ROLE_PHRASES, STATE_LABELS, STATE_TONE } from './labels.js';
export { NATIONAL_CHANNEL, NATIONAL_STATUS } from './national.js';
