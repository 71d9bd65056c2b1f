import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Database } from '../platform/db/index.js';
import { audit } from '../platform/audit.js';
import { createRateLimiter, SESSION_COOKIE, sendHtml, type FieldError } from '../platform/http/index.js';
import { formatMomentVi } from '../platform/i18n/text.js';
import { pageContext } from '../web/context.js';
import { login } from './login.js';
import { passwordProblem, verifyPassword } from './passwords.js';
import { deleteOtherSessions, deleteSession } from './sessions.js';
import { findUserById, setPassword } from './users.js';
import { ChangePasswordPage, LoginPage } from './views.js';

export const LOGIN_PATH = '/dang-nhap';

/** Only same-site paths may be a redirect target after sign-in. */
const safeNext = (value: unknown): string | undefined =>
  typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]{0,500}$/.test(value) ? value : undefined;

const LoginForm = z.object({
  username: z.string().trim().min(1, 'Nhập tên đăng nhập.').max(100, 'Tên đăng nhập quá dài.'),
  password: z.string().min(1, 'Nhập mật khẩu.').max(256, 'Mật khẩu quá dài.'),
});

const ChangePasswordForm = z.object({
  currentPassword: z.string().min(1, 'Nhập mật khẩu hiện tại.').max(256),
  newPassword: z.string().max(256, 'Mật khẩu quá dài.'),
  confirmPassword: z.string().max(256),
});

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ param: String(i.path[0] ?? 'form'), message: i.message }));
}

export function registerIdentityRoutes(app: FastifyInstance, deps: { db: Database; config: Config }) {
  const { db, config } = deps;
  const limiter = createRateLimiter({ limit: 20, windowMs: 5 * 60_000 });

  const setSessionCookie = (reply: FastifyReply, sessionId: string, secure: boolean) =>
    reply.setCookie(SESSION_COOKIE, sessionId, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: config.sessionHours * 3600 });

  app.get(LOGIN_PATH, { config: { access: 'public' } }, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const notice = q['da-dang-xuat'] !== undefined ? 'Bạn đã đăng xuất.' : undefined;
    return sendHtml(reply, LoginPage({ ctx: pageContext(request), errors: [], next: safeNext(q.tiep), notice }));
  });

  app.post(LOGIN_PATH, { config: { access: 'public' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const next = safeNext(body.tiep);
    const username = typeof body.username === 'string' ? body.username.slice(0, 100) : '';
    const render = (status: number, errors: FieldError[], alert?: string) =>
      sendHtml(reply, LoginPage({ ctx: pageContext(request), errors, username, next, alert }), status);
    const parsed = LoginForm.safeParse(body);
    if (!parsed.success) return render(400, fieldErrors(parsed.error));
    const result = await login(db, config, limiter, { ...parsed.data, ip: request.ip });
    if (result.ok) {
      setSessionCookie(reply, result.sessionId, app.cookieSecure(request));
      return reply.redirect(next ?? '/', 303);
    }
    if (result.reason === 'locked') {
      const minutes = Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 60_000));
      return render(423, [], `Tài khoản đã bị tạm khóa vì nhập sai mật khẩu quá ${config.loginMaxFailures} lần. Vui lòng thử lại sau ${minutes} phút (lúc ${formatMomentVi(result.until)}).`);
    }
    if (result.reason === 'rateLimited') {
      reply.header('retry-after', String(Math.ceil(result.retryAfterMs / 1000)));
      return render(429, [], 'Có quá nhiều lần đăng nhập từ máy của bạn. Vui lòng đợi vài phút rồi thử lại.');
    }
    return render(401, [{ param: 'password', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' }]);
  });

  app.post('/dang-xuat', { config: { access: 'public' } }, async (request, reply) => {
    if (request.sessionId) {
      await deleteSession(db, request.sessionId);
      await audit(db, { actorUserId: request.principal?.userId ?? null, action: 'logout', ip: request.ip });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(`${LOGIN_PATH}?da-dang-xuat=1`, 303);
  });

  app.get('/tai-khoan/doi-mat-khau', { config: { access: 'signedIn' } }, async (request, reply) =>
    sendHtml(reply, ChangePasswordPage({ ctx: pageContext(request), errors: [] })),
  );

  app.post('/tai-khoan/doi-mat-khau', { config: { access: 'signedIn' } }, async (request, reply) => {
    const principal = request.principal!;
    const render = (status: number, errors: FieldError[], done = false) =>
      sendHtml(reply, ChangePasswordPage({ ctx: pageContext(request), errors, done }), status);
    const parsed = ChangePasswordForm.safeParse(request.body ?? {});
    if (!parsed.success) return render(400, fieldErrors(parsed.error));
    const { currentPassword, newPassword, confirmPassword } = parsed.data;
    const user = await findUserById(db, principal.userId);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      return render(400, [{ param: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' }]);
    }
    const problem = passwordProblem(newPassword, user.username);
    if (problem) return render(400, [{ param: 'newPassword', message: problem }]);
    if (newPassword !== confirmPassword) return render(400, [{ param: 'confirmPassword', message: 'Mật khẩu nhập lại không khớp.' }]);
    await setPassword(db, user.id, newPassword);
    await deleteOtherSessions(db, user.id, request.sessionId);
    await audit(db, { actorUserId: user.id, action: 'password.change', ip: request.ip });
    return render(200, [], true);
  });
}
