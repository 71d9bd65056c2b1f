import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Database } from '../platform/db/index.js';
import { audit } from '../platform/audit.js';
import { createRateLimiter, SESSION_COOKIE, sendHtml, type FieldError } from '../platform/http/index.js';
import { pageContext } from '../web/context.js';
import { Layout } from '../web/layout.js';
import { CsrfField, ErrorSummary, Field } from '../web/components/form.js';
import type { PageContext } from '../web/context.js';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './passwords.js';
import { createSession } from './sessions.js';
import { createUser, findUserByUsername } from './users.js';

const RegisterForm = z.object({
  fullName: z.string().normalize('NFC').trim().min(2, 'Nhập họ và tên.').max(200, 'Họ và tên quá dài.'),
  contact: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => /^(\+?84|0)\d{9,10}$/.test(v) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Nhập số điện thoại (ví dụ 0912345678) hoặc địa chỉ e-mail.'),
  password: z.string().max(256, 'Mật khẩu quá dài.'),
  confirmPassword: z.string().max(256),
});

function RegisterPage(p: { ctx: PageContext; errors: FieldError[]; values: Record<string, string>; next: string | undefined }) {
  const err = (k: string) => p.errors.find((e) => e.param === k)?.message;
  return (
    <Layout ctx={p.ctx} title="Đăng ký tài khoản">
      <>
        <h1>Đăng ký tài khoản</h1>
        <p>Tài khoản dùng để nộp hồ sơ trực tuyến và theo dõi hồ sơ của bạn.</p>
        <ErrorSummary errors={p.errors} />
        <form method="post" action="/dang-ky" novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          {p.next ? <input type="hidden" name="tiep" value={p.next} /> : ''}
          <Field id="fullName" label="Họ và tên" value={p.values.fullName} error={err('fullName')} autocomplete="name" />
          <Field id="contact" label="Số điện thoại hoặc e-mail" hint="Dùng để đăng nhập và nhận thông báo về hồ sơ." value={p.values.contact} error={err('contact')} autocomplete="username" />
          <Field id="password" label="Mật khẩu" type="password" hint={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`} error={err('password')} autocomplete="new-password" />
          <Field id="confirmPassword" label="Nhập lại mật khẩu" type="password" error={err('confirmPassword')} autocomplete="new-password" />
          <div class="actions">
            <button class="button" type="submit">Đăng ký</button>
            <a href="/dang-nhap">Đã có tài khoản? Đăng nhập</a>
          </div>
        </form>
      </>
    </Layout>
  );
}

const safeNext = (value: unknown): string | undefined =>
  typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]{0,500}$/.test(value) ? value : undefined;

/** Residents register with a phone number or an e-mail address and a password. */
export function registerRegistrationRoutes(app: FastifyInstance, deps: { db: Database; config: Config }) {
  const { db, config } = deps;
  const limiter = createRateLimiter({ limit: 10, windowMs: 60 * 60_000 });
  app.get('/dang-ky', { config: { access: 'public' } }, async (request, reply) =>
    sendHtml(reply, RegisterPage({ ctx: pageContext(request), errors: [], values: {}, next: safeNext((request.query as Record<string, unknown>).tiep) })),
  );
  app.post('/dang-ky', { config: { access: 'public' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { fullName: String(body.fullName ?? '').slice(0, 200), contact: String(body.contact ?? '').slice(0, 200) };
    const next = safeNext(body.tiep);
    const render = (status: number, errors: FieldError[]) => sendHtml(reply, RegisterPage({ ctx: pageContext(request), errors, values, next }), status);
    if (limiter.hit(request.ip) > 0) return render(429, [{ param: 'contact', message: 'Có quá nhiều lượt đăng ký từ máy của bạn. Vui lòng thử lại sau.' }]);
    const parsed = RegisterForm.safeParse(body);
    if (!parsed.success) return render(400, parsed.error.issues.map((i) => ({ param: String(i.path[0]), message: i.message })));
    const { fullName, contact, password, confirmPassword } = parsed.data;
    const isEmail = contact.includes('@');
    const username = isEmail ? contact : contact.replace(/^\+?84/, '0');
    const problem = passwordProblem(password, username);
    if (problem) return render(400, [{ param: 'password', message: problem }]);
    if (password !== confirmPassword) return render(400, [{ param: 'confirmPassword', message: 'Mật khẩu nhập lại không khớp.' }]);
    if (await findUserByUsername(db, username)) return render(409, [{ param: 'contact', message: 'Số điện thoại hoặc e-mail này đã được đăng ký. Hãy đăng nhập.' }]);
    const userId = await createUser(db, { username, fullName, email: isEmail ? username : null, phone: isEmail ? null : username, password, accountType: 'citizen' });
    await audit(db, { actorUserId: userId, action: 'account.register', ip: request.ip });
    const sessionId = await createSession(db, userId, config.sessionHours);
    reply.setCookie(SESSION_COOKIE, sessionId, { path: '/', httpOnly: true, sameSite: 'lax', secure: app.cookieSecure(request), maxAge: config.sessionHours * 3600 });
    return reply.redirect(next ?? '/ho-so-cua-toi', 303);
  });
}
