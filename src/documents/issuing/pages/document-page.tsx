import type { FieldError } from '../../../platform/http/index.js';
import type { PageContext } from '../../../web/context.js';
import { Layout } from '../../../web/layout.js';
import { CsrfField, Notice, TextArea } from '../../../web/components/form.js';
import type { OfficialDocument } from '../../official/model.js';
import { KIND_NAMES } from '../../register/numbering.js';
import { numberAndSymbol, type OutgoingDocument } from '../../register/store.js';
import { moment, OutgoingStateTag } from './parts.js';

export interface PageNotice {
  kind: 'success' | 'warning' | 'error' | 'info';
  text: string;
}

export interface DocumentPageProps {
  ctx: PageContext;
  doc: OutgoingDocument;
  model: OfficialDocument | null;
  creatorName: string | null;
  /** What this person may do now. */
  can: { edit: boolean; submit: boolean; approve: boolean; publish: boolean; seeStuck: boolean };
  notice?: PageNotice | undefined;
  /** Errors of the send-back form (its note), with the note typed. */
  errors: FieldError[];
  values: { note?: string; deliveryNote?: string };
  /** Absolute public links of a published document. */
  publicLinks: { pdf: string; verify: string } | null;
}

function Facts({ doc, model, creatorName }: Pick<DocumentPageProps, 'doc' | 'model' | 'creatorName'>) {
  const addressees = (model?.salutation ?? '')
    .replace(/^Kính gửi:\s*/u, '')
    .split('\n')
    .map((l) => l.trim().replace(/^-\s*/u, '').replace(/[;.]$/u, ''))
    .filter((l) => l !== '');
  const authority = model?.signature.authority?.split('\n').join(' – ') ?? '';
  const authorityText: string = authority ? `${authority}, ${model?.signature.title ?? ''}` : '—';
  return (
    <dl class="facts">
      <dt>Loại văn bản</dt>
      <dd safe>{KIND_NAMES[doc.kind]}</dd>
      <dt>Số, ký hiệu</dt>
      <dd safe>{numberAndSymbol(doc) ?? `Chưa cấp số (…/${doc.symbol})`}</dd>
      <dt>Trích yếu</dt>
      <dd safe>{doc.summary}</dd>
      {addressees.length ? (
        <>
          <dt>Kính gửi</dt>
          <dd>
            <ul class="plain">
              {addressees.map((a) => (
                <li safe>{a}</li>
              ))}
            </ul>
          </dd>
        </>
      ) : (
        ''
      )}
      <dt>Nơi nhận</dt>
      <dd>
        {doc.recipients.length ? (
          <ul class="plain">
            {doc.recipients.map((r) => (
              <li safe>{r}</li>
            ))}
          </ul>
        ) : (
          'Chưa ghi nơi nhận'
        )}
      </dd>
      <dt>Thẩm quyền ký</dt>
      <dd safe>{authorityText}</dd>
      <dt>Số lượng bản</dt>
      <dd safe>{String(doc.copies)}</dd>
      <dt>Người soạn</dt>
      <dd safe>{`${creatorName ?? '—'}, ${moment(doc.createdAt)}`}</dd>
      {doc.approvedAt ? (
        <>
          <dt>Lãnh đạo duyệt</dt>
          <dd safe>{`${doc.signerName ?? '—'}, ${moment(doc.approvedAt)}`}</dd>
        </>
      ) : (
        ''
      )}
      {doc.signedAt ? (
        <>
          <dt>Ký số</dt>
          <dd safe>{moment(doc.signedAt)}</dd>
        </>
      ) : (
        ''
      )}
      {doc.publishedAt ? (
        <>
          <dt>Phát hành</dt>
          <dd safe>{`${moment(doc.publishedAt)}${doc.deliveryNote ? ` – ${doc.deliveryNote}` : ''}`}</dd>
        </>
      ) : (
        ''
      )}
    </dl>
  );
}

/** The body as the PDF lays it out: headings bold and centred, "Điều N." bold, "Căn cứ …" italic, lists as "- …" lines. */
function Content({ model }: { model: OfficialDocument | null }) {
  const paragraphs = (model?.body ?? []).flatMap((b) =>
    (Array.isArray(b.text) ? b.text : [b.text]).map((t) => ({ kind: b.kind, italic: b.italic === true, text: b.kind === 'list' ? `- ${t}` : t })),
  );
  return (
    <section aria-labelledby="content-title">
      <h2 id="content-title">Nội dung</h2>
      {paragraphs.length ? (
        <div class="doc-text">
          {paragraphs.map((b) => {
            if (b.kind === 'heading') return <p class="heading" safe>{b.text}</p>;
            const article = b.kind === 'article' ? /^(Điều\s+\d+\.)\s*(.*)$/su.exec(b.text) : null;
            if (article) {
              return (
                <p>
                  <strong safe>{article[1]}</strong> <span safe>{article[2]}</span>
                </p>
              );
            }
            return <p class={b.italic ? 'italic' : undefined} safe>{b.text}</p>;
          })}
        </div>
      ) : (
        <p>Không đọc được nội dung văn bản.</p>
      )}
    </section>
  );
}

function PublishedLinks({ links }: { links: { pdf: string; verify: string } }) {
  return (
    <section aria-labelledby="links-title">
      <h3 id="links-title">Đường dẫn gửi nơi nhận</h3>
      <p>Nơi nhận tải văn bản có chữ ký số không cần đăng nhập; mã QR trên văn bản mở trang kiểm tra chữ ký.</p>
      <dl class="links">
        <dt>Tải văn bản (PDF)</dt>
        <dd><a class="url" href={links.pdf} safe>{links.pdf}</a></dd>
        <dt>Kiểm tra chữ ký số</dt>
        <dd><a class="url" href={links.verify} safe>{links.verify}</a></dd>
      </dl>
    </section>
  );
}

function Actions(p: DocumentPageProps) {
  const { doc, can } = p;
  const base = `/can-bo/van-ban-di/${doc.id}`;
  const token = p.ctx.csrfToken;
  const err = (k: string) => p.errors.find((e) => e.param === k)?.message;
  return (
    <>
      {doc.state === 'signed' ? (
        <p>
          <a class="button" href={`${base}.pdf`} download="">Tải văn bản đã ký số (PDF)</a>
        </p>
      ) : (
        <p>
          <a href={`${base}.pdf`}>Xem bản nháp (PDF, chưa có chữ ký)</a>
        </p>
      )}
      {doc.state === 'draft' && can.edit ? (
        <p>
          <a class="button secondary" href={`${base}/sua`}>Sửa bản nháp</a>
        </p>
      ) : (
        ''
      )}
      {doc.state === 'draft' && can.submit ? (
        <form method="post" action={`${base}/trinh-ky`}>
          <CsrfField token={token} />
          <p class="meta">Gửi văn bản cho lãnh đạo duyệt và ký số. Sau khi trình, bản nháp không sửa được nữa trừ khi lãnh đạo trả lại.</p>
          <button class="button" type="submit">Trình ký</button>
        </form>
      ) : (
        ''
      )}
      {doc.state === 'awaitingApproval' && can.approve ? (
        <>
          <form method="post" action={`${base}/duyet`}>
            <CsrfField token={token} />
            <p class="meta">Văn bản được cấp số trong sổ, ký số bằng chứng thư số của bạn và đóng dấu số của cơ quan.</p>
            <button class="button" type="submit">Duyệt và ký số</button>
          </form>
          <details class="action" open={p.errors.some((e) => e.param === 'note')}>
            <summary>Trả lại</summary>
            <form method="post" action={`${base}/tra-lai`} novalidate>
              <CsrfField token={token} />
              <TextArea id="note" label="Ý kiến của lãnh đạo" hint="Ghi rõ cần sửa gì; người soạn sẽ thấy ý kiến này trên văn bản." rows={3} value={p.values.note ?? ''} error={err('note')} />
              <button class="button secondary" type="submit">Trả lại</button>
            </form>
          </details>
        </>
      ) : (
        ''
      )}
      {doc.state === 'awaitingApproval' && !can.approve ? <p>Văn bản đang chờ lãnh đạo duyệt và ký số.</p> : ''}
      {doc.state === 'awaitingSignature' ? (
        <Notice kind="warning">
          <>
            <p>Lãnh đạo đã duyệt; việc ký số chưa xong. Hệ thống sẽ tự ký lại.</p>
            {doc.lastError ? <p safe>{`Lần ký gần nhất không thành công: ${doc.lastError}`}</p> : ''}
            {doc.nextAttemptAt ? <p safe>{`Lần thử tiếp theo: ${moment(doc.nextAttemptAt)}.`}</p> : ''}
            {can.seeStuck ? (
              <p>
                <a href="/quan-tri/van-ban-cho-ky">Xem danh sách văn bản chờ ký số và ký lại</a>
              </p>
            ) : (
              ''
            )}
          </>
        </Notice>
      ) : (
        ''
      )}
      {doc.state === 'signed' && !doc.publishedAt && can.publish ? (
        <form method="post" action={`${base}/phat-hanh`} novalidate>
          <CsrfField token={token} />
          <TextArea id="deliveryNote" label="Ghi chú phát hành (không bắt buộc)" hint="Cách chuyển văn bản, ví dụ: Gửi qua hệ thống quản lý văn bản và thư điện tử công vụ." rows={2} value={p.values.deliveryNote ?? ''} error={err('deliveryNote')} />
          <button class="button" type="submit">Phát hành</button>
        </form>
      ) : (
        ''
      )}
      {doc.state === 'signed' && !doc.publishedAt && !can.publish ? <p>Văn thư sẽ phát hành văn bản đến nơi nhận.</p> : ''}
      {p.publicLinks ? <PublishedLinks links={p.publicLinks} /> : ''}
    </>
  );
}

/** /can-bo/van-ban-di/:id: one outgoing document, its state and what can be done with it now. */
export function OutgoingDocumentPage(p: DocumentPageProps) {
  const { doc } = p;
  const number = numberAndSymbol(doc);
  const title = number ? `${KIND_NAMES[doc.kind]} số ${number}` : `${KIND_NAMES[doc.kind]} (bản nháp)`;
  return (
    <Layout ctx={p.ctx} title={title}>
      <>
        <p><a href="/can-bo/van-ban-di">Danh sách văn bản đi</a></p>
        {p.notice ? <Notice kind={p.notice.kind}><p safe>{p.notice.text}</p></Notice> : ''}
        <h1 safe>{title}</h1>
        <p>
          <OutgoingStateTag doc={doc} />
        </p>
        {doc.state === 'draft' && doc.note ? (
          <Notice kind="warning">
            <>
              <p><strong>Lãnh đạo trả lại văn bản với ý kiến:</strong></p>
              <p class="leader-note" safe>{doc.note}</p>
              <p>Sửa bản nháp theo ý kiến trên rồi trình ký lại.</p>
            </>
          </Notice>
        ) : (
          ''
        )}
        <div class="two-col">
          <div>
            <Facts doc={doc} model={p.model} creatorName={p.creatorName} />
            <Content model={p.model} />
          </div>
          <div>
            <h2>Thao tác</h2>
            <Actions {...p} />
          </div>
        </div>
      </>
    </Layout>
  );
}
