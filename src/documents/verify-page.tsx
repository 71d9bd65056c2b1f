import type { PageContext } from '../web/context.js';
import { Layout } from '../web/layout.js';
import { CsrfField, Notice } from '../web/components/form.js';
import { formatMomentVi } from '../platform/i18n/text.js';
import type { PdfSignatureReport } from '../signing/index.js';

export interface RegisterEntryView {
  numberText: string;
  signedAt: Date;
  kind: string;
  summary: string;
  signerName: string | null;
  unitName: string;
  downloadHref: string | null;
}

function RegisterEntry({ e }: { e: RegisterEntryView }) {
  return (
    <section aria-labelledby="entry-title" class="notice info">
      <h2 id="entry-title">Văn bản có trong sổ đăng ký văn bản đi</h2>
      <dl class="facts">
        <dt>Cơ quan ban hành</dt>
        <dd safe>{e.unitName}</dd>
        <dt>Số, ký hiệu</dt>
        <dd safe>{e.numberText}</dd>
        <dt>Ngày ký</dt>
        <dd safe>{formatMomentVi(e.signedAt)}</dd>
        <dt>Tên loại và trích yếu</dt>
        <dd safe>{`${e.kind}: ${e.summary}`}</dd>
        {e.signerName ? (
          <>
            <dt>Người ký</dt>
            <dd safe>{e.signerName}</dd>
          </>
        ) : ''}
      </dl>
      {e.downloadHref ? <p><a href={e.downloadHref}>Tải bản gốc điện tử (PDF)</a></p> : ''}
    </section>
  );
}

/** The public verification page: anyone uploads a PDF and sees, for each signature, whether it holds. */
export function VerifyPage({ ctx, results, alert, fileName, entry }: { ctx: PageContext; results: PdfSignatureReport[] | null; alert?: string; fileName?: string; entry?: RegisterEntryView | null }) {
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
        {entry ? <RegisterEntry e={entry} /> : ''}
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
                    <li safe>{`Người ký: ${r.signerName}${r.organisation && r.organisation !== r.signerName ? ` – ${r.organisation}` : ''}`}</li>
                    <li safe>{`Thời điểm ký: ${r.signingTime ? formatMomentVi(r.signingTime) : 'không rõ'}`}</li>
                    <li>{r.intact ? 'Nội dung được ký không bị thay đổi.' : 'Văn bản ĐÃ BỊ SỬA sau khi ký.'}</li>
                    <li>{r.coversWholeDocument ? 'Chữ ký bao trùm toàn bộ văn bản.' : 'Có nội dung được thêm sau chữ ký này.'}</li>
                    <li>{r.chainTrusted ? 'Chứng thư số thuộc tổ chức chứng thực được tin cậy.' : 'Chứng thư số không thuộc tổ chức chứng thực được tin cậy.'}</li>
                    {r.timestamp ? (
                      <li safe>{`Dấu thời gian (RFC 3161): ${formatMomentVi(r.timestamp.time)}${r.timestamp.tsaName ? ` do ${r.timestamp.tsaName} cấp` : ''} – ${r.timestamp.valid && r.timestamp.chainTrusted ? 'hợp lệ' : r.timestamp.valid ? 'đúng nhưng không được tin cậy' : 'KHÔNG hợp lệ'}`}</li>
                    ) : ''}
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
