import type { FieldError } from '../platform/http/index.js';
import type { PageContext } from '../web/context.js';
import { Layout } from '../web/layout.js';
import { CsrfField, ErrorSummary, Field, Notice } from '../web/components/form.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';

const errorOf = (errors: FieldError[], param: string) => errors.find((e) => e.param === param)?.message;

export function LoginPage(p: { ctx: PageContext; errors: FieldError[]; username?: string; next?: string; notice?: string; alert?: string }) {
  return (
    <Layout ctx={p.ctx} title="Đăng nhập">
      <>
        <h1>Đăng nhập</h1>
        {p.notice ? <Notice kind="success"><p safe>{p.notice}</p></Notice> : ''}
        {p.alert ? <Notice kind="error"><p safe>{p.alert}</p></Notice> : ''}
        <ErrorSummary errors={p.errors} />
        <form method="post" action="/dang-nhap" novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          {p.next ? <input type="hidden" name="tiep" value={p.next} /> : ''}
          <Field id="username" label="Tên đăng nhập" autocomplete="username" value={p.username} error={errorOf(p.errors, 'username')} required />
          <Field id="password" label="Mật khẩu" type="password" autocomplete="current-password" error={errorOf(p.errors, 'password')} required />
          <div class="actions">
            <button class="button" type="submit">Đăng nhập</button>
          </div>
        </form>
        <p>Quên mật khẩu? Hãy liên hệ quản trị viên của xã để được cấp lại.</p>
      </>
    </Layout>
  );
}

export function ChangePasswordPage(p: { ctx: PageContext; errors: FieldError[]; done?: boolean }) {
  return (
    <Layout ctx={p.ctx} title="Đổi mật khẩu">
      <>
        <h1>Đổi mật khẩu</h1>
        {p.done ? <Notice kind="success"><p>Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã được đăng xuất.</p></Notice> : ''}
        <ErrorSummary errors={p.errors} />
        <form method="post" action="/tai-khoan/doi-mat-khau" novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          <Field id="currentPassword" label="Mật khẩu hiện tại" type="password" autocomplete="current-password" error={errorOf(p.errors, 'currentPassword')} />
          <Field id="newPassword" label="Mật khẩu mới" type="password" autocomplete="new-password" hint={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự, không chứa tên đăng nhập.`} error={errorOf(p.errors, 'newPassword')} />
          <Field id="confirmPassword" label="Nhập lại mật khẩu mới" type="password" autocomplete="new-password" error={errorOf(p.errors, 'confirmPassword')} />
          <div class="actions">
            <button class="button" type="submit">Đổi mật khẩu</button>
          </div>
        </form>
        <p>
          <a href="/tai-khoan/thong-bao">Chọn cách nhận thông báo về hồ sơ</a> (e-mail, tin nhắn SMS).
        </p>
      </>
    </Layout>
  );
}
