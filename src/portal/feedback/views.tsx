import type { FieldError } from '../../platform/http/index.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { CsrfField, ErrorSummary, Field, Notice, TextArea } from '../../web/components/form.js';
import { ASSETS } from '../../web/assets.js';
import type { Challenge } from './captcha.js';
import type { ArticleComment, FeedbackSettings, RatingSummary } from './store.js';

export const CAPTCHA_WRONG = 'Mã xác thực không đúng';

export interface CommentFormValues {
  name: string;
  email: string;
  body: string;
}

export interface FeedbackProps {
  csrfToken: string;
  slug: string;
  rating: RatingSummary;
  comments: ArticleComment[];
  challenge: Challenge;
  values: CommentFormValues;
  errors: FieldError[];
  /** a message after a rating, comment or report */
  notice?: { kind: 'success' | 'warning' | 'error'; text: string } | undefined;
}

/** "4,5" (Vietnamese decimal comma, one decimal). */
export const vnDecimal = (n: number) => n.toFixed(1).replace('.', ',');

export function ratingText(r: RatingSummary): string {
  return r.count && r.average !== null ? `${r.count} lượt đánh giá, trung bình ${vnDecimal(r.average)}/5` : 'Chưa có lượt đánh giá nào.';
}

const dateOf = (d: Date) => {
  const vn = new Date(d.getTime() + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(vn.getUTCDate())}/${two(vn.getUTCMonth() + 1)}/${vn.getUTCFullYear()} ${two(vn.getUTCHours())} giờ ${two(vn.getUTCMinutes())}`;
};

/** Plain text with its line breaks: every line escaped, joined with <br />. */
export function PlainText({ text }: { text: string }) {
  return (
    <>
      {text.split('\n').map((line, i) => (
        <>
          {i > 0 ? <br /> : ''}
          <span safe>{line}</span>
        </>
      ))}
    </>
  );
}

const errorOf = (errors: FieldError[], param: string) => errors.find((e) => e.param === param)?.message;

/** Ratings and comments under an article: plain forms that work without JavaScript. */
export function ArticleFeedback(p: FeedbackProps) {
  const base = `/tin-tuc/${p.slug}`;
  const captchaError = errorOf(p.errors, 'captcha');
  return (
    <section class="feedback" aria-labelledby="feedback-title">
      <h2 id="feedback-title">Ý kiến bạn đọc</h2>
      {p.notice ? (
        <Notice kind={p.notice.kind}>
          <p safe>{p.notice.text}</p>
        </Notice>
      ) : (
        ''
      )}
      <p class="rating-summary" id="rating-summary" safe>
        {ratingText(p.rating)}
      </p>
      <form method="post" action={`${base}/danh-gia`} class="rating-form">
        <CsrfField token={p.csrfToken} />
        <fieldset class="field">
          <legend>Đánh giá bài viết (1 đến 5 sao)</legend>
          <div class="stars">
            {[1, 2, 3, 4, 5].map((n) => (
              <label class="star">
                <input type="radio" name="stars" value={String(n)} required={n === 1} />
                <span safe>{`${n} sao`}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" class="button secondary">
          Gửi đánh giá
        </button>
      </form>

      <h2 id="binh-luan">Bình luận</h2>
      {p.comments.length ? (
        <ol class="comments">
          {p.comments.map((c) => (
            <li class="comment" id={`binh-luan-${c.id}`}>
              <p class="meta">
                <strong safe>{c.authorName}</strong>
                {' · '}
                <time datetime={c.createdAt.toISOString()} safe>
                  {dateOf(c.createdAt)}
                </time>
              </p>
              <p class="comment-body">
                <PlainText text={c.body} />
              </p>
              <form method="post" action={`${base}/binh-luan/${c.id}/bao-cao`} class="report-form">
                <CsrfField token={p.csrfToken} />
                <button type="submit" class="report-button">
                  Báo cáo vi phạm
                </button>
              </form>
            </li>
          ))}
        </ol>
      ) : (
        <p>Chưa có bình luận nào.</p>
      )}

      <h3>Gửi bình luận</h3>
      <p class="hint">Bình luận được biên tập viên duyệt trước khi hiện. Thư điện tử không được hiển thị công khai.</p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={`${base}/binh-luan#binh-luan-form`} id="binh-luan-form" class="comment-form" novalidate>
        <CsrfField token={p.csrfToken} />
        <Field id="comment-name" name="name" label="Họ và tên" value={p.values.name} error={errorOf(p.errors, 'name')} autocomplete="name" required />
        <Field id="comment-email" name="email" type="email" label="Thư điện tử (không bắt buộc)" value={p.values.email} error={errorOf(p.errors, 'email')} autocomplete="email" />
        <TextArea id="comment-body" name="body" label="Nội dung bình luận" hint="Tối đa 2.000 ký tự." value={p.values.body} error={errorOf(p.errors, 'body')} rows={5} />
        <div class="hp" aria-hidden="true">
          <label for="comment-hp">Không điền vào ô này</label>
          <input id="comment-hp" name="ghi_chu_them" type="text" value="" tabindex="-1" autocomplete="off" />
        </div>
        <input type="hidden" name="challenge" value={p.challenge.token} />
        <input type="hidden" name="pow" id="captcha-pow" value="" data-nonce={p.challenge.nonce} data-bits={String(p.challenge.bits)} />
        <div id="captcha-field">
          <Field
            id="captcha"
            label={`Mã xác thực: ${p.challenge.question} = ?`}
            hint="Nhập kết quả phép cộng bằng chữ số. Nếu trình duyệt bật JavaScript, mã được tự xác thực."
            error={captchaError}
            inputClass="short"
            autocomplete="off"
          />
        </div>
        <p id="captcha-status" class="hint" role="status"></p>
        <button type="submit" class="button">
          Gửi bình luận
        </button>
      </form>
      <script src={ASSETS.commentScript.url} defer></script>
    </section>
  );
}

export interface ModerationNotice {
  text: string;
}

function ModerationItem({ c, csrfToken, actions }: { c: ArticleComment; csrfToken: string; actions: Array<{ path: string; label: string; kind: string }> }) {
  return (
    <li class="comment">
      <p class="meta">
        <strong safe>{c.authorName}</strong>
        {c.authorEmail ? <span safe>{` <${c.authorEmail}>`}</span> : ''}
        {' · '}
        <span safe>{dateOf(c.createdAt)}</span>
        {' · bài '}
        <a href={`/tin-tuc/${c.articleSlug}`} safe>
          {c.articleTitle}
        </a>
      </p>
      <p class="comment-body">
        <PlainText text={c.body} />
      </p>
      {c.reports > 0 || c.status === 'hidden' ? (
        <p class="meta" safe>
          {`${c.reports} lượt báo cáo${c.status === 'hidden' ? ' · đang tạm ẩn' : ''}`}
        </p>
      ) : (
        ''
      )}
      <div class="actions">
        {actions.map((a) => (
          <form method="post" action={`/quan-tri/binh-luan/${c.id}/${a.path}`}>
            <CsrfField token={csrfToken} />
            <button type="submit" class={`button ${a.kind}`} aria-label={`${a.label} bình luận của ${c.authorName}`} safe>
              {a.label}
            </button>
          </form>
        ))}
      </div>
    </li>
  );
}

/** /quan-tri/binh-luan: the comments waiting for approval and the reported ones. */
export function ModerationPage(p: { ctx: PageContext; pending: ArticleComment[]; reported: ArticleComment[]; settings: FeedbackSettings; notice?: string | undefined }) {
  const token = p.ctx.csrfToken;
  return (
    <Layout ctx={p.ctx} title="Bình luận của bạn đọc">
      <>
        <h1>Bình luận của bạn đọc</h1>
        {p.notice ? (
          <Notice kind="success">
            <p safe>{p.notice}</p>
          </Notice>
        ) : (
          ''
        )}
        <h2 safe>{`Chờ duyệt (${p.pending.length})`}</h2>
        {p.pending.length ? (
          <ol class="comments">
            {p.pending.map((c) => (
              <ModerationItem c={c} csrfToken={token} actions={[{ path: 'duyet', label: 'Duyệt', kind: '' }, { path: 'tu-choi', label: 'Từ chối', kind: 'danger' }]} />
            ))}
          </ol>
        ) : (
          <p>Không có bình luận nào chờ duyệt.</p>
        )}
        <h2 safe>{`Bị báo cáo (${p.reported.length})`}</h2>
        {p.reported.length ? (
          <ol class="comments">
            {p.reported.map((c) => (
              <ModerationItem
                c={c}
                csrfToken={token}
                actions={
                  c.status === 'hidden'
                    ? [{ path: 'hien', label: 'Hiện lại', kind: '' }, { path: 'tu-choi', label: 'Từ chối', kind: 'danger' }]
                    : [{ path: 'hien', label: 'Giữ nguyên', kind: 'secondary' }, { path: 'an', label: 'Ẩn', kind: 'danger' }]
                }
              />
            ))}
          </ol>
        ) : (
          <p>Không có bình luận nào bị báo cáo.</p>
        )}
        <h2>Cài đặt</h2>
        <form method="post" action="/quan-tri/binh-luan/cai-dat">
          <CsrfField token={token} />
          <div class="field">
            <label class="checkbox">
              <input type="checkbox" name="trusted" value="1" checked={p.settings.trustKnownCommenters} />
              {' Đăng ngay bình luận của người đã có bình luận được duyệt (cùng họ tên và thư điện tử)'}
            </label>
          </div>
          <Field id="reportThreshold" label="Số lượt báo cáo để tạm ẩn một bình luận" type="number" min={1} max={100} value={p.settings.reportThreshold} inputClass="short" />
          <button type="submit" class="button secondary">
            Lưu cài đặt
          </button>
        </form>
      </>
    </Layout>
  );
}
