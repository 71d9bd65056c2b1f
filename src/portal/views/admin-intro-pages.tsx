import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { CsrfField, ErrorSummary, Field, Notice, TextArea } from '../../web/components/form.js';
import type { FieldError } from '../../platform/http/index.js';
import type { PortalPage } from '../pages/store.js';
import { when } from './parts.js';

/** /quan-tri/trang: the introduction pages, for editors. */
export function IntroPagesAdminPage({ ctx, pages }: { ctx: PageContext; pages: PortalPage[] }) {
  return (
    <Layout ctx={ctx} title="Trang giới thiệu">
      <>
        <p>
          <a href="/quan-tri/tin-bai">‹ Tin bài</a>
        </p>
        <h1>Trang giới thiệu</h1>
        <p>Các trang Nghị định 224/2026/NĐ-CP yêu cầu xã công khai. Cập nhật ngay khi thông tin thay đổi.</p>
        <ul class="results">
          {pages.map((p) => (
            <li>
              <a href={`/quan-tri/trang/${p.id}`} safe>
                {p.title}
              </a>
              <p class="meta" safe>{`Cập nhật lúc ${when(p.updatedAt)}`}</p>
            </li>
          ))}
        </ul>
      </>
    </Layout>
  );
}

export interface IntroPageValues {
  title: string;
  bodyHtml: string;
  sortOrder: string;
}

export function IntroPageForm(p: { ctx: PageContext; page: PortalPage; values: IntroPageValues; errors: FieldError[]; saved?: boolean }) {
  const err = (param: string) => p.errors.find((e) => e.param === param)?.message;
  return (
    <Layout ctx={p.ctx} title={`Sửa trang: ${p.page.title}`}>
      <>
        <p>
          <a href="/quan-tri/trang">‹ Trang giới thiệu</a>
        </p>
        <h1>Sửa trang giới thiệu</h1>
        {p.saved ? (
          <Notice kind="success">
            <p>Đã lưu trang.</p>
          </Notice>
        ) : (
          ''
        )}
        <ErrorSummary errors={p.errors} />
        <p>
          Địa chỉ trang: <a href={`/gioi-thieu/${p.page.slug}`} safe>{`/gioi-thieu/${p.page.slug}`}</a>
        </p>
        <form method="post" action={`/quan-tri/trang/${p.page.id}`} novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          <Field id="title" label="Tiêu đề" value={p.values.title} error={err('title')} />
          <TextArea id="bodyHtml" label="Nội dung" hint="HTML đơn giản như ở bài viết; mã script và kiểu dáng bị loại bỏ." value={p.values.bodyHtml} rows={16} error={err('bodyHtml')} />
          <Field id="sortOrder" label="Thứ tự" type="number" value={p.values.sortOrder} error={err('sortOrder')} inputClass="short" />
          <div class="actions">
            <button class="button" type="submit">Lưu trang</button>
          </div>
        </form>
      </>
    </Layout>
  );
}
