import type { PageContext } from '../web/context.js';
import { Layout } from '../web/layout.js';
import type { Article } from './articles/model.js';
import { ArticleItem } from './views/parts.js';
import type { PublicFigures } from '../reports/transparency.js';
import { TransparencyFigureCards } from '../reports/pages/transparency-page.js';

/** A list of the latest articles with a link to the rest, or a line saying there is none yet. */
function LatestArticles({ id, title, articles, more }: { id: string; title: string; articles: Article[]; more: string }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} safe>{title}</h2>
      {articles.length ? (
        <ul class="results">
          {articles.map((a) => (
            <ArticleItem a={a} level={3} />
          ))}
        </ul>
      ) : (
        <p>Chưa có bài viết.</p>
      )}
      <p>
        <a href={more} safe>{`Xem tất cả: ${title}`}</a>
      </p>
    </section>
  );
}

/** The home page's meta description: whose site it is and what it offers. */
export function homeDescription(ctx: PageContext): string {
  const unit = `UBND ${ctx.site.name}${ctx.site.parentName ? `, ${ctx.site.parentName}` : ''}`;
  return `Trang thông tin điện tử ${unit}: tin tức, thông báo, thủ tục hành chính, tra cứu hồ sơ và giờ làm việc của Trung tâm Phục vụ hành chính công xã.`;
}

/** The home page's links to the services a resident uses online. */
const QUICK_LINKS = [
  { href: '/thu-tuc', label: 'Nộp hồ sơ trực tuyến' },
  { href: '/ho-so-cua-toi', label: 'Hồ sơ của tôi' },
  { href: '/dang-ky', label: 'Đăng ký tài khoản' },
  { href: '/tra-cuu', label: 'Tra cứu hồ sơ' },
  { href: '/kiem-tra-chu-ky', label: 'Kiểm tra văn bản ký số' },
  { href: '/minh-bach', label: 'Công khai kết quả giải quyết' },
];

export interface HomePageProps {
  ctx: PageContext;
  sectors: Array<{ sector: string; count: number }>;
  news?: Article[];
  notices?: Article[];
  /** this year's public figures of the site's unit (from the reports) */
  figures?: PublicFigures | null;
}

export function HomePage({ ctx, sectors, news = [], notices = [], figures = null }: HomePageProps) {
  return (
    <Layout ctx={ctx} title="Trang chủ" description={homeDescription(ctx)}>
      <>
        <h1 safe>{`Dịch vụ công ${ctx.site.name}`}</h1>
        {ctx.site.formerNames.length ? (
          <p safe>{`${ctx.site.name} được sắp xếp từ ngày 01/07/2025 trên cơ sở các đơn vị trước đây: ${ctx.site.formerNames.join(', ')}.`}</p>
        ) : (
          ''
        )}
        <p>
          Tìm hiểu thủ tục hành chính, giấy tờ cần chuẩn bị, thời hạn giải quyết và phí, lệ phí trước khi đến Trung tâm
          Phục vụ hành chính công xã.
        </p>
        <nav aria-labelledby="dich-vu">
          <h2 id="dich-vu">Dịch vụ trực tuyến</h2>
          <ul class="quick-links">
            {QUICK_LINKS.map((l) => (
              <li>
                <a href={l.href} safe>{l.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="two-col">
          <form class="search" method="get" action="/thu-tuc" role="search" aria-labelledby="tim-thu-tuc">
            <h2 id="tim-thu-tuc">Tìm thủ tục</h2>
            <div class="field">
              <label for="q">Tên thủ tục hoặc lĩnh vực</label>
              <span class="hint" id="q-hint">Ví dụ: khai sinh, chứng thực, kết hôn. Có thể gõ không dấu.</span>
              <input id="q" name="q" type="search" aria-describedby="q-hint" />
            </div>
            <button class="button" type="submit">Tìm kiếm</button>
          </form>
          <form class="search" method="get" action="/tra-cuu" role="search" aria-labelledby="tra-cuu-ho-so">
            <h2 id="tra-cuu-ho-so">Tra cứu hồ sơ</h2>
            <div class="field">
              <label for="ma">Mã hồ sơ</label>
              <span class="hint" id="ma-hint">In trên Giấy tiếp nhận hồ sơ, ví dụ H42.18202-260213-0001</span>
              <input id="ma" name="ma" type="search" aria-describedby="ma-hint" autocomplete="off" />
            </div>
            <div class="field">
              <label for="sdt">4 số cuối điện thoại người nộp (không bắt buộc)</label>
              <input id="sdt" name="sdt" type="text" inputmode="numeric" class="short" autocomplete="off" />
            </div>
            <button class="button" type="submit">Tra cứu</button>
          </form>
        </div>
        <div class="two-col">
          <LatestArticles id="tin-moi" title="Tin mới" articles={news} more="/tin-tuc" />
          <LatestArticles id="thong-bao" title="Thông báo" articles={notices} more="/chuyen-muc/thong-bao" />
        </div>
        {figures ? (
          <section aria-labelledby="ket-qua">
            <h2 id="ket-qua" safe>{`Kết quả giải quyết thủ tục hành chính năm ${figures.year}`}</h2>
            <TransparencyFigureCards f={figures} />
            <p>
              <a href="/minh-bach">Xem chi tiết theo tháng</a>
            </p>
          </section>
        ) : (
          ''
        )}
        <h2>Lĩnh vực thủ tục</h2>
        <ul class="cards">
          {sectors.map((s) => (
            <li>
              <h3>
                <a href={`/thu-tuc?linh-vuc=${encodeURIComponent(s.sector)}`} safe>
                  {s.sector}
                </a>
              </h3>
              <p safe>{`${s.count} thủ tục`}</p>
            </li>
          ))}
        </ul>
        <h2>Giờ làm việc</h2>
        <p>
          Thứ Hai đến thứ Sáu: sáng 07 giờ 30 – 11 giờ 30, chiều 13 giờ 30 – 17 giờ 00 (trừ ngày nghỉ lễ, Tết). Hồ sơ nộp
          sau 15 giờ 00 được tính là nhận vào ngày làm việc tiếp theo.
        </p>
      </>
    </Layout>
  );
}
