/**
 * The cashier's reconciliation page /can-bo/thu-phi/doi-soat: receptionists and administrators of a unit upload its
 * fee account's statement and deal with the lines not matched; a province administrator chooses a commune (or the whole
 * province) and sees them. Lines of a unit the person does not work in are not found (404). Also registers the
 * bank's webhook.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { Database } from '../../platform/db/index.js';
import { AppError, forbidden, notFound, sendHtml, type FieldError, type Principal, type StaffRole } from '../../platform/http/index.js';
import { pageContext } from '../../web/context.js';
import { findUnitById } from '../../identity/index.js';
import { readUnitScope, type UnitScope } from '../../reports/index.js';
import type { ReceiptSigner } from '../receipt-signer.js';
import { ReconcilePage, RECONCILE_PATH, type LineError, type ReconcilePageProps } from '../views/reconcile-page.js';
import { importStatement, type ImportResult } from './import.js';
import { lineById, recentLines, unmatchedCount, unmatchedLines } from './lines.js';
import { readStatementFile } from './read-file.js';
import { ignoreLine, resolveLine } from './resolve.js';
import { storableText } from './values.js';
import { registerBankWebhook } from './webhook.js';

/** Who sees the page: the unit's cashiers and administrators, and the province administrator. */
export const RECONCILE_VIEWERS: readonly StaffRole[] = ['receptionist', 'unitAdmin', 'provinceAdmin'];
/** Who imports statements and resolves lines, in their own unit. */
const RECONCILERS: readonly StaffRole[] = ['receptionist', 'unitAdmin'];

const NOTICES: Record<string, string> = {
  khop: 'Đã khớp giao dịch với hồ sơ và lập biên lai thu phí, lệ phí.',
  'bo-qua': 'Đã đánh dấu giao dịch không phải phí, lệ phí.',
};

const mayReconcile = (p: Principal | null, unitId: number) => !!p && p.grants.some((g) => g.unitId === unitId && RECONCILERS.includes(g.role));

/** A form field of a urlencoded or multipart body, as NFC text cut at `max`, control characters (NUL…) as spaces. */
function field(body: unknown, name: string, max: number): string {
  const v = (body as Record<string, unknown> | null | undefined)?.[name];
  const raw = typeof v === 'string' ? v : v && typeof v === 'object' && 'value' in v && typeof v.value === 'string' ? v.value : '';
  return storableText(raw.normalize('NFC')).replace(/\s+/g, ' ').trim().slice(0, max);
}

function fileOf(body: unknown): MultipartFile | null {
  const v = (body as Record<string, unknown> | null | undefined)?.file;
  return v && typeof v === 'object' && 'toBuffer' in v && typeof v.toBuffer === 'function' && (v as MultipartFile).filename ? (v as MultipartFile) : null;
}

export interface ReconcileRouteDeps {
  db: Database;
  signer: ReceiptSigner;
  /** XASO_BANK_WEBHOOK_SECRET; unset: no webhook. */
  webhookSecret?: string | undefined;
  clock?: () => Date;
}

export function registerReconcileRoutes(app: FastifyInstance, deps: ReconcileRouteDeps): void {
  const { db, signer } = deps;
  const clock = deps.clock ?? (() => new Date());

  type Extra = Pick<ReconcilePageProps, 'result' | 'uploadError' | 'lineError' | 'notice'> & { status?: number };

  async function page(request: FastifyRequest, reply: FastifyReply, code: string, extra: Extra = {}) {
    const errors: FieldError[] = [];
    const { scope, unitChoices } = await readUnitScope(db, request, code, RECONCILE_VIEWERS, errors);
    const unitIds = scope?.unitIds ?? [];
    const [unmatched, unmatchedTotal, matched, ignored] = await Promise.all([
      unmatchedLines(db, unitIds), unmatchedCount(db, unitIds), recentLines(db, unitIds, ['matched', 'resolved']), recentLines(db, unitIds, ['ignored']),
    ]);
    return sendHtml(reply, ReconcilePage({
      ctx: pageContext(request), unitCode: scope?.unit.code ?? '', unitChoices, scopeError: errors[0]?.message,
      canAct: !!scope && !scope.wholeProvince && mayReconcile(request.principal, scope.unit.id), several: unitIds.length > 1,
      unmatched, unmatchedTotal, matched, ignored, ...extra,
    }), extra.status ?? (errors.length ? 400 : 200));
  }

  /** The unit the person reconciles for: the one chosen (don-vi), where they are a cashier or administrator. */
  async function actingScope(request: FastifyRequest, code: string): Promise<UnitScope> {
    const errors: FieldError[] = [];
    const { scope } = await readUnitScope(db, request, code, RECONCILE_VIEWERS, errors);
    if (!scope || scope.wholeProvince || !mayReconcile(request.principal, scope.unit.id)) {
      throw forbidden('Chỉ cán bộ tiếp nhận hoặc quản trị viên của đơn vị được nhập sao kê tài khoản thu phí của đơn vị.');
    }
    return scope;
  }

  /** The line named in the URL if the person may see it (404 otherwise) and act on it (403 otherwise). */
  async function lineFor(request: FastifyRequest) {
    const idText = (request.params as { id: string }).id;
    const line = /^\d{1,15}$/.test(idText) ? await lineById(db, Number(idText)) : null;
    const errors: FieldError[] = [];
    const unit = line ? await findUnitById(db, line.unitId) : null;
    const { scope } = unit ? await readUnitScope(db, request, unit.code, RECONCILE_VIEWERS, errors) : { scope: null };
    if (!line || !unit || !scope) throw notFound('Không tìm thấy giao dịch trong đơn vị của bạn.');
    if (!mayReconcile(request.principal, line.unitId)) throw forbidden('Chỉ cán bộ tiếp nhận hoặc quản trị viên của đơn vị được xử lý giao dịch này.');
    return { line, unitCode: unit.code };
  }

  app.get(RECONCILE_PATH, { config: { access: RECONCILE_VIEWERS } }, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    return page(request, reply, field(q, 'don-vi', 10), { notice: NOTICES[field(q, 'da', 10)] });
  });

  app.post(RECONCILE_PATH, { config: { access: RECONCILERS } }, async (request, reply) => {
    const scope = await actingScope(request, field(request.body, 'don-vi', 10));
    const code = scope.unit.code;
    const file = fileOf(request.body);
    if (!file) return page(request, reply, code, { uploadError: 'Hãy chọn tệp sao kê (.xlsx hoặc .csv) để nhập.', status: 400 });
    const buffer = await file.toBuffer();
    const fileName = storableText(file.filename.normalize('NFC')).trim().slice(0, 255) || 'sao-ke';
    let result: ImportResult;
    try {
      if (file.file.truncated) throw new AppError(413, 'STATEMENT_TOO_BIG', 'Tệp quá lớn (tối đa 2 MB). Hãy xuất sao kê theo từng khoảng thời gian ngắn hơn.');
      const statement = await readStatementFile(buffer, fileName);
      const officer = request.principal!;
      result = await importStatement(db, signer, {
        unitId: scope.unit.id, now: clock(), ip: request.ip, log: request.log, lines: statement.lines, debitLines: statement.debitLines,
        source: { kind: 'file', fileName, sha256: createHash('sha256').update(buffer).digest('hex'), officer: { userId: officer.userId, fullName: officer.fullName } },
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return page(request, reply, code, { uploadError: `Chưa nhập được sao kê "${fileName}": ${err.message}`, status: err.status });
    }
    return page(request, reply, code, { result: { fileName, import: result } });
  });

  app.post(`${RECONCILE_PATH}/:id/khop`, { config: { access: RECONCILERS } }, async (request, reply) => {
    const { line, unitCode } = await lineFor(request);
    const dossierCode = field(request.body, 'ma-ho-so', 60);
    const note = field(request.body, 'ghi-chu', 600);
    const refuse = (message: string, status: number) =>
      page(request, reply, unitCode, { lineError: { lineId: line.id, field: 'ma-ho-so', message, code: dossierCode, note } satisfies LineError, status });
    if (!dossierCode) return refuse('Nhập mã hồ sơ mà giao dịch này nộp phí, lệ phí.', 400);
    if (note.length > 500) return refuse('Ghi chú tối đa 500 ký tự.', 400);
    try {
      await resolveLine(db, signer, { line, dossierCode, note: note || null, actor: request.principal!, now: clock(), ip: request.ip });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return refuse(err.message, err.status);
    }
    return reply.redirect(`${RECONCILE_PATH}?don-vi=${encodeURIComponent(unitCode)}&da=khop`, 303);
  });

  app.post(`${RECONCILE_PATH}/:id/bo-qua`, { config: { access: RECONCILERS } }, async (request, reply) => {
    const { line, unitCode } = await lineFor(request);
    const note = field(request.body, 'ghi-chu', 600);
    const refuse = (message: string, status: number) =>
      page(request, reply, unitCode, { lineError: { lineId: line.id, field: 'ghi-chu', message, code: '', note } satisfies LineError, status });
    if (note.length < 5 || note.length > 500) return refuse('Nhập ghi chú vì sao giao dịch này không phải phí, lệ phí, từ 5 đến 500 ký tự.', 400);
    try {
      await ignoreLine(db, { line, note, actor: request.principal!, now: clock(), ip: request.ip });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return refuse(err.message, err.status);
    }
    return reply.redirect(`${RECONCILE_PATH}?don-vi=${encodeURIComponent(unitCode)}&da=bo-qua`, 303);
  });

  registerBankWebhook(app, { db, signer, secret: deps.webhookSecret, clock });
}
