import type { PageContext } from './context.js';
import { CsrfField } from './components/form.js';
import { formatInteger } from '../platform/i18n/text.js';
import { ASSETS } from './assets.js';

interface NavItem {
  href: string;
  label: string;
  /** who sees the link: everyone, signed-in residents, or staff */
  for?: 'citizen' | 'staff';
}

const NAV: NavItem[] = [
  { href: '/', label: 'Trang chủ' },
  { href: '/tin-tuc', label: 'Tin tức' },
  { href: '/gioi-thieu', label: 'Giới thiệu' },
  { href: '/thu-tuc', label: 'Thủ tục hành chính' },
  { href: '/tra-cuu', label: 'Tra cứu hồ sơ' },
  { href: '/kiem-tra-chu-ky', label: 'Kiểm tra chữ ký số' },
  { href: '/ban-do', label: 'Bản đồ' },
  { href: '/ho-so-cua-toi', label: 'Hồ sơ của tôi', for: 'citizen' },
  { href: '/can-bo', label: 'Xử lý hồ sơ', for: 'staff' },
  { href: '/can-bo/van-ban-di', label: 'Văn bản đi', for: 'staff' },
  { href: '/bao-cao', label: 'Báo cáo', for: 'staff' },
  { href: '/can-bo/thu-phi', label: 'Thu phí, lệ phí', for: 'staff' },
  { href: '/quan-tri/lich', label: 'Lịch làm việc', for: 'staff' },
  { href: '/quan-tri/thu-tuc', label: 'Quản trị thủ tục', for: 'staff' },
  { href: '/quan-tri/thu-phi', label: 'Cấu hình thu phí', for: 'staff' },
  { href: '/quan-tri/ban-do', label: 'Bản đồ xã', for: 'staff' },
  { href: '/quan-tri/tin-bai', label: 'Tin bài', for: 'staff' },
];

const matches = (path: string, href: string): boolean => (href === '/' ? path === '/' : path === href || path.startsWith(href + '/'));

/** The navigation item of the page: the longest link the path falls under ("/can-bo/van-ban-di/5" → "Văn bản đi"). */
function isCurrent(path: string, href: string): boolean {
  if (!matches(path, href)) return false;
  return !NAV.some((n) => n.href.length > href.length && matches(path, n.href));
}

/**
 * `head`: extra elements of the page's <head> (canonical link, Open Graph tags); `description`: the page's
 * <meta name="description"> (what search engines show under the title).
 */
export function Layout({ ctx, title, description, children, head: safeHead }: { ctx: PageContext; title: string; description?: string; children: JSX.Element; head?: JSX.Element }) {
  const audience = ctx.principal?.accountType ?? null;
  const unitTitle = `UBND ${ctx.site.name}`;
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title safe>{`${title} – ${unitTitle}`}</title>
        {description ? <meta name="description" content={description} /> : ''}
        <link rel="stylesheet" href={ASSETS.css.url} />
        <link rel="icon" type="image/svg+xml" href={ASSETS.favicon.url} />
        <link rel="alternate" type="application/rss+xml" title={`Tin tức – ${unitTitle}`} href="/rss.xml" />
        {ctx.canonicalUrl ? <link rel="canonical" href={ctx.canonicalUrl} /> : ''}
        {safeHead}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Bỏ qua, đến nội dung chính
        </a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href="/">
              <span class="emblem" aria-hidden="true">
                ★
              </span>
              <span class="names">
                <span class="unit" safe>
                  {unitTitle}
                </span>
                <span class="parent" safe>
                  {ctx.site.parentName ?? ''}
                </span>
              </span>
            </a>
            <nav class="account" aria-label="Tài khoản">
              {ctx.principal ? (
                <>
                  <a class="who" href="/tai-khoan/doi-mat-khau" safe>
                    {ctx.principal.fullName}
                  </a>
                  <form method="post" action="/dang-xuat">
                    <CsrfField token={ctx.csrfToken} />
                    <button class="link-button" type="submit">
                      Đăng xuất
                    </button>
                  </form>
                </>
              ) : (
                <a href="/dang-nhap">Đăng nhập</a>
              )}
            </nav>
            <form class="site-search" method="get" action="/tim-kiem" role="search" aria-label="Tìm kiếm trên trang">
              <label class="visually-hidden" for="site-search-q">
                Tìm tin bài, thủ tục
              </label>
              <input id="site-search-q" name="q" type="search" placeholder="Tìm tin bài, thủ tục" maxlength="200" />
              <button type="submit">Tìm</button>
            </form>
          </div>
          <nav class="main-nav" aria-label="Điều hướng chính">
            <ul>
              {NAV.filter((n) => !n.for || n.for === audience).map((n) => (
                <li>
                  <a href={n.href} aria-current={isCurrent(ctx.path, n.href) ? 'page' : undefined} safe>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" class="container" tabindex="-1">
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p safe>{`Ủy ban nhân dân ${ctx.site.name}${ctx.site.parentName ? ', ' + ctx.site.parentName : ''}`}</p>
            <p>Trung tâm Phục vụ hành chính công xã – làm việc từ thứ Hai đến thứ Sáu, 07 giờ 30 – 17 giờ 00.</p>
            <p>
              <a href="/minh-bach">Kết quả giải quyết thủ tục hành chính</a>
            </p>
            {ctx.visitors ? (
              <p class="visitors" safe>{`Lượt truy cập: ${formatInteger(ctx.visitors.total)} · Đang trực tuyến: ${formatInteger(ctx.visitors.online)}`}</p>
            ) : (
              ''
            )}
            <p>
              Xã Số – phần mềm mã nguồn mở. <a href="/api/openapi.json">API</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
