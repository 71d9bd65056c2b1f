import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/index.js';
import { AppError, sendHtml, STAFF_ROLES, type StaffRole } from '../../platform/http/index.js';
import type { FileStore } from '../../platform/storage/index.js';
import { vnDate } from '../../platform/clock.js';
import { pageContext } from '../../web/context.js';
import { calendarOf } from '../../calendar-http/index.js';
import { searchProcedures } from '../../catalog/index.js';
import { createDraft } from '../create.js';
import { dossierRef } from '../model.js';
import { getApplicant, queueCounts, queueDossiers, searchApplicants, type QueueName } from '../queries.js';
import { dossierForStaff, staffUnitIds } from '../access.js';
import { dossierPageProps } from '../page-data.js';
import { DossierPage } from '../views/dossier-page.js';
import { QueuePage } from '../views/queue-page.js';
import { IntakePage } from '../views/intake-page.js';
import { remainingText } from '../views/parts.js';
import { handleActionForm, handleUploadForm, noticeFor, sendAttachment } from './form-actions.js';

const STAFF: readonly StaffRole[] = STAFF_ROLES.filter((r) => r !== 'editor');
const INTAKE: readonly StaffRole[] = ['receptionist'];
const PAGE_SIZE = 25;
const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.normalize('NFC').trim().slice(0, max) : '');

/** Queues a person sees first, by role. */
function queuesFor(roles: StaffRole[]): QueueName[] {
  const q: QueueName[] = [];
  if (roles.includes('receptionist')) q.push('toReceive', 'drafts', 'resultReady');
  if (roles.includes('specialist')) q.push('assignedToMe');
  if (roles.includes('leader')) q.push('awaitingApproval');
  if (roles.includes('clerk') && !q.includes('resultReady')) q.push('resultReady');
  q.push('dueSoon', 'overdue', 'waitingApplicant', 'all');
  return q;
}

export function registerStaffDossierRoutes(app: FastifyInstance, db: Database, store: FileStore) {
  app.get('/can-bo', { config: { access: STAFF } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const roles = [...new Set(request.principal!.grants.map((g) => g.role))];
    const queues = queuesFor(roles);
    const queue = (queues as string[]).includes(str(query.hang)) ? (str(query.hang) as QueueName) : queues[0]!;
    const page = Math.max(1, Math.min(1000, Number(str(query.trang, 4)) || 1));
    const unitIds = await staffUnitIds(db, request);
    const now = new Date();
    const calendar = await calendarOf(db, request.site.unitId || null);
    const dueSoonUntil = calendar.addWorkingMinutes(now, calendar.workingDayMinutes);
    const base = { unitIds, userId: request.principal!.userId, now, dueSoonUntil };
    const q = str(query.q, 100);
    const result = await queueDossiers(db, { ...base, queue, q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const calendars = new Map<number, Awaited<ReturnType<typeof calendarOf>>>();
    const items = [];
    for (const d of result.items) {
      if (!calendars.has(d.unitId)) calendars.set(d.unitId, await calendarOf(db, d.unitId));
      items.push({ dossier: d, remaining: remainingText(d, calendars.get(d.unitId)!, now) });
    }
    return sendHtml(reply, QueuePage({
      ctx: pageContext(request), queues, counts: await queueCounts(db, base, queues), queue, q, items, total: result.total, page, pageSize: PAGE_SIZE,
      canIntake: roles.includes('receptionist'),
    }));
  });

  const intakeProcedures = async () => (await searchProcedures(db, { onDate: vnDate(new Date()), limit: 1000, offset: 0 })).items.map((p) => ({ code: p.code, name: p.name }));

  app.get('/can-bo/tiep-nhan', { config: { access: INTAKE } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const search = str(query.tim, 100);
    const chosen = /^\d{1,9}$/.test(str(query['nguoi-nop'])) ? await getApplicant(db, Number(query['nguoi-nop'])) : null;
    const values: Record<string, string> = chosen ? { fullName: chosen.fullName, phone: chosen.phone, idNumber: chosen.idNumber, address: chosen.address, email: chosen.email } : {};
    return sendHtml(reply, IntakePage({ ctx: pageContext(request), procedures: await intakeProcedures(), errors: [], values, search, matches: search ? await searchApplicants(db, search) : [] }));
  });

  app.post('/can-bo/tiep-nhan', { config: { access: INTAKE } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(['procedureCode', 'channel', 'fullName', 'idNumber', 'phone', 'email', 'address', 'content', 'pages', 'copies', 'feeExempt'].map((k) => [k, str(body[k], 2000)]));
    const unitId = request.principal!.grants.find((g) => g.role === 'receptionist')!.unitId;
    try {
      if (!values.procedureCode) throw new AppError(400, 'INVALID_PAYLOAD', 'Chọn thủ tục.', [{ param: 'procedureCode', message: 'Chọn thủ tục hành chính.' }]);
      const d = await createDraft(db, {
        unitId, procedureCode: values.procedureCode, channel: values.channel === 'post' ? 'post' : 'counter', ownerUserId: null, createdBy: request.principal!.userId,
        applicant: { fullName: values.fullName, idNumber: values.idNumber, phone: values.phone, email: values.email, address: values.address },
        request: { content: values.content, pages: values.pages || '1', copies: values.copies || '1', feeExempt: values.feeExempt === 'true' },
      });
      return reply.redirect(`/can-bo/ho-so/${dossierRef(d)}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const errors = err.errors.length ? err.errors : [{ param: 'procedureCode', message: err.message }];
      return sendHtml(reply, IntakePage({ ctx: pageContext(request), procedures: await intakeProcedures(), errors, values, search: '', matches: [] }), 400);
    }
  });

  app.get('/can-bo/ho-so/:ref', { config: { access: STAFF } }, async (request, reply) => {
    const d = await dossierForStaff(db, request, (request.params as { ref: string }).ref);
    return sendHtml(reply, DossierPage(await dossierPageProps(db, request, d, 'staff', { notice: noticeFor(request.query) })));
  });

  app.post('/can-bo/ho-so/:ref/thao-tac/:action', { config: { access: STAFF } }, async (request, reply) => {
    const d = await dossierForStaff(db, request, (request.params as { ref: string }).ref);
    return handleActionForm(db, request, reply, d, 'staff');
  });

  app.post('/can-bo/ho-so/:ref/tep', { config: { access: STAFF } }, async (request, reply) => {
    const d = await dossierForStaff(db, request, (request.params as { ref: string }).ref);
    return handleUploadForm(db, store, request, reply, d, 'staff');
  });

  app.get('/can-bo/ho-so/:ref/tep/:id', { config: { access: STAFF } }, async (request, reply) => {
    const params = request.params as { ref: string; id: string };
    return sendAttachment(db, store, reply, await dossierForStaff(db, request, params.ref), params.id);
  });
}
