/** Page links; renders nothing for a single page. */
export function Pagination({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return '';
  const pages = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  return (
    <nav aria-label="Phân trang">
      <ul class="pagination">
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              ‹ Trang trước
            </a>
          </li>
        ) : (
          ''
        )}
        {pages.map((n) => (
          <li>
            {n === page ? (
              <span aria-current="page">{n}</span>
            ) : (
              <a href={href(n)} aria-label={`Trang ${n}`}>
                {n}
              </a>
            )}
          </li>
        ))}
        {page < pageCount ? (
          <li>
            <a href={href(page + 1)} rel="next">
              Trang sau ›
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
    </nav>
  );
}
