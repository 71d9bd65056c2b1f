import type { FastifyInstance } from 'fastify';
import type { Database } from '../platform/db/index.js';
import type { FileStore } from '../platform/storage/index.js';
import { registerStaffDossierRoutes } from './routes/staff.js';
import { registerApplicantRoutes } from './routes/applicant.js';
import { registerLookupRoutes } from './routes/lookup.js';
import { registerPrintRoutes } from './routes/print.js';
import { registerDossierApi } from './routes/api.js';

export { act, combineHooks, type ActRequest, type ActResult, type DossierHooks, type ActionContext } from './act.js';
import type { DossierHooks } from './act.js';
import type { FastifyRequest } from 'fastify';
import type { Dossier } from './model.js';
import { dossierPageProps, type PageState } from './page-data.js';
import { DossierPage } from './views/dossier-page.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Work other modules attach to dossier actions (set by the composition root; null when none). */
    dossierHooks: DossierHooks | null;
  }
}
export { createDraft } from './create.js';
export { addAttachment, sniffMime } from './attachments.js';
export { verifyEventChains } from './verify.js';
export { getDossierByCode, getDossierByRef, listEvents } from './queries.js';
export type { Dossier, DossierEvent } from './model.js';
export { dossierForStaff, dossierForApplicant, staffUnitIds } from './access.js';
export { lockDossierForFee, setFeePaid } from './fee-paid.js';

export function registerDossierRoutes(app: FastifyInstance, deps: { db: Database; store: FileStore }) {
  registerStaffDossierRoutes(app, deps.db, deps.store);
  registerApplicantRoutes(app, deps.db, deps.store);
  registerLookupRoutes(app, deps.db);
  registerPrintRoutes(app, deps.db);
  registerDossierApi(app, deps.db, deps.store);
}

/** The dossier page (staff or applicant view) with a notice, an alert or a refused form's errors. */
export async function dossierPageHtml(db: Database, request: FastifyRequest, d: Dossier, audience: 'staff' | 'applicant', state: PageState = {}): Promise<string> {
  return DossierPage(await dossierPageProps(db, request, d, audience, state)) as string;
}
