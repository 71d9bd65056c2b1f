import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { CsrfField, Notice } from '../../web/components/form.js';
import { formatMomentVi } from '../../platform/i18n/text.js';
import type { OutgoingDocument } from '../register/store.js';
import { KIND_NAMES } from '../register/numbering.js';

const NOTICES: Record<string, { kind: 'success' | 'error' | 'warning'; text: string }> = {
  'da-ky': { kind: 'success', text: 'Đã ký số xong văn bản.' },
  loi: { kind: 'error', text: 'Ký lại vẫn chưa thành công; xem lý do trong bảng. Hệ thống sẽ tự thử lại.' },
  'bo-qua': { kind: 'warning', text: 'Văn bản đang được ký ở nơi khác hoặc đã ký xong.' },
};

/** Approved documents that are still unsigned: why, how many attempts, when the job tries again. */
export function StuckPage({ ctx, docs, notice }: { ctx: PageContext; docs: OutgoingDocument[]; notice?: string | undefined }) {
  const n = notice ? NOTICES[notice] : undefined;
  return (
    <Layout ctx={ctx} title="Văn bản chờ ký số">
      <>
        {n ? <Notice kind={n.kind}><p safe>{n.text}</p></Notice> : ''}
        <h1>Văn bản đã duyệt nhưng chưa ký số được</h1>
        <p>Văn bản ở đây đã được lãnh đạo phê duyệt nhưng việc ký số chưa thành công (ví dụ thiếu chứng thư số, thiết bị ký không kết nối). Hệ thống tự thử lại; bạn có thể cho ký lại ngay sau khi khắc phục.</p>
        {docs.length === 0 ? (
          <Notice kind="success"><p>Không có văn bản nào bị kẹt.</p></Notice>
        ) : (
          <div class="table-wrap">
            <table>
              <caption safe>{`${docs.length} văn bản chờ ký số`}</caption>
              <thead>
                <tr><th scope="col">Văn bản</th><th scope="col">Phê duyệt</th><th scope="col">Số lần thử</th><th scope="col">Lý do lần gần nhất</th><th scope="col">Thử lại lúc</th><th scope="col"><span class="visually-hidden">Thao tác</span></th></tr>
              </thead>
              <tbody>
                {docs.map((d) => {
                  const approved: string = d.approvedAt ? `${formatMomentVi(d.approvedAt)}${d.signerName ? ` – ${d.signerName}` : ''}` : '—';
                  const retryAt: string = d.nextAttemptAt ? formatMomentVi(d.nextAttemptAt) : '—';
                  return (
                  <tr>
                    <td safe>{`${KIND_NAMES[d.kind]}: ${d.summary}`}</td>
                    <td safe>{approved}</td>
                    <td safe>{String(d.signAttempts)}</td>
                    <td safe>{d.lastError ?? 'Chưa thử'}</td>
                    <td safe>{retryAt}</td>
                    <td>
                      <form method="post" action={`/quan-tri/van-ban-cho-ky/${d.unitId}/${d.id}/ky-lai`}>
                        <CsrfField token={ctx.csrfToken} />
                        <button class="button secondary" type="submit">Ký lại ngay</button>
                      </form>
                    </td>
                  </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </>
    </Layout>
  );
}
