/**
 * The pure permission function: may this actor perform this action on this dossier now, and to which state?
 *
 * Checks, in order (the first failure is reported):
 * 1. UNKNOWN_ACTION — the workflow has no rule for the action;
 * 2. WRONG_STATE — no rule starts from the dossier's state;
 * 3. WRONG_CHANNEL — rules start from the state but none applies to the dossier's channel;
 * 4. NOT_ALLOWED / NOT_ASSIGNED — the actor holds none of the rule's roles and is not the applicant (when
 *    the applicant may act), or holds a role but is not the assignee of an `assignedOnly` rule;
 * 5. action-specific guards: PAST_DEADLINE (refuse), APOLOGY_ONCE / APOLOGY_TOO_LATE (apologize),
 *    ALREADY_RATED (rate), NO_PREVIOUS_STATE (supplement without a recorded previous state).
 */
import { ACTION_LABELS, ACTION_PHRASES, CHANNEL_LABELS, ROLE_PHRASES, STATE_LABELS } from './labels.js';
import type {
  ActionContext,
  ActionName,
  ActionRule,
  Actor,
  Check,
  CheckFailureCode,
  DossierFacts,
  DossierState,
  WorkflowDefinition,
} from './types.js';
import { DOSSIER_STATES } from './types.js';

function fail(code: CheckFailureCode, message: string): Check {
  return { ok: false, code, message };
}

function phrase(action: ActionName): string {
  return ACTION_PHRASES[action] ?? String(action);
}

function joinOr(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} hoặc ${items[items.length - 1]}`;
}

type ActorFit = 'ok' | 'notAllowed' | 'notAssigned';

function actorFit(rule: ActionRule, facts: DossierFacts, actor: Actor): ActorFit {
  if (rule.applicant && actor.isApplicant) return 'ok';
  const holdsRole = rule.roles.some((role) => actor.roles.includes(role));
  if (!holdsRole) return 'notAllowed';
  if (rule.assignedOnly && facts.assignedTo !== actor.userId) return 'notAssigned';
  return 'ok';
}

function notAllowedMessage(rules: ActionRule[], action: ActionName): string {
  const who: string[] = [];
  if (rules.some((r) => r.applicant)) who.push('người nộp hồ sơ');
  for (const rule of rules) {
    for (const role of rule.roles) {
      const name = rule.assignedOnly ? `${ROLE_PHRASES[role]} được phân công` : ROLE_PHRASES[role];
      if (!who.includes(name)) who.push(name);
    }
  }
  return `Chỉ ${joinOr(who)} mới được ${phrase(action)}.`;
}

function resolveTarget(rule: ActionRule, facts: DossierFacts, workflow: WorkflowDefinition): DossierState | null {
  if (rule.to === 'same') return facts.state;
  if (rule.to !== 'previous') return rule.to;
  // 'previous' must be a state from which a supplement can be requested in this workflow
  const previous = facts.stateBeforeSupplement;
  if (previous === null || !(DOSSIER_STATES as readonly string[]).includes(previous)) return null;
  const requestable = workflow.actions.some((r) => r.action === 'requestSupplement' && r.from.includes(previous));
  return requestable ? previous : null;
}

function guard(action: ActionName, facts: DossierFacts, ctx: ActionContext): Check | null {
  switch (action) {
    case 'refuse':
      if (ctx.workingMinutesToDue !== null && ctx.workingMinutesToDue < 0) {
        return fail(
          'PAST_DEADLINE',
          'Đã quá hạn giải quyết: không thể từ chối; hãy gửi văn bản xin lỗi và hẹn lại hoặc trả kết quả.',
        );
      }
      return null;
    case 'apologize':
      if (facts.apologyCount >= 1) return fail('APOLOGY_ONCE', 'Chỉ được hẹn lại ngày trả kết quả một lần.');
      if (ctx.workingMinutesToDue === null || ctx.workingMinutesToDue < ctx.workingDayMinutes) {
        return fail('APOLOGY_TOO_LATE', 'Phải gửi văn bản xin lỗi chậm nhất 01 ngày làm việc trước ngày hẹn trả.');
      }
      return null;
    case 'rate':
      if (facts.rated) return fail('ALREADY_RATED', 'Hồ sơ này đã được đánh giá.');
      return null;
    default:
      return null;
  }
}

/** May `actor` perform `action` on the dossier described by `facts` under `workflow`? Pure; never throws. */
export function checkAction(
  facts: DossierFacts,
  workflow: WorkflowDefinition,
  actor: Actor,
  action: ActionName,
  ctx: ActionContext,
): Check {
  const rules = workflow.actions.filter((r) => r.action === action);
  if (rules.length === 0) {
    const label = ACTION_LABELS[action] ?? String(action);
    return fail('UNKNOWN_ACTION', `Quy trình “${workflow.name}” không có thao tác “${label}”.`);
  }

  const fromState = rules.filter((r) => r.from.includes(facts.state));
  if (fromState.length === 0) {
    const label = STATE_LABELS[facts.state] ?? String(facts.state);
    return fail('WRONG_STATE', `Hồ sơ đang ở trạng thái “${label}”, không thể ${phrase(action)}.`);
  }

  const onChannel = fromState.filter((r) => !r.channels || r.channels.includes(facts.channel));
  if (onChannel.length === 0) {
    const allowed = [...new Set(fromState.flatMap((r) => r.channels ?? []))].map((c) => CHANNEL_LABELS[c].toLowerCase());
    return fail(
      'WRONG_CHANNEL',
      `Thao tác “${ACTION_LABELS[action]}” ở trạng thái “${STATE_LABELS[facts.state]}” chỉ áp dụng cho hồ sơ nộp ` +
        `${joinOr(allowed)}; hồ sơ này nộp ${CHANNEL_LABELS[facts.channel]?.toLowerCase() ?? facts.channel}.`,
    );
  }

  const fits = onChannel.map((rule) => ({ rule, fit: actorFit(rule, facts, actor) }));
  const chosen = fits.find((f) => f.fit === 'ok');
  if (!chosen) {
    if (fits.some((f) => f.fit === 'notAssigned')) {
      return fail('NOT_ASSIGNED', 'Hồ sơ được phân công cho chuyên viên khác.');
    }
    return fail('NOT_ALLOWED', notAllowedMessage(onChannel, action));
  }

  const refused = guard(action, facts, ctx);
  if (refused) return refused;

  const to = resolveTarget(chosen.rule, facts, workflow);
  if (to === null) {
    return fail('NO_PREVIOUS_STATE', 'Không xác định được trạng thái của hồ sơ trước khi yêu cầu bổ sung.');
  }
  return { ok: true, to };
}

/** The actions `actor` may perform now, in the workflow's order (each action once). */
export function availableActions(
  facts: DossierFacts,
  workflow: WorkflowDefinition,
  actor: Actor,
  ctx: ActionContext,
): ActionName[] {
  const result: ActionName[] = [];
  for (const rule of workflow.actions) {
    if (result.includes(rule.action)) continue;
    if (checkAction(facts, workflow, actor, rule.action, ctx).ok) result.push(rule.action);
  }
  return result;
}

/**
 * A warning the caller should show before (or when) performing an allowed action, or null.
 * A second supplement request is allowed, but the law requires one consolidated request and national
 * statistics count a dossier with more than one request as late.
 */
export function actionWarning(facts: DossierFacts, action: ActionName): { code: string; message: string } | null {
  if (action === 'requestSupplement' && facts.supplementCount >= 1) {
    return {
      code: 'SUPPLEMENT_REPEATED',
      message:
        `Hồ sơ đã được yêu cầu bổ sung ${facts.supplementCount} lần. Pháp luật yêu cầu hướng dẫn bổ sung một lần, ` +
        'đầy đủ; hồ sơ yêu cầu bổ sung quá một lần bị tính là quá hạn.',
    };
  }
  return null;
}
