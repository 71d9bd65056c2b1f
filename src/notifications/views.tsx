/** The resident's notification choices (/tai-khoan/thong-bao) and the pages of the e-mails' unsubscribe link. */
import type { PageContext } from '../web/context.js';
import { Layout } from '../web/layout.js';
import { CsrfField, Notice } from '../web/components/form.js';
import { formatMomentVi } from '../platform/i18n/text.js';
import type { Preferences } from './preferences.js';

export const PREFERENCES_PATH = '/tai-khoan/thong-bao';

const noindex = <meta name="robots" content="noindex" />;

export function PreferencesPage(p: { ctx: PageContext; prefs: Preferences; saved: boolean }) {
  const box = (id: 'email' | 'sms', label: string) => (
    <div class="checkbox">
      <input type="checkbox" id={`notify-${id}`} name={id} value="on" checked={p.prefs[id]} />
      <label for={`notify-${id}`} safe>{label}</label>
    </div>
  );
  return (
    <Layout ctx={p.ctx} title="Thông báo về hồ sơ">
      <>
        <h1>Thông báo về hồ sơ</h1>
        {p.saved ? <Notice kind="success"><p>Đã lưu lựa chọn nhận thông báo của bạn.</p></Notice> : ''}
        {!p.prefs.email && p.prefs.emailUnsubscribedAt ? (
          <Notice kind="info"><p safe>{`Bạn đã ngừng nhận e-mail bằng liên kết trong thư lúc ${formatMomentVi(p.prefs.emailUnsubscribedAt)}. Đánh dấu ô E-mail rồi lưu để nhận lại.`}</p></Notice>
        ) : ''}
        <p>
          Chúng tôi báo cho bạn khi hồ sơ được tiếp nhận (kèm ngày hẹn trả), khi cần bổ sung giấy tờ, khi có kết quả, khi
          phải hẹn lại ngày trả, khi đã trả kết quả, và khi hồ sơ bị từ chối hoặc dừng giải quyết (kèm lý do). Thông báo gửi tới
          e-mail và số điện thoại ghi trên từng hồ sơ của bạn.
        </p>
        <form method="post" action={PREFERENCES_PATH}>
          <CsrfField token={p.ctx.csrfToken} />
          <fieldset class="field">
            <legend>Nhận thông báo qua</legend>
            {box('email', 'E-mail')}
            {box('sms', 'Tin nhắn SMS')}
          </fieldset>
          <div class="actions">
            <button class="button" type="submit">Lưu lựa chọn</button>
          </div>
        </form>
        <p>
          Dù không nhận thông báo, bạn vẫn xem được hồ sơ tại <a href="/ho-so-cua-toi">Hồ sơ của tôi</a> hoặc <a href="/tra-cuu">Tra cứu hồ sơ</a>.
        </p>
      </>
    </Layout>
  );
}

/** The unsubscribe link's page: first the question (`ask`, with the button), then the confirmation (`done`). */
export function UnsubscribePage(p: { ctx: PageContext; step: { kind: 'ask'; action: string } | { kind: 'done'; hasAccount: boolean } }) {
  const title = p.step.kind === 'ask' ? 'Ngừng nhận thông báo qua e-mail' : 'Đã ngừng gửi thông báo qua e-mail';
  return (
    <Layout ctx={p.ctx} title={title} head={noindex}>
      <>
        <h1>{title}</h1>
        {p.step.kind === 'ask' ? (
          <>
            <p>
              Sau khi xác nhận, hệ thống sẽ không gửi e-mail thông báo về hồ sơ tới địa chỉ này nữa. Tin nhắn SMS (nếu có)
              vẫn được gửi như trước.
            </p>
            <form method="post" action={p.step.action}>
              <CsrfField token={p.ctx.csrfToken} />
              <div class="actions">
                <button class="button" type="submit">Ngừng nhận e-mail thông báo</button>
                <a href="/tra-cuu">Không, quay lại tra cứu hồ sơ</a>
              </div>
            </form>
          </>
        ) : (
          <>
            <Notice kind="success"><p>Từ nay hệ thống không gửi e-mail thông báo về hồ sơ tới địa chỉ này nữa.</p></Notice>
            <p>
              Bạn vẫn theo dõi được hồ sơ tại <a href="/tra-cuu">Tra cứu hồ sơ</a> bằng mã hồ sơ in trên Giấy tiếp nhận.
            </p>
            {p.step.hasAccount ? (
              <p>
                Muốn nhận lại e-mail? Đăng nhập rồi chọn tại trang <a href={PREFERENCES_PATH}>Thông báo về hồ sơ</a>.
              </p>
            ) : (
              ''
            )}
          </>
        )}
      </>
    </Layout>
  );
}
