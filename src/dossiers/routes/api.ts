import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { z } from 'zod';
import type { Database } from '../../platform/db/index.js';
import { AppError, apiRoute, badRequest, forbidden, notFound, STAFF_ROLES } from '../../platform/http/index.js';
import type { FileStore } from '../../platform/storage/index.js';
import { calendarOf } from '../../calendar-http/index.js';
import { findUnitByCode } from '../../identity/index.js';
import { ACTION_NAMES, availableActions, NATIONAL_CHANNEL, NATIONAL_STATUS, STATE_LABELS, type ActionName } from '../workflow/index.js';
import { act, rolesIn } from '../act.js';
import { createDraft } from '../create.js';
import { addAttachment, listAttachments } from '../attachments.js';
import { getDossierByRef, listEvents, queueDossiers, type QueueName } from '../queries.js';
import { staffUnitIds } from '../access.js';
import { factsOf, workingMinutesToDue } from '../facts.js';
import { ApplicantSchema, dossierRef, RequestSchema, type Dossier } from '../model.js';

const IDEMPOTENCY = /^[A-Za-z0-9_\-:.]{8,100}$/;

const EventView = z.object({ seq: z.number(), action: z.string(), actorName: z.string(), at: z.string(), stateBefore: z.string().nullable(), stateAfter: z.string(), dueAt: z.string().nullable(), payload: z.record(z.string(), z.unknown()), hash: z.string() });
const DossierView = z.object({
  ref: z.string(), code: z.string().nullable(), unitId: z.number(), state: z.string(), stateLabel: z.string(), nationalStatus: z.number().nullable(), channel: z.string(), nationalChannel: z.number(),
  procedure: z.object({ code: z.string(), version: z.number(), name: z.string() }),
  applicant: z.object({ fullName: z.string(), phone: z.string(), email: z.string(), address: z.string() }),
  submittedAt: z.string().nullable(), receivedAt: z.string().nullable(), dueAt: z.string().nullable(), finishedAt: z.string().nullable(), returnedAt: z.string().nullable(),
  fee: z.object({ total: z.number(), paid: z.boolean() }).nullable(), version: z.number(),
  permittedActions: z.array(z.string()), events: z.array(EventView).optional(),
  attachments: z.array(z.object({ id: z.number(), label: z.string(), fileName: z.string(), mime: z.string(), sizeBytes: z.number(), sha256: z.string(), digitized: z.boolean() })).optional(),
});

async function canSee(db: Database, request: FastifyRequest, d: Dossier): Promise<'staff' | 'applicant' | null> {
  if ((await staffUnitIds(db, request)).includes(d.unitId) && !(d.state === 'draft' && d.ownerUserId !== null)) return 'staff';
  return d.ownerUserId === request.principal?.userId ? 'applicant' : null;
}

async function view(db: Database, request: FastifyRequest, d: Dossier, audience: 'staff' | 'applicant', full: boolean): Promise<z.input<typeof DossierView>> {
  const principal = request.principal!;
  const calendar = await calendarOf(db, d.unitId);
  const now = new Date();
  const permitted = availableActions(
    factsOf(d), d.workflow, { userId: principal.userId, roles: audience === 'staff' ? rolesIn(principal, d.unitId) : [], isApplicant: d.ownerUserId === principal.userId },
    { workingMinutesToDue: workingMinutesToDue(calendar, now, d.dueAt), workingDayMinutes: calendar.workingDayMinutes },
  );
  const iso = (x: Date | null) => x?.toISOString() ?? null;
  return {
    ref: dossierRef(d), code: d.code, unitId: d.unitId, state: d.state, stateLabel: STATE_LABELS[d.state], nationalStatus: NATIONAL_STATUS[d.state], channel: d.channel, nationalChannel: NATIONAL_CHANNEL[d.channel],
    procedure: { code: d.procedureCode, version: d.procedureVersion, name: d.procedure.name },
    applicant: { fullName: d.applicant.fullName, phone: d.applicant.phone, email: d.applicant.email, address: d.applicant.address },
    submittedAt: iso(d.submittedAt), receivedAt: iso(d.receivedAt), dueAt: iso(d.dueAt), finishedAt: iso(d.finishedAt), returnedAt: iso(d.returnedAt),
    fee: d.fee ? { total: d.fee.total, paid: d.feePaid } : null, version: d.version, permittedActions: permitted,
    ...(full
      ? {
          events: (await listEvents(db, d)).map((e) => ({ seq: e.seq, action: e.action, actorName: e.actorName, at: e.at.toISOString(), stateBefore: e.stateBefore, stateAfter: e.stateAfter, dueAt: iso(e.dueAt), payload: e.payload, hash: e.hash })),
          attachments: (await listAttachments(db, d)).map((a) => ({ id: a.id, label: a.label, fileName: a.fileName, mime: a.mime, sizeBytes: a.sizeBytes, sha256: a.sha256, digitized: a.digitized })),
        }
      : {}),
  };
}

async function visibleDossier(db: Database, request: FastifyRequest, ref: string) {
  const d = await getDossierByRef(db, ref);
  const audience = d ? await canSee(db, request, d) : null;
  if (!d || !audience) throw notFound('Không tìm thấy hồ sơ.');
  return { d, audience };
}

const idempotencyKeyOf = (request: FastifyRequest): string | null => {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || !IDEMPOTENCY.test(key)) throw badRequest('INVALID_PARAMETER', 'Tham số không hợp lệ: Idempotency-Key (8–100 ký tự chữ, số, -_:.).', [{ param: 'Idempotency-Key', message: 'không hợp lệ' }]);
  return key;
};

export function registerDossierApi(app: FastifyInstance, db: Database, store: FileStore) {
  apiRoute(app, {
    method: 'POST', url: '/api/v1/dossiers', access: 'signedIn', status: 201, tags: ['dossiers'],
    summary: 'Tạo hồ sơ nháp (create a draft dossier); dùng thao tác submit hoặc receive để nộp / tiếp nhận. Header Idempotency-Key được hỗ trợ.',
    body: z.object({
      procedureCode: z.string().regex(/^\d\.\d{6}$/), unitCode: z.string().regex(/^\d{2}(\d{3})?$/).optional(), channel: z.enum(['counter', 'online', 'post']).default('online'),
      applicant: ApplicantSchema, request: RequestSchema.partial().optional(),
    }),
    response: DossierView,
    handler: async ({ body, principal, request }) => {
      const staffUnit = principal!.grants.find((g) => g.role === 'receptionist' && (!body.unitCode || true));
      const unit = body.unitCode ? await findUnitByCode(db, body.unitCode) : null;
      if (body.unitCode && !unit) throw badRequest('INVALID_PARAMETER', 'Tham số không hợp lệ: unitCode.', [{ param: 'unitCode', message: 'không có đơn vị này' }]);
      const asStaff = body.channel !== 'online';
      if (asStaff && !staffUnit) throw forbidden('Chỉ công chức tiếp nhận được tạo hồ sơ trực tiếp hoặc qua bưu chính.');
      const unitId = asStaff ? (unit && principal!.grants.some((g) => g.role === 'receptionist' && g.unitId === unit.id) ? unit.id : staffUnit!.unitId) : unit?.id ?? request.site.unitId;
      const d = await createDraft(db, { unitId, procedureCode: body.procedureCode, channel: body.channel, applicant: body.applicant, request: body.request ?? {}, ownerUserId: asStaff ? null : principal!.userId, createdBy: principal!.userId, createKey: idempotencyKeyOf(request) });
      return view(db, request, d, asStaff ? 'staff' : 'applicant', true);
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/api/v1/dossiers/:ref', access: 'signedIn', tags: ['dossiers'], summary: 'Một hồ sơ với các thao tác được phép và nhật ký sự kiện',
    params: z.object({ ref: z.string().max(60) }), response: DossierView,
    handler: async ({ params, request }) => {
      const { d, audience } = await visibleDossier(db, request, params.ref);
      return view(db, request, d, audience, true);
    },
  });

  apiRoute(app, {
    method: 'GET', url: '/api/v1/dossiers', access: STAFF_ROLES, tags: ['dossiers'], summary: 'Danh sách hồ sơ của các đơn vị của cán bộ (hàng đợi, tìm kiếm)',
    query: z.object({
      queue: z.enum(['toReceive', 'drafts', 'assignedToMe', 'awaitingApproval', 'dueSoon', 'overdue', 'waitingApplicant', 'resultReady', 'all']).default('all'),
      q: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    }),
    response: z.object({ total: z.number(), items: z.array(DossierView) }),
    handler: async ({ query, request }) => {
      const now = new Date();
      const calendar = await calendarOf(db, request.site.unitId || null);
      const result = await queueDossiers(db, { unitIds: await staffUnitIds(db, request), userId: request.principal!.userId, queue: query.queue as QueueName, now, dueSoonUntil: calendar.addWorkingMinutes(now, calendar.workingDayMinutes), q: query.q ?? '', limit: query.limit, offset: query.offset });
      return { total: result.total, items: await Promise.all(result.items.map((d) => view(db, request, d, 'staff', false))) };
    },
  });

  apiRoute(app, {
    method: 'POST', url: '/api/v1/dossiers/:ref/actions/:action', access: 'signedIn', tags: ['dossiers'],
    summary: 'Thực hiện một thao tác trên hồ sơ (perform a workflow action). Gửi header Idempotency-Key: cùng khóa gửi lại chỉ thực hiện một lần. 409 khi hồ sơ đã thay đổi.',
    params: z.object({ ref: z.string().max(60), action: z.enum(ACTION_NAMES as unknown as [ActionName, ...ActionName[]]) }),
    body: z.record(z.string(), z.unknown()).optional(),
    response: DossierView,
    handler: async ({ params, body, request }) => {
      const { d, audience } = await visibleDossier(db, request, params.ref);
      const { expectedVersion, ...payload } = (body ?? {}) as Record<string, unknown>;
      if (expectedVersion !== undefined && !Number.isInteger(expectedVersion)) throw badRequest('INVALID_PARAMETER', 'Tham số không hợp lệ: expectedVersion.', [{ param: 'expectedVersion', message: 'phải là số nguyên' }]);
      const principal = audience === 'applicant' ? { ...request.principal!, grants: [] } : request.principal!;
      const result = await act(db, { unitId: d.unitId, dossierId: d.id, action: params.action, actor: principal, payload, idempotencyKey: idempotencyKeyOf(request), expectedVersion: expectedVersion as number | undefined, hooks: request.server.dossierHooks });
      return view(db, request, result.dossier, audience, true);
    },
  });

  apiRoute(app, {
    method: 'POST', url: '/api/v1/dossiers/:ref/attachments', access: 'signedIn', status: 201, tags: ['dossiers'],
    summary: 'Tải lên một giấy tờ (multipart/form-data: file, documentIndex, digitized). Chỉ nhận PDF, JPEG, PNG, kiểm tra theo nội dung.',
    params: z.object({ ref: z.string().max(60) }),
    response: z.object({ id: z.number(), sha256: z.string(), mime: z.string(), sizeBytes: z.number() }),
    handler: async ({ params, request }) => {
      const { d, audience } = await visibleDossier(db, request, params.ref);
      if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Gửi tệp dạng multipart/form-data.');
      const fields = (request.body ?? {}) as Record<string, { value?: unknown } | MultipartFile | undefined>;
      const file = fields.file as MultipartFile | undefined;
      if (!file || typeof file.toBuffer !== 'function') throw badRequest('NO_FILE', 'Thiếu tệp (trường file).', [{ param: 'file', message: 'thiếu tệp' }]);
      const bytes = await file.toBuffer().catch(() => { throw new AppError(413, 'FILE_TOO_LARGE', 'Tệp quá lớn.'); });
      const allowed = audience === 'staff' ? ['draft', 'submitted', 'received', 'processing', 'supplementRequested'] : ['draft', 'supplementRequested'];
      if (!allowed.includes(d.state)) throw new AppError(409, 'WRONG_STATE', 'Hồ sơ ở trạng thái này không nhận thêm giấy tờ.');
      const indexText = String((fields.documentIndex as { value?: unknown } | undefined)?.value ?? '');
      const a = await addAttachment(db, store, {
        dossier: d, documentIndex: /^\d{1,3}$/.test(indexText) ? Number(indexText) : null, fileName: file.filename, bytes,
        digitized: audience === 'staff' && String((fields.digitized as { value?: unknown } | undefined)?.value ?? '') === 'true', uploadedBy: request.principal!.userId,
      });
      return { id: a.id, sha256: a.sha256, mime: a.mime, sizeBytes: a.sizeBytes };
    },
  });
}
