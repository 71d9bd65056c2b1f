import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { Pagination } from '../../web/components/pagination.js';
import type { Article, Category } from '../articles/model.js';
import type { PortalPage } from '../pages/store.js';
import { attributeText } from '../../web/components/attribute.js';
import { ArticleItem, SafeBody, categoryHref, coverSrc, isoOf, when } from './parts.js';

/** /tin-tuc and /chuyen-muc/<slug>: the latest articles, newest first, with page links. */
export function NewsListPage(p: { ctx: PageContext; title: string; categories: Category[]; current: string | null; articles: Article[]; page: number; pageCount: number; baseHref: string }) {
  return (
    <Layout ctx={p.ctx} title={p.page > 1 ? `${p.title} – trang ${p.page}` : p.title}>
      <>
        <h1 safe>{p.title}</h1>
        <nav aria-label="Chuyên mục">
          <ul class="queues">
            <li>
              <a href="/tin-tuc" aria-current={p.current === null ? 'page' : undefined}>
                Tất cả
              </a>
            </li>
            {p.categories.map((c) => (
              <li>
                <a href={categoryHref(c.slug)} aria-current={p.current === c.slug ? 'page' : undefined} safe>
                  {c.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {p.articles.length ? (
          <ul class="results">
            {p.articles.map((a) => (
              <ArticleItem a={a} />
            ))}
          </ul>
        ) : (
          <p>Chưa có bài viết nào trong mục này.</p>
        )}
        <Pagination page={p.page} pageCount={p.pageCount} href={(n) => (n === 1 ? p.baseHref : `${p.baseHref}?trang=${n}`)} />
      </>
    </Layout>
  );
}

/** Canonical link and Open Graph tags of an article. */
function ArticleHead({ a, url, imageUrl, siteName }: { a: Article; url: string; imageUrl: string | null; siteName: string }) {
  return (
    <>
      <link rel="canonical" href={url} />
      <meta name="description" content={attributeText(a.summary || a.title)} />
      <meta property="og:type" content="article" />
      <meta property="og:title" content={attributeText(a.title)} />
      <meta property="og:description" content={attributeText(a.summary || a.title)} />
      <meta property="og:url" content={url} />
      <meta property="og:site_name" content={siteName} />
      <meta property="og:locale" content="vi_VN" />
      {imageUrl ? <meta property="og:image" content={imageUrl} /> : ''}
      {a.coverAlt && imageUrl ? <meta property="og:image:alt" content={attributeText(a.coverAlt)} /> : ''}
      <meta property="article:published_time" content={isoOf(a.publishAt)} />
    </>
  );
}

/** /tin-tuc/<slug>: one article; also the editor's preview (`preview` shows a banner and no canonical tags). */
export function ArticlePage(p: { ctx: PageContext; a: Article; baseUrl: string; preview?: JSX.Element; feedback?: JSX.Element }) {
  const { a } = p;
  const safePreview = p.preview ?? '';
  // ratings and comments (portal/feedback), rendered with escaping there
  const safeFeedback = p.feedback ?? '';
  const cover = coverSrc(a);
  const url = `${p.baseUrl}/tin-tuc/${a.slug}`;
  const head = p.preview ? <meta name="robots" content="noindex" /> : <ArticleHead a={a} url={url} imageUrl={cover ? p.baseUrl + cover : null} siteName={`UBND ${p.ctx.site.name}`} />;
  return (
    <Layout ctx={p.ctx} title={a.title} head={head}>
      <>
      <article class="article">
        {safePreview}
        <p class="meta">
          <a href={categoryHref(a.categorySlug)} safe>
            {a.categoryName}
          </a>
        </p>
        <h1 safe>{a.title}</h1>
        <p class="meta">
          <span safe>{`Tác giả: ${a.authorName}`}</span>
          {a.publishAt ? (
            <>
              {' · Đăng lúc '}
              <time datetime={isoOf(a.publishAt)} safe>
                {when(a.publishAt)}
              </time>
            </>
          ) : (
            ''
          )}
        </p>
        {a.summary ? (
          <p class="lead" safe>
            {a.summary}
          </p>
        ) : (
          ''
        )}
        {cover ? (
          <figure class="cover">
            <img src={cover} alt={a.coverAlt ?? ''} />
          </figure>
        ) : (
          ''
        )}
        <SafeBody html={a.bodyHtml} />
        <p class="actions">
          <a href="/tin-tuc">‹ Xem các tin khác</a>
        </p>
      </article>
      {safeFeedback}
      </>
    </Layout>
  );
}

/** /gioi-thieu: the introduction pages (Decree 224/2026 art. 9(1)(c)). */
export function PagesIndexPage({ ctx, pages }: { ctx: PageContext; pages: PortalPage[] }) {
  return (
    <Layout ctx={ctx} title="Giới thiệu">
      <>
        <h1 safe>{`Giới thiệu ${ctx.site.name}`}</h1>
        <ul class="cards">
          {pages.map((pg) => (
            <li>
              <h2 class="item-title">
                <a href={`/gioi-thieu/${pg.slug}`} safe>
                  {pg.title}
                </a>
              </h2>
            </li>
          ))}
        </ul>
      </>
    </Layout>
  );
}

export function PortalPageView({ ctx, page }: { ctx: PageContext; page: PortalPage }) {
  return (
    <Layout ctx={ctx} title={page.title}>
      <article class="article">
        <p class="meta">
          <a href="/gioi-thieu">Giới thiệu</a>
        </p>
        <h1 safe>{page.title}</h1>
        <SafeBody html={page.bodyHtml} />
        <p class="meta" safe>{`Cập nhật lúc ${when(page.updatedAt)}`}</p>
      </article>
    </Layout>
  );
}
