import type { FastifyInstance } from 'fastify';
import type { Database } from '../platform/db/index.js';
import { audit } from '../platform/audit.js';
import { notFound, sendHtml } from '../platform/http/index.js';
import { pageContext } from '../web/context.js';
import { UNSUBSCRIBE_PATH } from './enqueue.js';
import { preferencesOf, savePreferences, unsubscribeEmail } from './preferences.js';
import { readUnsubscribeToken } from './unsubscribe-token.js';
import { PREFERENCES_PATH, PreferencesPage, UnsubscribePage } from './views.js';

const BAD_LINK = 'Liên kết ngừng nhận thông báo không đúng hoặc bị thiếu một phần. Hãy mở lại đúng liên kết ở cuối e-mail.';

/**
 * The resident's choice of channels (signed in), and the unsubscribe link of e-mails (no sign-in: the signed
 * token is the proof). Opening the link only asks; the button does it, so a mail scanner that follows links
 * unsubscribes nobody.
 */
export function registerNotificationRoutes(app: FastifyInstance, deps: { db: Database; secret: string; clock?: () => Date }) {
  const { db, secret } = deps;
  const clock = deps.clock ?? (() => new Date());

  app.get(PREFERENCES_PATH, { config: { access: 'signedIn' } }, async (request, reply) => {
    const saved = (request.query as Record<string, unknown>).da === 'luu';
    return sendHtml(reply, PreferencesPage({ ctx: pageContext(request), prefs: await preferencesOf(db, request.principal!.userId), saved }));
  });

  app.post(PREFERENCES_PATH, { config: { access: 'signedIn' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const choice = { email: body.email === 'on', sms: body.sms === 'on' };
    const userId = request.principal!.userId;
    await savePreferences(db, userId, choice);
    await audit(db, { actorUserId: userId, action: 'notifications.preferences', details: choice, ip: request.ip });
    return reply.redirect(`${PREFERENCES_PATH}?da=luu`, 303);
  });

  const targetOf = (token: unknown) => {
    const target = typeof token === 'string' ? readUnsubscribeToken(secret, token) : null;
    if (!target) throw notFound(BAD_LINK);
    return target;
  };

  app.get(`${UNSUBSCRIBE_PATH}/:token`, { config: { access: 'public' } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    targetOf(token);
    return sendHtml(reply, UnsubscribePage({ ctx: pageContext(request), step: { kind: 'ask', action: `${UNSUBSCRIBE_PATH}/${token}` } }));
  });

  app.post(`${UNSUBSCRIBE_PATH}/:token`, { config: { access: 'public' } }, async (request, reply) => {
    const target = targetOf((request.params as { token: string }).token);
    await unsubscribeEmail(db, target, clock());
    await audit(db, {
      actorUserId: target.kind === 'user' ? target.userId : null, action: 'notifications.unsubscribe',
      target: target.kind === 'user' ? `user:${target.userId}` : 'address', details: { channel: 'email' }, ip: request.ip,
    });
    return sendHtml(reply, UnsubscribePage({ ctx: pageContext(request), step: { kind: 'done', hasAccount: target.kind === 'user' } }));
  });
}
