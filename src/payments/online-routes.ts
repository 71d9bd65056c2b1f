/**
 * Online payment routes: the applicant starts paying a fee at the gateway, the gateway's server-to-server notification
 * (IPN; public, authenticated by its signature), and the page the payer's browser comes back to.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../platform/db/index.js';
import { AppError, forbidden, notFound, sendHtml } from '../platform/http/index.js';
import { createRateLimiter } from '../platform/http/rate-limit.js';
import { pageContext, publicBaseUrl } from '../web/context.js';
import { dossierForApplicant, dossierForStaff, dossierPageHtml } from '../dossiers/index.js';
import { dossierRef } from '../dossiers/model.js';
import type { PaymentGateway } from './gateway.js';
import { receiptLabel } from './model.js';
import { acceptGatewayNotification, attemptByRef, isRefundDue, markRefunded, mayRecordRefund, onlinePayPath, refundPath, startOnlinePayment } from './online.js';
import { paymentOf, receiptsOf } from './operations.js';
import type { ReceiptSigner } from './receipt-signer.js';
import { OnlineResultPage, type OnlineResultProps } from './views/online-result-page.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The online payment gateway of this installation, when one is configured (payments/online-routes). */
    paymentGateway?: PaymentGateway;
  }
}

export const notificationPath = (gateway: string): string => `/thanh-toan/${gateway}/ipn`;
export const returnPath = (gateway: string): string => `/thanh-toan/${gateway}/ket-qua`;

/** The gateway's parameters from a query string: strings only, bounded. */
function gatewayParams(query: unknown): Record<string, string> | null {
  if (!query || typeof query !== 'object') return null;
  const entries = Object.entries(query as Record<string, unknown>);
  if (entries.length > 40) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of entries) {
    if (typeof v !== 'string' || k.length > 40 || v.length > 1000) return null;
    out[k] = v;
  }
  return out;
}

export function registerOnlinePaymentRoutes(app: FastifyInstance, deps: { db: Database; signer: ReceiptSigner; gateway: PaymentGateway; clock?: () => Date }): void {
  const { db, signer, gateway } = deps;
  const clock = deps.clock ?? (() => new Date());
  app.decorate('paymentGateway', gateway);
  const notifyLimiter = createRateLimiter({ limit: 600, windowMs: 60_000 });

  app.post(onlinePayPath(':ref'), { config: { access: 'signedIn' } }, async (request, reply) => {
    const d = await dossierForApplicant(db, request, (request.params as { ref: string }).ref);
    try {
      const url = await startOnlinePayment(db, gateway, {
        dossier: d, actor: request.principal!, returnUrl: publicBaseUrl(request) + returnPath(gateway.name), clientIp: request.ip, now: clock(),
      });
      request.log.info({ dossier: d.code, gateway: gateway.name }, 'online payment started');
      return reply.redirect(url, 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return sendHtml(reply, await dossierPageHtml(db, request, d, 'applicant', { feeError: { param: 'payment', message: err.message } }), err.status);
    }
  });

  app.post(refundPath(':ref', ':attempt'), { config: { access: ['receptionist', 'unitAdmin'] } }, async (request, reply) => {
    const params = request.params as { ref: string; attempt: string };
    const d = await dossierForStaff(db, request, params.ref);
    if (!mayRecordRefund(request.principal!, d.unitId)) {
      throw forbidden('Chỉ cán bộ tiếp nhận hoặc quản trị viên của đơn vị ghi nhận hoàn tiền.');
    }
    const attemptId = /^\d{1,15}$/.test(params.attempt) ? Number(params.attempt) : 0;
    const note = String((request.body as Record<string, unknown> | undefined)?.['ghi-chu'] ?? '').normalize('NFC').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').trim().slice(0, 1000);
    const refuse = async (message: string, status: number) =>
      sendHtml(reply, await dossierPageHtml(db, request, d, 'staff', { feeError: { param: `refund-${attemptId}`, message } }), status);
    if (note.length < 5 || note.length > 500) return refuse('Ghi cách đã hoàn tiền (ví dụ: chuyển khoản lại, số giao dịch; trả tiền mặt, số phiếu chi), từ 5 đến 500 ký tự.', 400);
    try {
      await markRefunded(db, { unitId: d.unitId, dossierId: d.id, attemptId, note, actor: request.principal!, now: clock(), ip: request.ip });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return refuse(err.message, err.status);
    }
    return reply.redirect(`/can-bo/ho-so/${params.ref}?da=hoan-tien`, 303);
  });

  app.get(notificationPath(gateway.name), { config: { access: 'public' } }, async (request, reply) => {
    if (notifyLimiter.hit(request.ip) > 0) {
      const a = gateway.answer('error');
      return reply.code(a.status).send(a.body);
    }
    const params = gatewayParams(request.query);
    const result = params ? await acceptGatewayNotification(db, signer, gateway, params, clock()) : null;
    const outcome = result?.outcome ?? 'invalidSignature';
    if (result?.error) request.log.error({ err: result.error, txnRef: params?.vnp_TxnRef }, 'gateway notification failed');
    else request.log.info({ gateway: gateway.name, outcome, txnRef: result?.attempt?.txnRef ?? null }, 'gateway notification');
    const a = gateway.answer(outcome);
    return reply.code(a.status).header('cache-control', 'no-store').send(a.body);
  });

  app.get(returnPath(gateway.name), { config: { access: 'public' } }, async (request, reply) => {
    const params = gatewayParams(request.query);
    const n = params ? gateway.verify(params) : ({ kind: 'invalid', reason: 'thiếu tham số' } as const);
    const base: Omit<OnlineResultProps, 'state' | 'message'> = {
      ctx: pageContext(request), dossierCode: null, amount: null, dossierHref: null, receiptHref: null, receiptLabel: null,
      gatewayLabel: gateway.label, reloadHref: request.url,
    };
    const page = (p: OnlineResultProps, status = 200) => sendHtml(reply.header('cache-control', 'no-store'), OnlineResultPage(p), status);
    if (n.kind === 'invalid') {
      return page({ ...base, state: 'invalid', message: 'Đường dẫn này không mang chữ ký hợp lệ của cổng thanh toán. Trạng thái phí, lệ phí luôn xem được ở trang hồ sơ của bạn.' }, 400);
    }
    const attempt = await attemptByRef(db, gateway.name, n.attemptRef);
    if (!attempt) throw notFound('Không tìm thấy giao dịch thanh toán này.');
    const payment = await paymentOf(db, attempt.unitId, attempt.dossierId);
    // the dossier's code and the amount only for its applicant: the link may have been passed on
    const mine = await isApplicant(request, attempt.dossierCode);
    const info = mine ? { ...base, dossierCode: attempt.dossierCode, amount: attempt.amount, dossierHref: `/ho-so-cua-toi/${mine}` } : { ...base, dossierHref: '/ho-so-cua-toi' };
    if (payment && isRefundDue(attempt, payment)) {
      return page({ ...info, state: 'duplicate', message: 'Phí, lệ phí của hồ sơ đã được nộp bằng cách khác trước khi giao dịch này hoàn tất. Trung tâm sẽ hoàn lại số tiền của giao dịch này cho Ông/Bà.' });
    }
    if (payment?.status === 'paid') {
      const receipt = (await receiptsOf(db, attempt.unitId, attempt.dossierId)).find((r) => r.status === 'issued') ?? null;
      return page({
        ...info, state: 'paid', message: 'Phí, lệ phí của hồ sơ đã được nộp. Biên lai điện tử có chữ ký số đã được lập.',
        receiptHref: receipt && mine ? `/ho-so-cua-toi/${mine}/bien-lai/${receipt.id}.pdf` : null, receiptLabel: receipt && mine ? receiptLabel(receipt) : null,
      });
    }
    if (n.kind === 'paid') {
      return page({ ...info, state: 'waiting', message: 'Cổng thanh toán báo giao dịch thành công. Hệ thống đang chờ cổng thanh toán xác nhận để lập biên lai.' });
    }
    return page({ ...info, state: 'failed', message: `${n.message} Chưa có khoản tiền nào được ghi nhận cho hồ sơ.` });
  });

  /** The dossier's reference when the signed-in viewer is its applicant (the receipt link needs it), else null. */
  async function isApplicant(request: FastifyRequest, code: string): Promise<string | null> {
    if (!request.principal) return null;
    try {
      return dossierRef(await dossierForApplicant(db, request, code));
    } catch {
      return null;
    }
  }
}
