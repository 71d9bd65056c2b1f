import type { FastifyRequest } from 'fastify';
import type { Database } from '../platform/db/index.js';
import type { FieldError } from '../platform/http/index.js';
import { pageContext } from '../web/context.js';
import { calendarOf } from '../calendar-http/index.js';
import { availableActions, type ActionName } from './workflow/index.js';
import { rolesIn } from './act.js';
import { listAttachments } from './attachments.js';
import { listEvents, staffWithRole, userNames } from './queries.js';
import { dossierRef, type Dossier } from './model.js';
import type { DossierPageProps } from './views/dossier-page.js';
import { remainingText } from './views/parts.js';
import { warningFor } from './views/action-forms.js';
import { printLinksFor } from './print-links.js';
import { computeFee } from '../catalog/index.js';
import { actionLabel } from './views/parts.js';
import { factsOf, workingMinutesToDue } from './facts.js';
import { getDossierResult, numberAndSymbol } from '../documents/register/store.js';
import { notificationsOfDossier } from '../notifications/index.js';
import { feeSectionHtml } from '../payments/section.js';

const UPLOAD_STATES_STAFF = new Set(['draft', 'submitted', 'received', 'processing', 'supplementRequested']);
const UPLOAD_STATES_APPLICANT = new Set(['draft', 'supplementRequested']);

export interface PageState {
  notice?: string | undefined;
  alert?: string | undefined;
  failedAction?: ActionName;
  errors?: FieldError[];
  values?: Record<string, string>;
  /** A refused fee collection: its message, the field it concerns and the reference typed. */
  feeError?: { param: string; message: string };
  feeReference?: string;
}

/** Everything the dossier page shows, for staff or for the applicant, with the actions this person may take now. */
export async function dossierPageProps(db: Database, request: FastifyRequest, d: Dossier, audience: 'staff' | 'applicant', state: PageState = {}): Promise<DossierPageProps> {
  const principal = request.principal!;
  const now = new Date();
  const calendar = await calendarOf(db, d.unitId);
  const facts = factsOf(d);
  const actor = { userId: principal.userId, roles: audience === 'staff' ? rolesIn(principal, d.unitId) : [], isApplicant: audience === 'applicant' && d.ownerUserId === principal.userId };
  const actions = availableActions(facts, d.workflow, actor, { workingMinutesToDue: workingMinutesToDue(calendar, now, d.dueAt), workingDayMinutes: calendar.workingDayMinutes });
  const specialists = actions.includes('assign') ? await staffWithRole(db, d.unitId, 'specialist') : [];
  const base = audience === 'staff' ? `/can-bo/ho-so/${dossierRef(d)}` : `/ho-so-cua-toi/${dossierRef(d)}`;
  const names = await userNames(db, d.assignedTo ? [d.assignedTo] : []);
  const uploadStates = audience === 'staff' ? UPLOAD_STATES_STAFF : UPLOAD_STATES_APPLICANT;
  const result = await getDossierResult(db, d.unitId, d.id);
  const feeSection = await feeSectionHtml(db, d, {
    audience, principal, csrfToken: request.csrfToken, error: state.feeError, gateway: request.server.paymentGateway ?? null, ...(state.feeReference !== undefined ? { reference: state.feeReference } : {}),
  });
  return {
    feeSection,
    result: result && {
      signed: result.state === 'signed',
      numberText: numberAndSymbol(result),
      signedAt: result.signedAt,
      signerName: result.signerName,
      href: result.state === 'signed' ? `${base}/ket-qua.pdf` : null,
      verifyHref: `/kiem-tra-chu-ky/van-ban/${result.publicToken}`,
      problem: audience === 'staff' ? result.lastError : null,
    },
    ctx: pageContext(request),
    dossier: d,
    events: await listEvents(db, d),
    attachments: await listAttachments(db, d),
    actions: actions.map((action) => ({
      action,
      postTo: `${base}/thao-tac/${action}`,
      csrfToken: request.csrfToken,
      version: d.version,
      specialists,
      errors: state.failedAction === action ? state.errors ?? [] : [],
      values: state.failedAction === action ? state.values ?? {} : {},
      open: state.failedAction === action || (actions.length === 1 && action !== 'withdraw'),
      warning: warningFor(facts, action),
      feeDue: action === 'receive' ? computeFee(d.procedure.fees, { pages: d.request.pages, copies: d.request.copies, cases: d.request.cases, exempt: d.request.feeExempt }).total : 0,
      label: actionLabel(action, audience === 'applicant'),
    })),
    remaining: remainingText(d, calendar, now),
    audience,
    assigneeName: d.assignedTo ? names.get(d.assignedTo) ?? null : null,
    notice: state.notice,
    alert: state.alert,
    uploadPath: uploadStates.has(d.state) && (audience === 'applicant' || d.ownerUserId === null || d.state !== 'draft') ? `${base}/tep` : null,
    printLinks: printLinksFor(d, audience),
    notifications: await notificationsOfDossier(db, d.unitId, d.id),
  };
}
