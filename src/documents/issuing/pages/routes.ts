import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { AppError, badRequest, forbidden, notFound, sendHtml, unitsWithRole, type FieldError, type StaffRole } from '../../../platform/http/index.js';
import { vnDate } from '../../../platform/clock.js';
import { findUnitById, listUnitsByIds, type Unit } from '../../../identity/index.js';
import { pageContext, publicBaseUrl } from '../../../web/context.js';
import { renderOfficialPdf } from '../../official/render.js';
import { getOutgoing, listOutgoing, numberAndSymbol, registerEntries, type OutgoingDocument, type OutgoingState } from '../../register/store.js';
import { APPROVER_ROLES, approveAndSign, createDraft, draftForm, draftSchema, DRAFTER_ROLES, publish, sendBack, submitForApproval, updateDraft, type DraftInput } from '../lifecycle.js';
import { issuingOf } from '../dossier-result.js';
import type { OutgoingDeps } from '../routes.js';
import { pdfFileName, sendSignedPdf } from '../routes.js';
import { OUTGOING_ROLES, PUBLISHER_ROLES, REGISTER_ROLES, STUCK_PAGE_ROLES, registerRow, storedModel } from './parts.js';
import { OutgoingListPage, type UnitChoice } from './list-page.js';
import { DraftPage, EMPTY_DRAFT, type DraftValues } from './draft-page.js';
import { OutgoingDocumentPage, type PageNotice } from './document-page.js';
import { RegisterPage } from './register-page.js';
import { registerXlsx } from './register-xlsx.js';

const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.normalize('NFC').trim().slice(0, max) : '');
/** Multi-line text: only line endings normalised (the lifecycle trims and checks the length). */
const text = (v: unknown, max: number) => (typeof v === 'string' ? v.normalize('NFC').replace(/\r\n?/g, '\n').slice(0, max) : '');
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
/** "Ủy ban nhân dân xã Tứ Mỹ" */
const bodyNameOf = (u: Pick<Unit, 'fullName'>) => `Ủy ban nhân dân ${lowerFirst(u.fullName)}`;
const choice = (u: Unit): UnitChoice => ({ code: u.code, name: u.fullName });

const LEADER_ORDER: OutgoingState[] = ['awaitingApproval', 'draft', 'awaitingSignature', 'signed'];
const DEFAULT_ORDER: OutgoingState[] = ['draft', 'awaitingApproval', 'awaitingSignature', 'signed'];

const NOTICES: Record<string, (doc: OutgoingDocument) => PageNotice> = {
  tao: () => ({ kind: 'success', text: 'Đã lưu bản nháp. Kiểm tra lại rồi bấm “Trình ký” để gửi lãnh đạo duyệt.' }),
  sua: () => ({ kind: 'success', text: 'Đã lưu các thay đổi của bản nháp.' }),
  trinh: () => ({ kind: 'success', text: 'Đã trình lãnh đạo duyệt và ký số.' }),
  'tra-lai': () => ({ kind: 'success', text: 'Đã trả lại văn bản cho người soạn kèm ý kiến của bạn.' }),
  'da-ky': (d) => ({ kind: 'success', text: `Đã duyệt và ký số văn bản số ${numberAndSymbol(d) ?? ''}. Văn bản đã vào Sổ đăng ký văn bản đi; văn thư phát hành đến nơi nhận.` }),
  'loi-ky': (d) => ({
    kind: 'error',
    text: `Đã duyệt nhưng ký số chưa thành công${d.lastError ? `: ${d.lastError}` : '.'} Văn bản ở mục “Chờ ký số” và trong danh sách Văn bản chờ ký số; hệ thống sẽ tự ký lại sau khi khắc phục.`,
  }),
  'dang-ky': () => ({ kind: 'warning', text: 'Văn bản đang được ký ở nơi khác hoặc đã được ký. Tải lại trang sau ít phút.' }),
  'phat-hanh': () => ({ kind: 'success', text: 'Đã phát hành. Gửi các đường dẫn dưới đây cho nơi nhận.' }),
};

function draftValues(body: Record<string, unknown>): DraftValues {
  return {
    kind: str(body.kind, 30), summary: text(body.summary, 1_000), salutation: text(body.salutation, 2_000), body: text(body.body, 30_000),
    recipients: text(body.recipients, 5_000), authority: str(body.authority, 10), copies: str(body.copies, 10),
  };
}

const draftInput = (v: DraftValues): DraftInput => ({
  ...v, authority: (v.authority || undefined) as DraftInput['authority'], copies: v.copies === '' ? undefined : v.copies, kind: v.kind as DraftInput['kind'],
});

/** Field errors of the draft schema plus the page's own rule: a letter (công văn) needs an addressee. */
function formErrors(v: DraftValues): FieldError[] {
  if (v.kind !== 'officialLetter' || v.salutation.trim() !== '') return [];
  const parsed = draftSchema.safeParse(draftInput(v));
  const schema = parsed.success ? [] : parsed.error.issues.map((i) => ({ param: String(i.path[0] ?? ''), message: i.message }));
  return [...schema, { param: 'salutation', message: 'Công văn cần ít nhất một nơi nhận ở mục Kính gửi.' }];
}

function valuesOf(doc: OutgoingDocument): DraftValues {
  const f = draftForm(doc);
  if (!f) return { ...EMPTY_DRAFT, kind: doc.kind, summary: doc.summary, recipients: doc.recipients.join('\n'), copies: String(doc.copies) };
  return { kind: f.kind, summary: f.summary, salutation: f.salutation, body: f.body, recipients: f.recipients, authority: f.authority, copies: String(f.copies) };
}

/** Pages of outgoing documents (văn bản đi) for the clerk, the drafter and the leader, and the outgoing register. */
export function registerOutgoingPages(app: FastifyInstance, deps: OutgoingDeps): void {
  const { db, issuer, store } = deps;

  /** The units where the person holds one of the roles, by name. */
  async function unitsFor(request: FastifyRequest, roles: readonly StaffRole[]): Promise<Unit[]> {
    return (await listUnitsByIds(db, unitsWithRole(request.principal, roles))).sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
  }

  /** The unit asked for (by code), else the site's unit, else the first; `strict`: an unknown code is refused. */
  async function pickUnit(request: FastifyRequest, roles: readonly StaffRole[], code: string, strict = false): Promise<{ unit: Unit; units: Unit[] }> {
    const units = await unitsFor(request, roles);
    const asked = code ? units.find((u) => u.code === code) : undefined;
    if (strict && code && !asked) throw forbidden('Bạn không làm việc ở đơn vị này.');
    const unit = asked ?? units.find((u) => u.id === request.site.unitId) ?? units[0];
    if (!unit) throw forbidden('Tài khoản của bạn chưa được gán đơn vị nào.');
    return { unit, units };
  }

  const holds = (request: FastifyRequest, unitId: number, roles: readonly StaffRole[]) => unitsWithRole(request.principal, roles).includes(unitId);

  /** The document in the URL if it belongs to one of the person's units and is not a dossier's result; 404 otherwise. */
  async function docFor(request: FastifyRequest, idText: string): Promise<OutgoingDocument> {
    const id = /^\d{1,15}$/.test(idText) ? Number(idText) : NaN;
    if (Number.isSafeInteger(id)) {
      for (const unitId of unitsWithRole(request.principal, OUTGOING_ROLES)) {
        const doc = await getOutgoing(db, unitId, id);
        if (doc && doc.dossierId === null) return doc;
      }
    }
    throw notFound('Không tìm thấy văn bản đi này trong đơn vị của bạn.');
  }

  async function unitOf(doc: OutgoingDocument): Promise<Unit> {
    const unit = await findUnitById(db, doc.unitId);
    if (!unit) throw notFound();
    return unit;
  }

  async function userNames(ids: Array<number | null>): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
    if (!wanted.length) return new Map();
    const rows = await db.rows<{ id: number; full_name: string }>(sql`select id, full_name from users where id = any(${sql.param(wanted)}::integer[])`);
    return new Map(rows.map((r) => [Number(r.id), r.full_name]));
  }

  async function renderDoc(request: FastifyRequest, reply: FastifyReply, doc: OutgoingDocument, opts: { notice?: PageNotice | undefined; errors?: FieldError[]; values?: { note?: string; deliveryNote?: string } } = {}, status = 200) {
    const base = publicBaseUrl(request);
    return sendHtml(reply, OutgoingDocumentPage({
      ctx: pageContext(request), doc, model: storedModel(doc), creatorName: (await userNames([doc.createdBy])).get(doc.createdBy ?? -1) ?? null,
      can: {
        edit: holds(request, doc.unitId, DRAFTER_ROLES), submit: holds(request, doc.unitId, DRAFTER_ROLES), approve: holds(request, doc.unitId, APPROVER_ROLES),
        publish: holds(request, doc.unitId, PUBLISHER_ROLES), seeStuck: holds(request, doc.unitId, STUCK_PAGE_ROLES),
      },
      notice: opts.notice, errors: opts.errors ?? [], values: opts.values ?? {},
      publicLinks: doc.state === 'signed' && doc.publishedAt ? { pdf: `${base}/van-ban/${doc.publicToken}.pdf`, verify: `${base}/kiem-tra-chu-ky/van-ban/${doc.publicToken}` } : null,
    }), status);
  }

  /** Runs a step of the lifecycle; a refusal that is not about access (wrong state, invalid note) shows the page again with the reason. */
  async function step(request: FastifyRequest, reply: FastifyReply, doc: OutgoingDocument, run: () => Promise<string>, values: { note?: string; deliveryNote?: string } = {}) {
    try {
      return reply.redirect(`/can-bo/van-ban-di/${doc.id}?da=${await run()}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 400 && err.status !== 409)) throw err;
      const fresh = (await getOutgoing(db, doc.unitId, doc.id)) ?? doc;
      return renderDoc(request, reply, fresh, { notice: { kind: 'error', text: err.message }, errors: err.errors, values }, err.status);
    }
  }

  // ---- list ---------------------------------------------------------------------------------
  app.get('/can-bo/van-ban-di', { config: { access: OUTGOING_ROLES } }, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const { unit, units } = await pickUnit(request, OUTGOING_ROLES, str(q['don-vi'], 10));
    const docs = (await listOutgoing(db, unit.id, DEFAULT_ORDER, 500)).filter((d) => d.dossierId === null);
    const order = holds(request, unit.id, APPROVER_ROLES) ? LEADER_ORDER : DEFAULT_ORDER;
    return sendHtml(reply, OutgoingListPage({
      ctx: pageContext(request), bodyName: bodyNameOf(unit), unit: choice(unit), units: units.map(choice),
      sections: order.map((state) => ({ state, docs: docs.filter((d) => d.state === state) })),
      names: await userNames(docs.map((d) => d.createdBy)),
      canDraft: holds(request, unit.id, DRAFTER_ROLES), canSeeStuck: holds(request, unit.id, STUCK_PAGE_ROLES),
    }));
  });

  // ---- new draft ----------------------------------------------------------------------------
  app.get('/can-bo/van-ban-di/moi', { config: { access: DRAFTER_ROLES } }, async (request, reply) => {
    const { unit, units } = await pickUnit(request, DRAFTER_ROLES, str((request.query as Record<string, unknown>)['don-vi'], 10));
    return sendHtml(reply, DraftPage({ ctx: pageContext(request), id: null, unit: choice(unit), units: units.map(choice), values: EMPTY_DRAFT, errors: [] }));
  });

  app.post('/can-bo/van-ban-di/moi', { config: { access: DRAFTER_ROLES } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { unit, units } = await pickUnit(request, DRAFTER_ROLES, str(body['don-vi'], 10), true);
    const values = draftValues(body);
    try {
      const extra = formErrors(values);
      if (extra.length) throw badRequest('INVALID_DRAFT', 'Văn bản chưa hợp lệ, hãy sửa các mục được đánh dấu.', extra);
      const doc = await createDraft(db, request.principal!, unit.id, issuingOf(unit), draftInput(values));
      return reply.redirect(`/can-bo/van-ban-di/${doc.id}?da=tao`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      return sendHtml(reply, DraftPage({
        ctx: pageContext(request), id: null, unit: choice(unit), units: units.map(choice), values, errors: err.errors, alert: err.errors.length ? undefined : err.message,
      }), 400);
    }
  });

  // ---- the document (and its PDF) ------------------------------------------------------------
  app.get('/can-bo/van-ban-di/:id', { config: { access: OUTGOING_ROLES } }, async (request, reply) => {
    const param = (request.params as { id: string }).id;
    const asPdf = param.endsWith('.pdf');
    const doc = await docFor(request, asPdf ? param.slice(0, -4) : param);
    if (!asPdf) {
      const code = str((request.query as Record<string, unknown>).da, 20);
      return renderDoc(request, reply, doc, { notice: NOTICES[code]?.(doc) });
    }
    if (doc.state === 'signed') return sendSignedPdf(store, reply, doc);
    // an unsigned draft: a preview with the reserved signature area outlined, never mistaken for the signed file
    const model = storedModel(doc);
    if (!model) throw notFound('Không dựng được bản xem trước của văn bản này.');
    const { pdf } = await renderOfficialPdf({ ...model, symbol: doc.symbol }, { signatureBox: true });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="Ban-nhap-${pdfFileName(doc)}"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  // ---- editing a draft -------------------------------------------------------------------------
  app.get('/can-bo/van-ban-di/:id/sua', { config: { access: DRAFTER_ROLES } }, async (request, reply) => {
    const doc = await docFor(request, (request.params as { id: string }).id);
    if (!holds(request, doc.unitId, DRAFTER_ROLES)) throw forbidden('Bạn không có quyền sửa văn bản đi.');
    if (doc.state !== 'draft') return reply.redirect(`/can-bo/van-ban-di/${doc.id}`, 303);
    const unit = await unitOf(doc);
    return sendHtml(reply, DraftPage({ ctx: pageContext(request), id: doc.id, unit: choice(unit), units: [choice(unit)], values: valuesOf(doc), errors: [] }));
  });

  app.post('/can-bo/van-ban-di/:id/sua', { config: { access: DRAFTER_ROLES } }, async (request, reply) => {
    const doc = await docFor(request, (request.params as { id: string }).id);
    const unit = await unitOf(doc);
    const values = draftValues((request.body ?? {}) as Record<string, unknown>);
    try {
      const extra = formErrors(values);
      if (extra.length) throw badRequest('INVALID_DRAFT', 'Văn bản chưa hợp lệ, hãy sửa các mục được đánh dấu.', extra);
      await updateDraft(db, request.principal!, doc.unitId, doc.id, issuingOf(unit), draftInput(values));
      return reply.redirect(`/can-bo/van-ban-di/${doc.id}?da=sua`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 400 && err.status !== 409)) throw err;
      return sendHtml(reply, DraftPage({
        ctx: pageContext(request), id: doc.id, unit: choice(unit), units: [choice(unit)], values, errors: err.errors, alert: err.errors.length ? undefined : err.message,
      }), err.status);
    }
  });

  // ---- steps ---------------------------------------------------------------------------------
  app.post('/can-bo/van-ban-di/:id/trinh-ky', { config: { access: DRAFTER_ROLES } }, async (request, reply) => {
    const doc = await docFor(request, (request.params as { id: string }).id);
    return step(request, reply, doc, async () => {
      await submitForApproval(db, request.principal!, doc.unitId, doc.id);
      return 'trinh';
    });
  });

  app.post('/can-bo/van-ban-di/:id/duyet', { config: { access: APPROVER_ROLES } }, async (request, reply) => {
    const doc = await docFor(request, (request.params as { id: string }).id);
    return step(request, reply, doc, async () => {
      const outcome = await approveAndSign(db, issuer, request.principal!, doc.unitId, doc.id);
      return outcome.status === 'signed' ? 'da-ky' : outcome.status === 'failed' ? 'loi-ky' : 'dang-ky';
    });
  });

  app.post('/can-bo/van-ban-di/:id/tra-lai', { config: { access: APPROVER_ROLES } }, async (request, reply) => {
    const doc = await docFor(request, (request.params as { id: string }).id);
    const note = text((request.body as Record<string, unknown> | undefined)?.note, 2_000);
    return step(request, reply, doc, async () => {
      await sendBack(db, request.principal!, doc.unitId, doc.id, note);
      return 'tra-lai';
    }, { note });
  });

  app.post('/can-bo/van-ban-di/:id/phat-hanh', { config: { access: PUBLISHER_ROLES } }, async (request, reply) => {
    const doc = await docFor(request, (request.params as { id: string }).id);
    const deliveryNote = text((request.body as Record<string, unknown> | undefined)?.deliveryNote, 1_000);
    return step(request, reply, doc, async () => {
      await publish(db, request.principal!, doc.unitId, doc.id, deliveryNote);
      return 'phat-hanh';
    }, { deliveryNote });
  });

  // ---- the register ----------------------------------------------------------------------------
  async function register(request: FastifyRequest) {
    const q = request.query as Record<string, unknown>;
    const yearText = str(q.nam, 4);
    const year = /^\d{4}$/.test(yearText) && Number(yearText) >= 2000 && Number(yearText) <= 2100 ? Number(yearText) : Number(vnDate(new Date()).slice(0, 4));
    const so = str(q.so, 30);
    const book = /^[a-z0-9-]{1,30}$/.test(so) ? so : 'chung';
    const { unit, units } = await pickUnit(request, REGISTER_ROLES, str(q['don-vi'], 10));
    const rows = (await registerEntries(db, unit.id, book, year)).filter((d) => d.state === 'signed').map(registerRow);
    return { unit, units, year, book, rows };
  }

  app.get('/can-bo/so-van-ban-di', { config: { access: REGISTER_ROLES } }, async (request, reply) => {
    const r = await register(request);
    return sendHtml(reply, RegisterPage({
      ctx: pageContext(request), unit: choice(r.unit), units: r.units.map(choice), bodyName: bodyNameOf(r.unit), year: r.year, register: r.book, rows: r.rows,
    }));
  });

  app.get('/can-bo/so-van-ban-di.xlsx', { config: { access: REGISTER_ROLES } }, async (request, reply) => {
    const r = await register(request);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="so-van-ban-di-${r.unit.code}-${r.year}.xlsx"`)
      .header('cache-control', 'private, no-store')
      .send(await registerXlsx({ bodyName: bodyNameOf(r.unit), year: r.year, rows: r.rows }));
  });

  // "In sổ": a button that only appears when scripts run (the page prints without it through the browser's menu)
  app.get('/static/in-trang.js', { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PRINT_SCRIPT),
  );
}

const PRINT_SCRIPT = `document.querySelectorAll('[data-print]').forEach(function (b) {
  b.hidden = false;
  b.addEventListener('click', function () { window.print(); });
});
`;
