/**
 * Fee pages: collecting a dossier's fee at the counter (cash, or a transfer seen on the account), the receipt page
 * and its signed PDF for staff, the payer's own receipts, cancelling a receipt, and the unit's fee settings.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../platform/db/index.js';
import { AppError, forbidden, notFound, sendHtml, STAFF_ROLES, type Principal, type StaffRole } from '../platform/http/index.js';
import { audit } from '../platform/audit.js';
import { pageContext } from '../web/context.js';
import { findUnitById } from '../identity/index.js';
import { dossierForApplicant, dossierForStaff, dossierPageHtml, staffUnitIds } from '../dossiers/index.js';
import { dossierRef } from '../dossiers/model.js';
import { receiptNumberText, type FeeReceipt } from './model.js';
import { cancelFeeReceipt, collectFee, receiptById } from './operations.js';
import type { ReceiptSigner } from './receipt-signer.js';
import { parsePaymentSettings, paymentSettingsOf, savePaymentSettings } from './settings.js';
import { ReceiptPage } from './views/receipt-page.js';
import { PaymentSettingsPage } from './views/settings-page.js';

/** Staff who see receipts of their units' dossiers. */
const VIEWERS: readonly StaffRole[] = STAFF_ROLES.filter((r) => r !== 'editor');
const CANCELLERS: readonly StaffRole[] = ['receptionist', 'unitAdmin'];
const ADMINS: readonly StaffRole[] = ['unitAdmin'];
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 ./_-]{2,49}$/;

const str = (v: unknown, max = 500) => (typeof v === 'string' ? v.normalize('NFC').trim().slice(0, max) : '');

export interface PaymentRouteDeps {
  db: Database;
  signer: ReceiptSigner;
  clock?: () => Date;
}

/** May this person cancel the receipt: the unit's administrator, or the officer who collected it. */
const mayCancel = (p: Principal, r: FeeReceipt) =>
  p.grants.some((g) => g.unitId === r.unitId && (g.role === 'unitAdmin' || (g.role === 'receptionist' && r.collectorUserId === p.userId)));

function sendPdf(reply: FastifyReply, r: FeeReceipt, pdf: Buffer) {
  return reply.type('application/pdf').header('cache-control', 'private, no-store')
    .header('content-disposition', `inline; filename="bien-lai-${r.year}-${receiptNumberText(r.number)}${r.status === 'cancelled' ? '-da-huy' : ''}.pdf"`)
    .send(pdf);
}

export function registerPaymentRoutes(app: FastifyInstance, deps: PaymentRouteDeps): void {
  const { db, signer } = deps;
  const clock = deps.clock ?? (() => new Date());

  /** The receipt named in the URL if the caller is staff of its unit (404 otherwise: no leaking of existence). */
  async function receiptForStaff(request: FastifyRequest, idText: string): Promise<FeeReceipt> {
    const r = /^\d{1,15}$/.test(idText) ? await receiptById(db, Number(idText)) : null;
    if (!r || !(await staffUnitIds(db, request)).includes(r.unitId)) throw notFound('Không tìm thấy biên lai trong đơn vị của bạn.');
    return r;
  }

  async function receiptPage(request: FastifyRequest, reply: FastifyReply, r: FeeReceipt, extra: { cancelError?: string; reason?: string; notice?: string; status?: number } = {}) {
    const cancelledBy = r.cancelledBy ? await db.withRawTransaction((tx) => tx.query<{ full_name: string }>('select full_name from users where id = $1', [r.cancelledBy])) : [];
    return sendHtml(reply, ReceiptPage({
      ctx: pageContext(request), receipt: r, cancelledByName: cancelledBy[0]?.full_name ?? null,
      cancelPath: mayCancel(request.principal!, r) ? `/can-bo/bien-lai/${r.id}/huy` : null,
      cancelError: extra.cancelError, ...(extra.reason !== undefined ? { reason: extra.reason } : {}), notice: extra.notice,
    }), extra.status ?? 200);
  }

  app.post('/can-bo/ho-so/:ref/thu-phi', { config: { access: ['receptionist'] } }, async (request, reply) => {
    const d = await dossierForStaff(db, request, (request.params as { ref: string }).ref);
    if (!request.principal!.grants.some((g) => g.unitId === d.unitId && g.role === 'receptionist')) throw forbidden('Chỉ cán bộ tiếp nhận của đơn vị được thu phí, lệ phí.');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const method = str(body.method, 10) === 'vietqr' ? 'vietqr' : 'cash';
    const reference = method === 'vietqr' ? str(body.reference, 100) : '';
    const refuse = async (param: string, message: string, status: number) =>
      sendHtml(reply, await dossierPageHtml(db, request, d, 'staff', { feeError: { param, message }, feeReference: reference }), status);
    if (method === 'vietqr' && !REFERENCE.test(reference)) {
      return refuse('reference', 'Nhập mã giao dịch trên sao kê tài khoản (3–50 chữ, số, dấu chấm, gạch) để đối chiếu về sau.', 400);
    }
    try {
      await collectFee(db, signer, { dossier: d, method, reference: method === 'vietqr' ? reference : null, actor: request.principal!, now: clock(), ip: request.ip });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return refuse(err.code === 'REFERENCE_USED' ? 'reference' : 'payment', err.message, err.status);
    }
    return reply.redirect(`/can-bo/ho-so/${dossierRef(d)}?da=thu-phi`, 303);
  });

  app.get('/can-bo/bien-lai/:id', { config: { access: VIEWERS } }, async (request, reply) => {
    const idText = (request.params as { id: string }).id;
    if (idText.endsWith('.pdf')) {
      const r = await receiptForStaff(request, idText.slice(0, -4));
      const signed = await signer.ensureSigned(r.unitId, r.id);
      return sendPdf(reply, signed, await signer.pdfOf(signed));
    }
    const done = str((request.query as Record<string, unknown>).da, 20);
    return receiptPage(request, reply, await receiptForStaff(request, idText), done === 'huy' ? { notice: 'Đã hủy biên lai. Khoản phí trở lại trạng thái chưa nộp.' } : {});
  });

  app.post('/can-bo/bien-lai/:id/huy', { config: { access: CANCELLERS } }, async (request, reply) => {
    const r = await receiptForStaff(request, (request.params as { id: string }).id);
    if (!mayCancel(request.principal!, r)) throw forbidden('Chỉ quản trị viên đơn vị hoặc cán bộ đã thu tiền được hủy biên lai này.');
    const reason = str((request.body as Record<string, unknown> | undefined)?.reason, 1000);
    if (reason.length < 5 || reason.length > 500) {
      return receiptPage(request, reply, r, { cancelError: 'Nhập lý do hủy biên lai, từ 5 đến 500 ký tự.', reason, status: 400 });
    }
    try {
      await cancelFeeReceipt(db, signer, r, { reason, actor: request.principal!, now: clock(), ip: request.ip });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return receiptPage(request, reply, (await receiptById(db, r.id))!, { cancelError: err.message, reason, status: err.status });
    }
    return reply.redirect(`/can-bo/bien-lai/${r.id}?da=huy`, 303);
  });

  app.get('/ho-so-cua-toi/:ref/bien-lai/:file', { config: { access: 'signedIn' } }, async (request, reply) => {
    const params = request.params as { ref: string; file: string };
    const d = await dossierForApplicant(db, request, params.ref);
    const m = /^(\d{1,15})\.pdf$/.exec(params.file);
    const r = m ? await receiptById(db, Number(m[1])) : null;
    if (!r || r.unitId !== d.unitId || r.dossierId !== d.id) throw notFound('Không tìm thấy biên lai của hồ sơ này.');
    const signed = await signer.ensureSigned(r.unitId, r.id);
    return sendPdf(reply, signed, await signer.pdfOf(signed));
  });

  // ---- the unit's fee settings ---------------------------------------------------------------------------
  const adminUnitOf = (request: FastifyRequest): number => {
    const grants = request.principal!.grants.filter((g) => g.role === 'unitAdmin');
    const g = grants.find((x) => x.unitId === request.site.unitId) ?? grants[0];
    if (!g) throw forbidden();
    return g.unitId;
  };

  async function settingsPage(request: FastifyRequest, reply: FastifyReply, unitId: number, form?: { values: Record<string, string>; errors: Array<{ param: string; message: string }> }, notice?: string) {
    const [unit, s] = await Promise.all([findUnitById(db, unitId), paymentSettingsOf(db, unitId)]);
    const values = form?.values ?? {
      bankBin: s.bankBin, bankName: s.bankName, accountNumber: s.accountNumber, accountName: s.accountName,
      collectorName: s.collectorName, collectorTaxCode: s.collectorTaxCode, templateSymbol: s.templateSymbol, receiptSymbol: s.receiptSymbol,
    };
    return sendHtml(reply, PaymentSettingsPage({ ctx: pageContext(request), unitName: unit?.fullName ?? '', values, errors: form?.errors ?? [], isDemo: s.isDemo, notice }), form ? 400 : 200);
  }

  app.get('/quan-tri/thu-phi', { config: { access: ADMINS } }, async (request, reply) =>
    settingsPage(request, reply, adminUnitOf(request), undefined, str((request.query as Record<string, unknown>).da, 10) === 'luu' ? 'Đã lưu cấu hình thu phí, lệ phí.' : undefined));

  app.post('/quan-tri/thu-phi', { config: { access: ADMINS } }, async (request, reply) => {
    const unitId = adminUnitOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = () => Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v).slice(0, 500)]));
    const parsed = parsePaymentSettings(body);
    if (!parsed.ok) return settingsPage(request, reply, unitId, { values: values(), errors: parsed.errors });
    // refused (400, nothing saved) when another unit already collects into the account
    const saved = await savePaymentSettings(db, unitId, parsed.value, request.principal!.userId);
    if (!saved.ok) return settingsPage(request, reply, unitId, { values: values(), errors: saved.errors });
    await audit(db, { unitId, actorUserId: request.principal!.userId, action: 'payments.settings.update', target: 'payment_settings', details: { ...parsed.value }, ip: request.ip });
    return reply.redirect('/quan-tri/thu-phi?da=luu', 303);
  });
}
