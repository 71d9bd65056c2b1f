import type { Dossier, DossierEvent } from './model.js';

/**
 * The columns of the `dossiers` table itself. The pinned procedure and workflow snapshots (large, immutable JSON) live
 * in `dossier_rules`; the view `dossiers_full` joins them for reading, and the hot paths use the version caches.
 */
export const LIGHT_COLUMNS =
  'unit_id, id, code, procedure_code, procedure_version, workflow_id, workflow_version, channel, state, state_before_supplement, applicant_id, applicant, owner_user_id, request, ' +
  'submitted_at, received_at, due_at, original_due_at, paused_at, supplement_count, apology_count, assigned_to, fee, fee_paid, fee_method, ' +
  'finished_at, returned_at, return_method, rating, rating_comment, register_book, register_seq, version, last_hash, create_key, created_by, created_at, updated_at';

/** The columns an action may change (its `Patch`), besides `version` and `last_hash`. */
export const PATCH_COLUMNS: ReadonlySet<string> = new Set(['state', 'state_before_supplement', 'submitted_at', 'received_at', 'due_at', 'original_due_at',
  'paused_at', 'supplement_count', 'apology_count', 'assigned_to', 'fee', 'fee_paid', 'fee_method', 'finished_at', 'returned_at', 'return_method', 'rating',
  'rating_comment', 'code', 'register_book', 'register_seq']);

const date = (v: unknown): Date | null => (v == null ? null : new Date(v as string));

/** Maps a `dossiers` row (snake_case, as both drivers return it) to a Dossier. */
export function toDossier(r: Record<string, unknown>): Dossier {
  return {
    unitId: Number(r.unit_id),
    id: Number(r.id),
    code: (r.code as string | null) ?? null,
    procedureCode: r.procedure_code as string,
    procedureVersion: Number(r.procedure_version),
    procedure: r.procedure as Dossier['procedure'],
    workflow: r.workflow as Dossier['workflow'],
    channel: r.channel as Dossier['channel'],
    state: r.state as Dossier['state'],
    stateBeforeSupplement: (r.state_before_supplement as Dossier['stateBeforeSupplement']) ?? null,
    applicantId: r.applicant_id == null ? null : Number(r.applicant_id),
    applicant: r.applicant as Dossier['applicant'],
    ownerUserId: r.owner_user_id == null ? null : Number(r.owner_user_id),
    request: r.request as Dossier['request'],
    submittedAt: date(r.submitted_at),
    receivedAt: date(r.received_at),
    dueAt: date(r.due_at),
    originalDueAt: date(r.original_due_at),
    pausedAt: date(r.paused_at),
    supplementCount: Number(r.supplement_count),
    apologyCount: Number(r.apology_count),
    assignedTo: r.assigned_to == null ? null : Number(r.assigned_to),
    fee: (r.fee as Dossier['fee']) ?? null,
    feePaid: Boolean(r.fee_paid),
    feeMethod: (r.fee_method as string | null) ?? null,
    finishedAt: date(r.finished_at),
    returnedAt: date(r.returned_at),
    returnMethod: (r.return_method as string | null) ?? null,
    rating: r.rating == null ? null : Number(r.rating),
    ratingComment: (r.rating_comment as string | null) ?? null,
    registerBook: (r.register_book as string | null) ?? null,
    registerSeq: r.register_seq == null ? null : Number(r.register_seq),
    version: Number(r.version),
    lastHash: (r.last_hash as string | null) ?? null,
    createdBy: r.created_by == null ? null : Number(r.created_by),
    createdAt: new Date(r.created_at as string),
  };
}

export function toEvent(r: Record<string, unknown>): DossierEvent {
  return {
    seq: Number(r.seq),
    action: r.action as string,
    actorUserId: r.actor_user_id == null ? null : Number(r.actor_user_id),
    actorName: r.actor_name as string,
    at: new Date(r.at as string),
    stateBefore: (r.state_before as DossierEvent['stateBefore']) ?? null,
    stateAfter: r.state_after as DossierEvent['stateAfter'],
    dueAt: date(r.due_at),
    payload: (r.payload as Record<string, unknown>) ?? {},
    hash: r.hash as string,
    prevHash: (r.prev_hash as string | null) ?? null,
  };
}

/** The `dossiers` row of a Dossier (the inverse of `toDossier`; `create_key` and `updated_at` are the writer's). */
export function dossierRow(d: Dossier): Record<string, unknown> {
  return {
    unit_id: d.unitId, id: d.id, code: d.code, procedure_code: d.procedureCode, procedure_version: d.procedureVersion, workflow_id: d.workflow.id,
    workflow_version: d.workflow.version, channel: d.channel, state: d.state, state_before_supplement: d.stateBeforeSupplement, applicant_id: d.applicantId,
    applicant: d.applicant, owner_user_id: d.ownerUserId, request: d.request, submitted_at: d.submittedAt, received_at: d.receivedAt, due_at: d.dueAt,
    original_due_at: d.originalDueAt, paused_at: d.pausedAt, supplement_count: d.supplementCount, apology_count: d.apologyCount, assigned_to: d.assignedTo,
    fee: d.fee, fee_paid: d.feePaid, fee_method: d.feeMethod, finished_at: d.finishedAt, returned_at: d.returnedAt, return_method: d.returnMethod,
    rating: d.rating, rating_comment: d.ratingComment, register_book: d.registerBook, register_seq: d.registerSeq, version: d.version,
    last_hash: d.lastHash, created_by: d.createdBy, created_at: d.createdAt,
  };
}

/** The dossier after an action, in memory: what the projection update of `act` makes of the row. */
export function applyPatch(d: Dossier, patch: Record<string, unknown>, hash: string): Dossier {
  const row = dossierRow(d);
  for (const k of Object.keys(patch)) if (PATCH_COLUMNS.has(k)) row[k] = patch[k];
  row.version = d.version + 1;
  row.last_hash = hash;
  return { ...toDossier(row), procedure: d.procedure, workflow: d.workflow };
}
