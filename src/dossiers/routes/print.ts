import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import ExcelJS from 'exceljs';
import type { Database } from '../../platform/db/index.js';
import { AppError, notFound, sendHtml, type StaffRole } from '../../platform/http/index.js';
import { vnDate } from '../../platform/clock.js';
import { findUnitById, type Unit } from '../../identity/index.js';
import { calendarOf } from '../../calendar-http/index.js';
import {
  ApologyHtml, ControlSheetHtml, FORMS_CSS, ReceiptHtml, RefusalHtml, RegisterHtml, SupplementHtml,
  renderApologyPdf, renderControlSheetPdf, renderReceiptPdf, renderRefusalPdf, renderRegisterPdf, renderSupplementPdf, type ReceiptForm, type RegisterForm,
} from '../../documents/forms/index.js';
import { formatVnDateTime } from '../../documents/text.js';
import { getDossierByRef, listEvents, registerRows } from '../queries.js';
import { listAttachments } from '../attachments.js';
import { staffUnitIds } from '../access.js';
import { apologyForm, controlSheetForm, receiptForm, refusalForm, supplementForm, type FormContext } from '../forms.js';
import type { Dossier, DossierEvent } from '../model.js';
import type { PrintForm } from '../print-links.js';
import { DEMO_ACCOUNT_WARNING, pendingTransferFor, transferLines } from '../../payments/transfer.js';

/** The Giấy tiếp nhận shows how to pay by transfer while the dossier's fee is pending. */
async function receiptTransfer(db: Database, d: Dossier): Promise<ReceiptForm['transfer']> {
  const t = await pendingTransferFor(db, d);
  return t ? { payload: t.payload, lines: transferLines(t), note: t.demo ? DEMO_ACCOUNT_WARNING : 'Giữ nguyên nội dung chuyển khoản để Trung tâm đối chiếu.' } : undefined;
}

type Builder = (ctx: FormContext, d: Dossier, e: DossierEvent[], handedIn: Set<number>) => unknown;
const FORMS: Record<PrintForm, { build: Builder; html: (f: never) => JSX.Element; pdf: (f: never) => Promise<Buffer>; staffOnly: boolean }> = {
  'giay-tiep-nhan': { build: receiptForm, html: ReceiptHtml as never, pdf: renderReceiptPdf as never, staffOnly: false },
  'phieu-bo-sung': { build: supplementForm, html: SupplementHtml as never, pdf: renderSupplementPdf as never, staffOnly: false },
  'phieu-tu-choi': { build: refusalForm, html: RefusalHtml as never, pdf: renderRefusalPdf as never, staffOnly: false },
  'van-ban-xin-loi': { build: apologyForm, html: ApologyHtml as never, pdf: renderApologyPdf as never, staffOnly: false },
  'phieu-kiem-soat': { build: controlSheetForm, html: ControlSheetHtml as never, pdf: renderControlSheetPdf as never, staffOnly: true },
};

const REGISTER_ROLES: readonly StaffRole[] = ['receptionist', 'clerk', 'leader', 'unitAdmin', 'provinceAdmin'];

async function formContext(db: Database, request: FastifyRequest, unit: Unit): Promise<FormContext> {
  // The printed link and QR use the configured public address; the request's Host header is only a fallback.
  const base = request.server.publicUrl ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
  return { unit, lookupBaseUrl: base.replace(/\/$/, ''), calendar: await calendarOf(db, unit.id) };
}

export function registerPrintRoutes(app: FastifyInstance, db: Database) {
  app.get('/static/forms.css', { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(FORMS_CSS),
  );

  app.get('/ho-so/:ref/in/:form', { config: { access: 'signedIn' } }, async (request, reply) => {
    const params = request.params as { ref: string; form: string };
    const asPdf = params.form.endsWith('.pdf');
    const name = params.form.replace(/\.pdf$/, '') as PrintForm;
    const spec = FORMS[name];
    const d = await getDossierByRef(db, params.ref);
    if (!spec || !d) throw notFound('Không tìm thấy giấy tờ này.');
    const isStaff = (await staffUnitIds(db, request)).includes(d.unitId);
    const isOwner = d.ownerUserId === request.principal!.userId;
    if (!isStaff && !(isOwner && !spec.staffOnly)) throw notFound('Không tìm thấy giấy tờ này.');
    const unit = (await findUnitById(db, d.unitId))!;
    const handedIn = new Set((await listAttachments(db, d)).flatMap((a) => (a.documentIndex === null ? [] : [a.documentIndex])));
    const form = spec.build(await formContext(db, request, unit), d, await listEvents(db, d), handedIn);
    if (!form) throw notFound('Hồ sơ chưa có giấy tờ này.');
    if (name === 'giay-tiep-nhan') (form as ReceiptForm).transfer = await receiptTransfer(db, d);
    reply.header('cache-control', 'private, no-store');
    if (asPdf) return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}-${d.code ?? d.id}.pdf"`).send(await spec.pdf(form as never));
    return sendHtml(reply, spec.html(form as never));
  });

  app.get('/can-bo/so-theo-doi', { config: { access: REGISTER_ROLES } }, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const yearText = typeof q.nam === 'string' ? q.nam : '';
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number(vnDate(new Date()).slice(0, 4));
    const format = typeof q.dang === 'string' ? q.dang : 'html';
    const unitIds = await staffUnitIds(db, request);
    const unit = await findUnitById(db, request.principal!.grants.find((g) => REGISTER_ROLES.includes(g.role) && unitIds.includes(g.unitId))!.unitId);
    if (!unit) throw notFound();
    const rows = await registerRows(db, unit.id, year);
    const form: RegisterForm = {
      unitName: `Trung tâm Phục vụ hành chính công ${unit.fullName}`,
      year,
      book: String(year),
      rows: rows.map(({ dossier: d, transferredAt, resultReceivedAt }) => ({
        seq: d.registerSeq ?? 0, dossierCode: d.code ?? '', procedureName: d.procedure.name, count: 1, applicantName: d.applicant.fullName,
        addressPhone: [d.applicant.address, d.applicant.phone].filter(Boolean).join(', '), body: `UBND ${unit.fullName}`, receivedAt: d.receivedAt!, dueAt: d.dueAt ?? d.receivedAt!,
        transferredAt, resultReceivedAt, returnedAt: d.returnedAt, note: d.state === 'returned' || d.state === 'resultReady' ? '' : d.state,
      })),
    };
    if (format === 'pdf') return reply.type('application/pdf').header('content-disposition', `inline; filename="so-theo-doi-${year}.pdf"`).send(await renderRegisterPdf(form));
    if (format === 'xlsx') return sendRegisterXlsx(reply, form);
    if (format !== 'html') throw new AppError(400, 'BAD_FORMAT', 'Định dạng không hỗ trợ.');
    return sendHtml(reply, RegisterHtml(form));
  });
}

async function sendRegisterXlsx(reply: FastifyReply, form: RegisterForm) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(`Sổ ${form.year}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ['STT', 'seq', 6], ['Mã hồ sơ', 'dossierCode', 26], ['Tên TTHC', 'procedureName', 50], ['Số lượng hồ sơ', 'count', 8], ['Tên người nộp', 'applicantName', 24],
    ['Địa chỉ, số điện thoại', 'addressPhone', 30], ['Cơ quan chủ trì giải quyết', 'body', 24], ['Ngày nhận hồ sơ', 'receivedAt', 20], ['Ngày hẹn trả', 'dueAt', 20],
    ['Ngày chuyển hồ sơ', 'transferredAt', 20], ['Ngày nhận kết quả', 'resultReceivedAt', 20], ['Ngày trả kết quả', 'returnedAt', 20], ['Ghi chú', 'note', 16],
  ].map(([header, key, width]) => ({ header: header as string, key: key as string, width: width as number }));
  sheet.getRow(1).font = { bold: true };
  const at = (d: Date | null) => (d ? formatVnDateTime(d) : '');
  for (const r of form.rows) {
    sheet.addRow({ ...r, receivedAt: at(r.receivedAt), dueAt: at(r.dueAt), transferredAt: at(r.transferredAt), resultReceivedAt: at(r.resultReceivedAt), returnedAt: at(r.returnedAt) });
  }
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="so-theo-doi-${form.year}.xlsx"`)
    .send(Buffer.from(await book.xlsx.writeBuffer()));
}
