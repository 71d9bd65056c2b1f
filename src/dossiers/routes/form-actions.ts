import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { Database } from '../../platform/db/index.js';
import { AppError, sendHtml } from '../../platform/http/index.js';
import type { FileStore } from '../../platform/storage/index.js';
import { isActionName, ACTION_LABELS, type ActionName } from '../workflow/index.js';
import { act } from '../act.js';
import { addAttachment, listAttachments } from '../attachments.js';
import { dossierRef, type Dossier } from '../model.js';
import { dossierPageProps } from '../page-data.js';
import { DossierPage } from '../views/dossier-page.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Form fields → the action's payload (the action's zod schema validates it in `act`). */
function payloadFrom(action: ActionName, body: Record<string, unknown>): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const key of ['reason', 'note', 'comments', 'comment', 'missingItems', 'method', 'score', 'specialistUserId']) {
    if (typeof body[key] === 'string' && body[key] !== '') payload[key] = body[key];
  }
  if (action === 'receive') payload.feePaid = body.feePaid === 'true';
  if (action === 'apologize') {
    const [d, m, y] = [str(body['newDueDate-d']), str(body['newDueDate-m']), str(body['newDueDate-y'])];
    payload.newDueDate = /^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y) ? `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : '';
  }
  return payload;
}

/**
 * Handles an action form post for staff or applicant: performs it, then redirects to the dossier (POST-redirect-GET),
 * or shows the page again with the errors next to the action's fields.
 */
export async function handleActionForm(db: Database, request: FastifyRequest, reply: FastifyReply, d: Dossier, audience: 'staff' | 'applicant') {
  const { action } = request.params as { action: string };
  if (!isActionName(action)) throw new AppError(404, 'NOT_FOUND', 'Thao tác không tồn tại.');
  const body = (request.body ?? {}) as Record<string, unknown>;
  const version = Number(str(body.version));
  const idempotencyKey = /^[A-Za-z0-9-]{8,80}$/.test(str(body.idempotencyKey)) ? str(body.idempotencyKey) : null;
  const base = audience === 'staff' ? '/can-bo/ho-so' : '/ho-so-cua-toi';
  try {
    const result = await act(db, {
      unitId: d.unitId, dossierId: d.id, action, actor: request.principal!, payload: payloadFrom(action, body), idempotencyKey,
      expectedVersion: Number.isInteger(version) ? version : undefined, hooks: request.server.dossierHooks,
    });
    const done = encodeURIComponent(action);
    return reply.redirect(`${base}/${dossierRef(result.dossier)}?da=${done}`, 303);
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500 || err.status === 404) throw err;
    const values = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const state = err.errors.length
      ? { failedAction: action, errors: err.errors, values, alert: `${ACTION_LABELS[action]}: chưa thực hiện được, hãy sửa các mục được đánh dấu.` }
      : { alert: err.message };
    return sendHtml(reply, DossierPage(await dossierPageProps(db, request, d, audience, state)), err.status);
  }
}

/** Handles an upload form post; on refusal shows the page with the reason and stores nothing. */
export async function handleUploadForm(db: Database, store: FileStore, request: FastifyRequest, reply: FastifyReply, d: Dossier, audience: 'staff' | 'applicant') {
  const body = (request.body ?? {}) as Record<string, { value?: unknown } | MultipartFile | undefined>;
  const file = body.file as MultipartFile | undefined;
  const base = audience === 'staff' ? '/can-bo/ho-so' : '/ho-so-cua-toi';
  const indexText = str((body.documentIndex as { value?: unknown } | undefined)?.value);
  try {
    if (!file || typeof file.toBuffer !== 'function' || !file.filename) throw new AppError(400, 'NO_FILE', 'Hãy chọn một tệp để tải lên.');
    const bytes = await file.toBuffer().catch(() => {
      throw new AppError(413, 'FILE_TOO_LARGE', 'Tệp quá lớn: tối đa 10 MB mỗi tệp.');
    });
    if (file.file.truncated) throw new AppError(413, 'FILE_TOO_LARGE', 'Tệp quá lớn: tối đa 10 MB mỗi tệp.');
    const documentIndex = /^\d{1,3}$/.test(indexText) ? Number(indexText) : null;
    const digitized = audience === 'staff' && str((body.digitized as { value?: unknown } | undefined)?.value) === 'true';
    await addAttachment(db, store, { dossier: d, documentIndex, fileName: file.filename, bytes, digitized, uploadedBy: request.principal!.userId });
    return reply.redirect(`${base}/${dossierRef(d)}?da=tep`, 303);
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    return sendHtml(reply, DossierPage(await dossierPageProps(db, request, d, audience, { alert: err.message })), err.status);
  }
}

/** Sends an attachment of the dossier, with its checked type. */
export async function sendAttachment(db: Database, store: FileStore, reply: FastifyReply, d: Dossier, idText: string) {
  const file = (await listAttachments(db, d)).find((a) => String(a.id) === idText);
  if (!file) throw new AppError(404, 'NOT_FOUND', 'Không tìm thấy tệp.');
  const bytes = await store.get(file.storageKey);
  return reply
    .type(file.mime)
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

export const NOTICES: Record<string, string> = {
  tep: 'Đã tải tệp lên.',
  submit: 'Đã nộp hồ sơ. Trung tâm sẽ kiểm tra và tiếp nhận; bạn có thể theo dõi tại đây.',
  receive: 'Đã tiếp nhận hồ sơ. Hãy in Giấy tiếp nhận và hẹn trả kết quả cho người nộp.',
  luu: 'Đã lưu bản nháp.',
  'thu-phi': 'Đã thu phí, lệ phí và lập biên lai điện tử. Tải biên lai ở mục Phí, lệ phí để in hoặc gửi cho người nộp.',
  'hoan-tien': 'Đã ghi nhận hoàn lại khoản thanh toán trực tuyến trùng.',
};

export const noticeFor = (query: unknown): string | undefined => {
  const done = str((query as Record<string, unknown>).da);
  if (!done) return undefined;
  return NOTICES[done] ?? (isActionName(done) ? `Đã thực hiện: ${ACTION_LABELS[done]}.` : undefined);
};
