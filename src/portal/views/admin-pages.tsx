import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { CsrfField, DateInput, ErrorSummary, Field, Notice, Select, TextArea } from '../../web/components/form.js';
import type { FieldError } from '../../platform/http/index.js';
import type { Article, ArticleRevision, ArticleStatus, Category } from '../articles/model.js';
import { STATUS_LABELS } from '../articles/model.js';
import { StatusTag, articleHref, coverSrc, when } from './parts.js';

export interface AdminNotice {
  kind: 'success' | 'error';
  text: string;
}

const FILTERS: Array<{ value: ArticleStatus | ''; label: string }> = [
  { value: '', label: 'Tất cả' },
  { value: 'draft', label: STATUS_LABELS.draft },
  { value: 'scheduled', label: STATUS_LABELS.scheduled },
  { value: 'published', label: STATUS_LABELS.published },
];

/** /quan-tri/tin-bai: every article of the site with its state; filter by state. */
export function ArticleListPage(p: { ctx: PageContext; rows: Array<{ a: Article; status: ArticleStatus }>; filter: ArticleStatus | ''; counts: Record<ArticleStatus, number> }) {
  return (
    <Layout ctx={p.ctx} title="Tin bài">
      <>
        <h1>Tin bài</h1>
        <p class="actions">
          <a class="button" href="/quan-tri/tin-bai/moi">
            Viết bài mới
          </a>
          <a href="/quan-tri/trang">Trang giới thiệu</a>
          <a href="/quan-tri/binh-luan">Bình luận chờ duyệt</a>
          <a href="/quan-tri/thong-ke-truy-cap">Thống kê truy cập</a>
        </p>
        <nav aria-label="Lọc theo trạng thái">
          <ul class="queues">
            {FILTERS.map((f) => (
              <li>
                <a href={f.value ? `/quan-tri/tin-bai?trang-thai=${f.value}` : '/quan-tri/tin-bai'} aria-current={p.filter === f.value ? 'page' : undefined} safe>
                  {f.value ? `${f.label} (${p.counts[f.value]})` : f.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {p.rows.length ? (
          <div class="table-wrap">
            <table class="stack">
              <caption safe>{`Tin bài – ${FILTERS.find((f) => f.value === p.filter)?.label ?? ''}`}</caption>
              <thead>
                <tr>
                  <th scope="col">Tiêu đề</th>
                  <th scope="col">Chuyên mục</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Thời gian đăng</th>
                  <th scope="col">Sửa lần cuối</th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map(({ a, status }) => (
                  <tr>
                    <td data-label="Tiêu đề">
                      <a href={`/quan-tri/tin-bai/${a.id}`} safe>
                        {a.title}
                      </a>
                    </td>
                    <td data-label="Chuyên mục" safe>{a.categoryName}</td>
                    <td data-label="Trạng thái">
                      <StatusTag status={status} />
                    </td>
                    <td data-label="Thời gian đăng" safe>{when(a.publishAt)}</td>
                    <td data-label="Sửa lần cuối" safe>{when(a.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Không có bài viết nào.</p>
        )}
      </>
    </Layout>
  );
}

export interface ArticleFormValues {
  title: string;
  categoryId: string;
  summary: string;
  bodyHtml: string;
  authorName: string;
  coverAlt: string;
  removeCover: boolean;
}

export interface ScheduleValues {
  day: string;
  month: string;
  year: string;
  time: string;
}

/** /quan-tri/tin-bai/moi and /quan-tri/tin-bai/<id>: the article form; for a saved article also its publication and revisions. */
export function ArticleFormPage(p: {
  ctx: PageContext; article: Article | null; status: ArticleStatus | null; categories: Category[]; values: ArticleFormValues; errors: FieldError[];
  notice?: AdminNotice | undefined; revisions: ArticleRevision[]; schedule: ScheduleValues; scheduleError?: string | undefined;
}) {
  const a = p.article;
  const action = a ? `/quan-tri/tin-bai/${a.id}` : '/quan-tri/tin-bai/moi';
  const cover = a ? coverSrc(a) : null;
  const err = (param: string) => p.errors.find((e) => e.param === param)?.message;
  return (
    <Layout ctx={p.ctx} title={a ? `Sửa bài: ${a.title}` : 'Viết bài mới'}>
      <>
        <p>
          <a href="/quan-tri/tin-bai">‹ Danh sách tin bài</a>
        </p>
        <h1>{a ? 'Sửa bài viết' : 'Viết bài mới'}</h1>
        {p.notice ? (
          <Notice kind={p.notice.kind}>
            <p safe>{p.notice.text}</p>
          </Notice>
        ) : (
          ''
        )}
        <ErrorSummary errors={p.errors} />
        {a && p.status ? (
          <p>
            Trạng thái: <StatusTag status={p.status} />
            {a.publishAt ? <span safe>{` ${p.status === 'scheduled' ? 'sẽ đăng lúc' : 'đăng lúc'} ${when(a.publishAt)}`}</span> : ''}
            {p.status === 'published' ? (
              <>
                {' · '}
                <a href={articleHref(a)}>Xem trên trang</a>
              </>
            ) : (
              ''
            )}
          </p>
        ) : (
          ''
        )}
        <form method="post" action={action} enctype="multipart/form-data" novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          <Field id="title" label="Tiêu đề" value={p.values.title} error={err('title')} />
          <Select id="categoryId" label="Chuyên mục" options={[{ value: '', label: 'Chọn chuyên mục' }, ...p.categories.map((c) => ({ value: String(c.id), label: c.name }))]} value={p.values.categoryId} error={err('categoryId')} />
          <TextArea id="summary" label="Tóm tắt" hint="Một hoặc hai câu hiện trong danh sách tin và khi chia sẻ." value={p.values.summary} rows={3} error={err('summary')} />
          <TextArea id="bodyHtml" label="Nội dung" hint="Viết HTML đơn giản: <p>, <h2>, <ul>, <li>, <a href>, <img src alt>, <table>. Mã script, kiểu dáng và khung nhúng sẽ bị loại bỏ." value={p.values.bodyHtml} rows={14} error={err('bodyHtml')} />
          <Field id="authorName" label="Tác giả" value={p.values.authorName} error={err('authorName')} />
          <div class={err('cover') ? 'field has-error' : 'field'}>
            <label for="cover">Ảnh đại diện (không bắt buộc)</label>
            <span class="hint" id="cover-hint">Tệp JPEG, PNG hoặc WebP, tối đa 5 MB.</span>
            {err('cover') ? <span class="error-message" id="cover-error" safe>{err('cover')}</span> : ''}
            <input type="file" id="cover" name="cover" accept="image/jpeg,image/png,image/webp" aria-describedby={err('cover') ? 'cover-hint cover-error' : 'cover-hint'} />
          </div>
          {cover ? (
            <div class="field">
              <img class="thumb" src={cover} alt={a?.coverAlt ?? ''} />
              <div class="checkbox">
                <input type="checkbox" id="removeCover" name="removeCover" value="1" checked={p.values.removeCover} />
                <label for="removeCover">Bỏ ảnh đại diện</label>
              </div>
            </div>
          ) : (
            ''
          )}
          <Field id="coverAlt" label="Mô tả ảnh đại diện" hint="Bắt buộc khi có ảnh: mô tả nội dung ảnh cho người không xem được ảnh." value={p.values.coverAlt} error={err('coverAlt')} />
          <div class="actions">
            <button class="button" type="submit">{a ? 'Lưu thay đổi' : 'Lưu bản nháp'}</button>
            {a ? <a href={`/quan-tri/tin-bai/${a.id}/xem-truoc`}>Xem trước</a> : ''}
          </div>
        </form>
        {a ? <PublishForms a={a} status={p.status!} csrf={p.ctx.csrfToken} schedule={p.schedule} scheduleError={p.scheduleError} /> : ''}
        {a ? <RevisionList revisions={p.revisions} /> : ''}
      </>
    </Layout>
  );
}

function PublishForms(p: { a: Article; status: ArticleStatus; csrf: string; schedule: ScheduleValues; scheduleError?: string | undefined }) {
  return (
    <section aria-labelledby="publish-title">
      <h2 id="publish-title">Đăng bài</h2>
      {p.status !== 'published' ? (
        <form method="post" action={`/quan-tri/tin-bai/${p.a.id}/dang`}>
          <CsrfField token={p.csrf} />
          <button class="button" type="submit">Đăng ngay</button>
        </form>
      ) : (
        ''
      )}
      <form method="post" action={`/quan-tri/tin-bai/${p.a.id}/hen-gio`}>
        <CsrfField token={p.csrf} />
        <DateInput id="publishDate" legend="Hẹn giờ đăng: ngày" hint="Giờ Việt Nam. Bài tự hiện trên trang khi đến giờ." error={p.scheduleError} value={p.schedule} />
        <Field id="publishTime" label="Giờ đăng (giờ:phút)" hint="Ví dụ: 07:30" value={p.schedule.time} inputClass="short" />
        <button class="button secondary" type="submit">Hẹn giờ đăng</button>
      </form>
      {p.status !== 'draft' ? (
        <form method="post" action={`/quan-tri/tin-bai/${p.a.id}/go`}>
          <CsrfField token={p.csrf} />
          <button class="button danger" type="submit">Gỡ bài (chuyển về bản nháp)</button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}

function RevisionList({ revisions }: { revisions: ArticleRevision[] }) {
  return (
    <section aria-labelledby="revisions-title">
      <h2 id="revisions-title">Các lần lưu</h2>
      <ol class="timeline">
        {revisions.map((r) => (
          <li>
            <p safe>{`Lần ${r.revision}: ${r.title}`}</p>
            <p class="when" safe>{`${r.savedByName} · ${when(r.savedAt)}`}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
