import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/index.js';
import { AppError, sendHtml } from '../../platform/http/index.js';
import type { FileStore } from '../../platform/storage/index.js';
import { pageContext } from '../../web/context.js';
import { createDraft, updateDraft } from '../create.js';
import { dossierRef, type Dossier } from '../model.js';
import { ownDossiers } from '../queries.js';
import { dossierForApplicant } from '../access.js';
import { dossierPageProps, type PageState } from '../page-data.js';
import { DossierPage } from '../views/dossier-page.js';
import { DraftForm } from '../views/draft-form.js';
import { MyDossiersPage } from '../views/my-dossiers-page.js';
import { handleActionForm, handleUploadForm, noticeFor, sendAttachment } from './form-actions.js';
import type { FastifyRequest } from 'fastify';

const str = (v: unknown, max = 2000) => (typeof v === 'string' ? v.slice(0, max) : '');

export function registerApplicantRoutes(app: FastifyInstance, db: Database, store: FileStore) {
  async function page(request: FastifyRequest, d: Dossier, state: PageState & { draftErrors?: Array<{ param: string; message: string }>; draftValues?: Record<string, string> } = {}) {
    const props = await dossierPageProps(db, request, d, 'applicant', state);
    if (d.state === 'draft') props.draftForm = DraftForm({ dossier: d, csrfToken: request.csrfToken, errors: state.draftErrors ?? [], ...(state.draftValues ? { values: state.draftValues } : {}) });
    return DossierPage(props);
  }

  app.get('/ho-so-cua-toi', { config: { access: 'signedIn' } }, async (request, reply) =>
    sendHtml(reply, MyDossiersPage({ ctx: pageContext(request), dossiers: await ownDossiers(db, request.principal!.userId) })),
  );

  app.post('/ho-so-cua-toi/moi', { config: { access: 'signedIn' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const principal = request.principal!;
    const d = await createDraft(db, {
      unitId: request.site.unitId, procedureCode: str(body.procedureCode, 20), channel: 'online', ownerUserId: principal.userId, createdBy: principal.userId,
      applicant: { fullName: principal.fullName, phone: /^0\d{9,10}$/.test(principal.username) ? principal.username : '', email: principal.username.includes('@') ? principal.username : '' },
    });
    return reply.redirect(`/ho-so-cua-toi/${dossierRef(d)}`, 303);
  });

  app.get('/ho-so-cua-toi/:ref', { config: { access: 'signedIn' } }, async (request, reply) => {
    const d = await dossierForApplicant(db, request, (request.params as { ref: string }).ref);
    return sendHtml(reply, page(request, d, { notice: noticeFor(request.query) }));
  });

  app.post('/ho-so-cua-toi/:ref', { config: { access: 'signedIn' } }, async (request, reply) => {
    const d = await dossierForApplicant(db, request, (request.params as { ref: string }).ref);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(['fullName', 'idNumber', 'phone', 'email', 'address', 'content'].map((k) => [k, str(body[k])]));
    try {
      await updateDraft(db, d, { applicant: values, request: { ...d.request, content: values.content } });
      return reply.redirect(`/ho-so-cua-toi/${dossierRef(d)}?da=luu`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return sendHtml(reply, page(request, d, { draftErrors: err.errors.length ? err.errors : [{ param: 'fullName', message: err.message }], draftValues: values }), err.status);
    }
  });

  app.post('/ho-so-cua-toi/:ref/thao-tac/:action', { config: { access: 'signedIn' } }, async (request, reply) => {
    const d = await dossierForApplicant(db, request, (request.params as { ref: string }).ref);
    return handleActionForm(db, request, reply, d, 'applicant');
  });

  app.post('/ho-so-cua-toi/:ref/tep', { config: { access: 'signedIn' } }, async (request, reply) => {
    const d = await dossierForApplicant(db, request, (request.params as { ref: string }).ref);
    return handleUploadForm(db, store, request, reply, d, 'applicant');
  });

  app.get('/ho-so-cua-toi/:ref/tep/:id', { config: { access: 'signedIn' } }, async (request, reply) => {
    const params = request.params as { ref: string; id: string };
    return sendAttachment(db, store, reply, await dossierForApplicant(db, request, params.ref), params.id);
  });
}
