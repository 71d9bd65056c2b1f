import type { PageContext } from '../web/context.js';
import { Layout } from '../web/layout.js';
import { CsrfField, Notice } from '../web/components/form.js';
import { formatMomentVi } from '../platform/i18n/text.js';
import type { PdfSignatureReport } from '../signing/index.js';

/** The public verification page: anyone uploads a PDF and sees, for each signature, whether it holds. */
export function VerifyPage({ ctx, results, alert, fileName }: { ctx: PageContext; results: PdfSignatureReport[] | null; alert?: string; fileName?: string }) {
  return (
    <Layout ctx={ctx} title="Kiểm tra chữ ký số">
      <>
        <h1>Kiểm tra chữ ký số trên văn bản</h1>
        <p>Tải lên tệp PDF để biết văn bản có chữ ký số hợp lệ, có bị sửa sau khi ký hay không, ai ký và ký lúc nào.</p>
        {alert ? <Notice kind="error"><p safe>{alert}</p></Notice> : ''}
        <form method="post" action="/kiem-tra-chu-ky" enctype="multipart/form-data">
          <CsrfField token={ctx.csrfToken} />
          <div class="field">
            <label for="file">Tệp PDF cần kiểm tra</label>
            <input id="file" name="file" type="file" accept="application/pdf" />
          </div>
          <button class="button" type="submit">Kiểm tra</button>
        </form>
        {results ? (
          <section aria-labelledby="result-title">
            <h2 id="result-title" safe>{`Kết quả cho tệp ${fileName ?? ''}`}</h2>
            {results.length === 0 ? <Notice kind="warning"><p>Tệp này không có chữ ký số.</p></Notice> : ''}
            {results.map((r, i) => {
              const ok = r.intact && r.signatureValid && r.chainTrusted;
              return (
                <div class={`notice ${ok ? 'success' : 'error'}`} role="status">
                  <h3 safe>{`Chữ ký ${i + 1}: ${ok ? 'hợp lệ' : r.intact && r.signatureValid ? 'đúng nhưng chứng thư không được tin cậy' : 'KHÔNG hợp lệ'}`}</h3>
                  <ul>
                    <li safe>{`Người ký: ${r.signerName}${r.organisation ? ` – ${r.organisation}` : ''}`}</li>
                    <li safe>{`Thời điểm ký: ${r.signingTime ? formatMomentVi(r.signingTime) : 'không rõ'}`}</li>
                    <li>{r.intact ? 'Nội dung được ký không bị thay đổi.' : 'Văn bản ĐÃ BỊ SỬA sau khi ký.'}</li>
                    <li>{r.coversWholeDocument ? 'Chữ ký bao trùm toàn bộ văn bản.' : 'Có nội dung được thêm sau chữ ký này.'}</li>
                    <li>{r.chainTrusted ? 'Chứng thư số thuộc tổ chức chứng thực được tin cậy.' : 'Chứng thư số không thuộc tổ chức chứng thực được tin cậy.'}</li>
                  </ul>
                </div>
              );
            })}
          </section>
        ) : (
          ''
        )}
      </>
    </Layout>
  );
}
