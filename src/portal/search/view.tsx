import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { Pagination } from '../../web/components/pagination.js';
import type { ProcedureVersion } from '../../catalog/index.js';
import { formatInteger } from '../../platform/i18n/text.js';
import { isoOf, when } from '../views/parts.js';
import type { ArticleHit } from './store.js';

export interface SearchPageProps {
  ctx: PageContext;
  q: string;
  page: number;
  pageCount: number;
  articles: { total: number; items: ArticleHit[] };
  procedures: { total: number; items: ProcedureVersion[] };
}

/** /tim-kiem: one form, then the two groups of results (Tin bài, Thủ tục), each paged by the same page number. */
export function SearchPage(p: SearchPageProps) {
  const searched = p.q.trim() !== '';
  const title = searched ? `Kết quả tìm kiếm: ${p.q}` : 'Tìm kiếm';
  return (
    <Layout ctx={p.ctx} title={p.page > 1 ? `${title} – trang ${p.page}` : title}>
      <>
        <h1>Tìm kiếm trên trang thông tin</h1>
        <form class="search" method="get" action="/tim-kiem" role="search">
          <div class="field">
            <label for="tim-kiem-q">Từ khóa</label>
            <span class="hint" id="tim-kiem-hint">Tìm trong tin bài và thủ tục hành chính. Có thể gõ không dấu.</span>
            <input id="tim-kiem-q" name="q" type="search" value={p.q} aria-describedby="tim-kiem-hint" maxlength="200" />
          </div>
          <button class="button" type="submit">Tìm kiếm</button>
        </form>
        {searched ? (
          <>
            <p role="status" safe>{`Tìm thấy ${formatInteger(p.articles.total)} tin bài và ${formatInteger(p.procedures.total)} thủ tục.`}</p>
            <section aria-labelledby="kq-tin-bai">
              <h2 id="kq-tin-bai" safe>{`Tin bài (${formatInteger(p.articles.total)})`}</h2>
              {p.articles.items.length ? (
                <ul class="results">
                  {p.articles.items.map((a) => (
                    <li>
                      <h3>
                        <a href={`/tin-tuc/${a.slug}`} safe>
                          {a.title}
                        </a>
                      </h3>
                      <p class="meta">
                        <span safe>{a.categoryName}</span> · <time datetime={isoOf(a.publishAt)} safe>{when(a.publishAt)}</time>
                      </p>
                      {a.summary ? <p safe>{a.summary}</p> : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{p.articles.total ? 'Không còn tin bài ở trang này.' : 'Không có tin bài nào phù hợp.'}</p>
              )}
            </section>
            <section aria-labelledby="kq-thu-tuc">
              <h2 id="kq-thu-tuc" safe>{`Thủ tục (${formatInteger(p.procedures.total)})`}</h2>
              {p.procedures.items.length ? (
                <ul class="results">
                  {p.procedures.items.map((v) => (
                    <li>
                      <h3>
                        <a href={`/thu-tuc/${encodeURIComponent(v.code)}`} safe>
                          {v.name}
                        </a>
                      </h3>
                      <p class="meta" safe>{`${v.sector} · Mã ${v.code}`}</p>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{p.procedures.total ? 'Không còn thủ tục ở trang này.' : 'Không có thủ tục nào phù hợp.'}</p>
              )}
            </section>
            <Pagination page={p.page} pageCount={p.pageCount} href={(n) => `/tim-kiem?q=${encodeURIComponent(p.q)}${n > 1 ? `&trang=${n}` : ''}`} />
          </>
        ) : (
          ''
        )}
      </>
    </Layout>
  );
}
