import type { FieldError } from '../platform/http/index.js';
import { formatDateShort } from '../platform/i18n/text.js';
import type { PageContext } from '../web/context.js';
import { Layout } from '../web/layout.js';
import { Notice } from '../web/components/form.js';
import { Pagination } from '../web/components/pagination.js';
import type { ProcedureVersion } from './model.js';
import type { StoredVersion } from './store.js';
import { describeDocumentForm, describeFees, describeOnlineLevel, describeTimeLimit, describeTimeLimitShort } from './describe.js';

export interface CatalogListProps {
  ctx: PageContext;
  q: string;
  sector: string;
  sectors: Array<{ sector: string; count: number }>;
  items: ProcedureVersion[];
  total: number;
  page: number;
  pageSize: number;
}

export function CatalogListPage(p: CatalogListProps) {
  const query = (page: number) => {
    const params = new URLSearchParams();
    if (p.q) params.set('q', p.q);
    if (p.sector) params.set('linh-vuc', p.sector);
    if (page > 1) params.set('trang', String(page));
    const s = params.toString();
    return s ? `/thu-tuc?${s}` : '/thu-tuc';
  };
  return (
    <Layout ctx={p.ctx} title="Thủ tục hành chính">
      <>
        <h1>Thủ tục hành chính</h1>
        <form class="search" method="get" action="/thu-tuc" role="search">
          <div class="field">
            <label for="q">Tìm theo tên hoặc mã thủ tục</label>
            <span class="hint" id="q-hint">Có thể gõ không dấu, ví dụ: dang ky khai sinh</span>
            <input id="q" name="q" type="search" value={p.q} aria-describedby="q-hint" />
          </div>
          <div class="field">
            <label for="linh-vuc">Lĩnh vực</label>
            <select id="linh-vuc" name="linh-vuc">
              <option value="">Tất cả lĩnh vực</option>
              {p.sectors.map((s) => (
                <option value={s.sector} selected={s.sector === p.sector} safe>
                  {`${s.sector} (${s.count})`}
                </option>
              ))}
            </select>
          </div>
          <button class="button" type="submit">Tìm kiếm</button>
        </form>
        <p role="status" safe>
          {p.total ? `Tìm thấy ${p.total} thủ tục${p.q ? ` cho “${p.q}”` : ''}.` : `Không tìm thấy thủ tục nào${p.q ? ` cho “${p.q}”` : ''}. Hãy thử từ khóa khác.`}
        </p>
        <ul class="results">
          {p.items.map((v) => (
            <li>
              <a href={`/thu-tuc/${v.code}`} safe>
                {v.name}
              </a>
              <p class="meta" safe>
                {`Mã ${v.code} · ${v.sector} · Thời hạn: ${describeTimeLimitShort(v)}`}
              </p>
            </li>
          ))}
        </ul>
        <Pagination page={p.page} pageCount={Math.ceil(p.total / p.pageSize)} href={query} />
      </>
    </Layout>
  );
}

export function ProcedureDetailPage({ ctx, version, notice, canEdit }: { ctx: PageContext; version: StoredVersion; notice?: string; canEdit: boolean }) {
  const v = version.data;
  return (
    <Layout ctx={ctx} title={v.name}>
      <>
        <p>
          <a href="/thu-tuc">‹ Danh sách thủ tục</a>
        </p>
        {notice ? <Notice kind="success"><p safe>{notice}</p></Notice> : ''}
        <h1 safe>{v.name}</h1>
        <dl class="facts">
          <dt>Mã thủ tục</dt>
          <dd safe>{v.code}</dd>
          <dt>Lĩnh vực</dt>
          <dd safe>{v.sector}</dd>
          <dt>Cơ quan thực hiện</dt>
          <dd safe>{v.competentBody}</dd>
          <dt>Thời hạn giải quyết</dt>
          <dd safe>{describeTimeLimit(v) + (v.timeLimitNote ? `. ${v.timeLimitNote}` : '')}</dd>
          <dt>Phí, lệ phí</dt>
          <dd>
            <ul>
              {describeFees(v.fees).map((d) => (
                <li safe>{d}</li>
              ))}
            </ul>
            {v.fees.exemptions.length ? (
              <p safe>{`Miễn, giảm: ${v.fees.exemptions.join('; ')}`}</p>
            ) : (
              ''
            )}
            {v.fees.note ? <p safe>{v.fees.note}</p> : ''}
          </dd>
          <dt>Kết quả</dt>
          <dd safe>{v.resultType}</dd>
          <dt>Hình thức nộp</dt>
          <dd safe>{describeOnlineLevel(v)}</dd>
          <dt>Căn cứ pháp lý</dt>
          <dd>
            <ul>
              {v.legalBasis.map((l) => (
                <li safe>{l}</li>
              ))}
            </ul>
          </dd>
          <dt>Áp dụng từ ngày</dt>
          <dd safe>{`${formatDateShort(v.effectiveFrom)} (phiên bản ${version.version})`}</dd>
        </dl>
        <h2>Thành phần hồ sơ</h2>
        {v.requiredDocuments.length ? (
          <table class="stack">
            <caption>Giấy tờ cần nộp hoặc xuất trình</caption>
            <thead>
              <tr>
                <th scope="col">TT</th>
                <th scope="col">Tên giấy tờ</th>
                <th scope="col">Hình thức</th>
                <th scope="col" class="num">Số lượng</th>
              </tr>
            </thead>
            <tbody>
              {v.requiredDocuments.map((d, i) => (
                <tr>
                  <td data-label="TT">{i + 1}</td>
                  <td data-label="Tên giấy tờ" safe>
                    {d.name + (d.note ? ` (${d.note})` : '')}
                  </td>
                  <td data-label="Hình thức" safe>
                    {describeDocumentForm(d)}
                  </td>
                  <td data-label="Số lượng" class="num">
                    {d.count}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>Không yêu cầu giấy tờ.</p>
        )}
        {v.onlineLevel !== 'none' ? (
          ctx.principal ? (
            <form method="post" action="/ho-so-cua-toi/moi" class="actions">
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <input type="hidden" name="procedureCode" value={v.code} />
              <button class="button" type="submit">Nộp hồ sơ trực tuyến</button>
            </form>
          ) : (
            <p class="actions">
              <a class="button" href={`/dang-nhap?tiep=${encodeURIComponent(`/thu-tuc/${v.code}`)}`}>Đăng nhập để nộp hồ sơ trực tuyến</a>
              <a href="/dang-ky">Chưa có tài khoản? Đăng ký</a>
            </p>
          )
        ) : (
          <p>Thủ tục này chưa nhận hồ sơ trực tuyến; vui lòng nộp trực tiếp tại Trung tâm Phục vụ hành chính công xã.</p>
        )}
        {canEdit ? (
          <p class="actions">
            <a class="button secondary" href={`/quan-tri/thu-tuc/moi?ma=${encodeURIComponent(v.code)}`}>
              Tạo phiên bản mới
            </a>
          </p>
        ) : (
          ''
        )}
      </>
    </Layout>
  );
}

export type { FieldError };
