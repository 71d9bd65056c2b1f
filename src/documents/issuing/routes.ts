import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../../platform/db/index.js';
import { AppError, sendHtml, unitsWithRole, type StaffRole } from '../../platform/http/index.js';
import type { FileStore } from '../../platform/storage/index.js';
import { audit } from '../../platform/audit.js';
import { pageContext } from '../../web/context.js';
import { dossierForApplicant, dossierForStaff } from '../../dossiers/access.js';
import type { Dossier } from '../../dossiers/model.js';
import { getDossierResult, getOutgoing, listStuckUnsigned, numberAndSymbol, type OutgoingDocument } from '../register/store.js';
import type { Issuer } from './issuer.js';
import { StuckPage } from './stuck-page.js';
import { registerOutgoingPages } from './pages/routes.js';

export interface OutgoingDeps {
  db: Database;
  issuer: Issuer;
  store: FileStore;
}

const SIGNING_ADMINS: readonly StaffRole[] = ['leader', 'clerk', 'unitAdmin', 'provinceAdmin'];

/** File name for a signed document: "QD-15-2026.pdf" style, ASCII. */
export function pdfFileName(doc: OutgoingDocument): string {
  const n = numberAndSymbol(doc) ?? `van-ban-${doc.id}`;
  return `${n.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9-]+/g, '-')}.pdf`;
}

export async function sendSignedPdf(store: FileStore, reply: FastifyReply, doc: OutgoingDocument | null, disposition: 'inline' | 'attachment' = 'attachment') {
  if (!doc || doc.state !== 'signed' || !doc.storageKey) throw new AppError(404, 'NOT_FOUND', 'Văn bản chưa được ký số.');
  const bytes = await store.get(doc.storageKey);
  return reply
    .type('application/pdf')
    .header('content-disposition', `${disposition}; filename="${pdfFileName(doc)}"`)
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

async function resultOf(db: Database, d: Dossier) {
  return getDossierResult(db, d.unitId, d.id);
}

/** Signed dossier results (download for staff and the applicant), the stuck-signing admin page, and the outgoing pages. */
export function registerOutgoingRoutes(app: FastifyInstance, deps: OutgoingDeps) {
  const { db, store, issuer } = deps;
  app.get('/can-bo/ho-so/:ref/ket-qua.pdf', { config: { access: ['receptionist', 'specialist', 'leader', 'clerk', 'unitAdmin', 'provinceAdmin'] } }, async (request, reply) => {
    const d = await dossierForStaff(db, request, (request.params as { ref: string }).ref);
    return sendSignedPdf(store, reply, await resultOf(db, d));
  });
  app.get('/ho-so-cua-toi/:ref/ket-qua.pdf', { config: { access: 'signedIn' } }, async (request, reply) => {
    const d = await dossierForApplicant(db, request, (request.params as { ref: string }).ref);
    return sendSignedPdf(store, reply, await resultOf(db, d));
  });

  app.get('/quan-tri/van-ban-cho-ky', { config: { access: SIGNING_ADMINS } }, async (request, reply) => {
    const units = unitsWithRole(request.principal, SIGNING_ADMINS);
    const province = request.principal!.grants.some((g) => g.role === 'provinceAdmin');
    const docs = (await listStuckUnsigned(db, null)).filter((d) => province || units.includes(d.unitId));
    const q = request.query as Record<string, unknown>;
    return sendHtml(reply, StuckPage({ ctx: pageContext(request), docs, notice: typeof q.da === 'string' ? q.da : undefined }));
  });
  app.post('/quan-tri/van-ban-cho-ky/:unitId/:id/ky-lai', { config: { access: SIGNING_ADMINS } }, async (request, reply) => {
    const p = request.params as { unitId: string; id: string };
    const unitId = Number(p.unitId);
    const id = Number(p.id);
    if (!Number.isSafeInteger(unitId) || !Number.isSafeInteger(id)) throw new AppError(404, 'NOT_FOUND', 'Không tìm thấy văn bản.');
    const province = request.principal!.grants.some((g) => g.role === 'provinceAdmin');
    if (!province && !unitsWithRole(request.principal, SIGNING_ADMINS).includes(unitId)) throw new AppError(403, 'FORBIDDEN', 'Bạn không có quyền với văn bản của đơn vị này.');
    const doc = await getOutgoing(db, unitId, id);
    if (!doc) throw new AppError(404, 'NOT_FOUND', 'Không tìm thấy văn bản.');
    await audit(db, { unitId, actorUserId: request.principal!.userId, action: 'outgoing.retrySign', target: `outgoing:${id}`, ip: request.ip });
    const outcome = await issuer.sign(unitId, id);
    const msg = outcome.status === 'signed' ? 'da-ky' : outcome.status === 'failed' ? 'loi' : 'bo-qua';
    return reply.redirect(`/quan-tri/van-ban-cho-ky?da=${msg}`, 303);
  });
  registerOutgoingPages(app, deps);
}
