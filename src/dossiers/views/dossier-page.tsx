import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { CsrfField, Notice } from '../../web/components/form.js';
import { formatVnd } from '../../catalog/index.js';
import { CHANNEL_LABELS } from '../workflow/index.js';
import type { Dossier, DossierEvent } from '../model.js';
import { dossierRef } from '../model.js';
import type { Attachment } from '../attachments.js';
import { DossierNotifications, type NotificationLine } from '../../notifications/index.js';
import { ActionForm, type ActionFormProps } from './action-forms.js';
import { maskIdNumber, moment, RemainingTag, StatusTag, Timeline } from './parts.js';

export interface DossierPageProps {
  ctx: PageContext;
  dossier: Dossier;
  events: DossierEvent[];
  attachments: Attachment[];
  actions: ActionFormProps[];
  remaining: string;
  audience: 'staff' | 'applicant';
  assigneeName: string | null;
  notice?: string | undefined;
  alert?: string | undefined;
  uploadPath: string | null;
  printLinks: Array<{ href: string; label: string }>;
  /** The dossier's signed result document, once the leader approved. */
  result: ResultDocument | null;
  /** The fee section (payments/): amount, status, VietQR, collect forms, receipts; null without a fee to pay. */
  feeSection?: string | null;
  /** Messages to the applicant about this dossier and their delivery ("Thông báo đã gửi"). */
  notifications: NotificationLine[];
  /** The applicant's own draft: the form to complete it. */
  draftForm?: JSX.Element;
}

function Documents({ dossier, attachments, uploadPath, csrfToken, audience }: { dossier: Dossier; attachments: Attachment[]; uploadPath: string | null; csrfToken: string; audience: DossierPageProps['audience'] }) {
  const docs = dossier.procedure.requiredDocuments;
  const filesOf = (i: number | null) => attachments.filter((a) => a.documentIndex === i);
  const ref = dossierRef(dossier);
  const fileBase = audience === 'staff' ? `/can-bo/ho-so/${ref}/tep` : `/ho-so-cua-toi/${ref}/tep`;
  const FileList = ({ files }: { files: Attachment[] }) =>
    files.length ? (
      <ul>
        {files.map((f) => (
          <li>
            <a href={`${fileBase}/${f.id}`} safe>{f.fileName}</a>
            <span class="meta" safe>{` (${Math.ceil(f.sizeBytes / 1024)} KB${f.digitized ? ', bản số hóa' : ''})`}</span>
          </li>
        ))}
      </ul>
    ) : (
      <p class="meta">Chưa có tệp.</p>
    );
  return (
    <section aria-labelledby="docs-title">
      <h2 id="docs-title">Thành phần hồ sơ</h2>
      <ol>
        {docs.map((d, i) => (
          <li>
            <p safe>{`${d.name} (${d.count} ${d.form === 'original' ? 'bản chính' : d.form === 'show' ? 'xuất trình' : 'bản sao'})`}</p>
            <FileList files={filesOf(i)} />
          </li>
        ))}
      </ol>
      {filesOf(null).length ? (
        <>
          <h3>Giấy tờ khác</h3>
          <FileList files={filesOf(null)} />
        </>
      ) : (
        ''
      )}
      {uploadPath ? (
        <form method="post" action={uploadPath} enctype="multipart/form-data" class="upload">
          <CsrfField token={csrfToken} />
          <div class="field">
            <label for="documentIndex">Giấy tờ</label>
            <select id="documentIndex" name="documentIndex">
              {docs.map((d, i) => (
                <option value={String(i)} safe>{d.name.length > 90 ? d.name.slice(0, 88) + '…' : d.name}</option>
              ))}
              <option value="">Giấy tờ khác</option>
            </select>
          </div>
          <div class="field">
            <label for="file">Tệp (PDF, JPEG hoặc PNG, tối đa 10 MB)</label>
            <input id="file" name="file" type="file" accept="application/pdf,image/jpeg,image/png" />
          </div>
          {audience === 'staff' ? (
            <div class="checkbox">
              <input type="checkbox" id="digitized" name="digitized" value="true" />
              <label for="digitized">Bản số hóa từ giấy tờ gốc (scan tại quầy)</label>
            </div>
          ) : (
            ''
          )}
          <button class="button secondary" type="submit">Tải lên</button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}

const RETURN_LABELS: Record<string, string> = { counter: 'trực tiếp tại Trung tâm', online: 'trực tuyến', post: 'qua bưu chính công ích' };

const feeText = (d: Dossier): string =>
  d.fee ? `${formatVnd(d.fee.total)}${d.fee.total ? (d.feePaid ? ' – đã nộp' : ' – chưa nộp') : ''}` : 'Tính khi tiếp nhận';

export interface ResultDocument {
  signed: boolean;
  numberText: string | null;
  signedAt: Date | null;
  signerName: string | null;
  href: string | null;
  verifyHref: string;
  problem: string | null;
}

function ResultSection({ r }: { r: ResultDocument }) {
  return (
    <section aria-labelledby="result-doc-title" class="result-doc">
      <h2 id="result-doc-title">Kết quả giải quyết</h2>
      {r.signed ? (
        <>
          <p safe>{`Văn bản số ${r.numberText ?? ''}, ký số ngày ${moment(r.signedAt)}${r.signerName ? ` bởi ${r.signerName}` : ''}, có dấu của cơ quan.`}</p>
          <p>
            <a class="button" href={r.href ?? '#'} download="">Tải kết quả (PDF có chữ ký số)</a>{' '}
            <a href={r.verifyHref}>Kiểm tra chữ ký số</a>
          </p>
        </>
      ) : (
        <Notice kind="warning">
          <>
            <p>Kết quả đã được phê duyệt và đang chờ ký số; hệ thống sẽ tự ký lại trong ít phút.</p>
            {r.problem ? <p safe>{`Lần ký gần nhất không thành công: ${r.problem}`}</p> : ''}
          </>
        </Notice>
      )}
    </section>
  );
}

export function DossierPage(p: DossierPageProps) {
  const d = p.dossier;
  const title = d.code ? `Hồ sơ ${d.code}` : 'Hồ sơ nháp';
  return (
    <Layout ctx={p.ctx} title={title}>
      <>
        {p.notice ? <Notice kind="success"><p safe>{p.notice}</p></Notice> : ''}
        {p.alert ? <Notice kind="error"><p safe>{p.alert}</p></Notice> : ''}
        <h1 safe>{title}</h1>
        <p>
          <StatusTag dossier={d} /> <RemainingTag text={p.remaining} />
        </p>
        <div class="two-col">
          <div>
            <dl class="facts">
              <dt>Thủ tục</dt>
              <dd safe>{`${d.procedure.name} (${d.procedureCode})`}</dd>
              <dt>Người nộp</dt>
              <dd safe>{d.applicant.fullName}</dd>
              {p.audience === 'staff' && d.applicant.idNumber ? (
                <>
                  <dt>Số định danh</dt>
                  <dd safe>{maskIdNumber(d.applicant.idNumber)}</dd>
                </>
              ) : (
                ''
              )}
              <dt>Liên hệ</dt>
              <dd safe>{[d.applicant.phone, d.applicant.email, d.applicant.address].filter(Boolean).join(' · ') || '—'}</dd>
              <dt>Nội dung yêu cầu</dt>
              <dd safe>{d.request.content || '—'}</dd>
              <dt>Kênh nộp</dt>
              <dd safe>{CHANNEL_LABELS[d.channel]}</dd>
              <dt>Tiếp nhận lúc</dt>
              <dd safe>{moment(d.receivedAt)}</dd>
              <dt>Hẹn trả kết quả</dt>
              <dd safe>{moment(d.dueAt)}</dd>
              {p.assigneeName ? (
                <>
                  <dt>Chuyên viên xử lý</dt>
                  <dd safe>{p.assigneeName}</dd>
                </>
              ) : (
                ''
              )}
              <dt>Phí, lệ phí</dt>
              <dd safe>{feeText(d)}</dd>
              {d.returnedAt ? (
                <>
                  <dt>Trả kết quả</dt>
                  <dd safe>{`${moment(d.returnedAt)}${d.returnMethod ? ` – ${RETURN_LABELS[d.returnMethod] ?? d.returnMethod}` : ''}`}</dd>
                </>
              ) : (
                ''
              )}
              {d.rating ? (
                <>
                  <dt>Đánh giá</dt>
                  <dd safe>{`${d.rating}/5${d.ratingComment ? ` – ${d.ratingComment}` : ''}`}</dd>
                </>
              ) : (
                ''
              )}
            </dl>
            {p.draftForm ? (p.draftForm as 'safe') : ''}
            <Documents dossier={d} attachments={p.attachments} uploadPath={p.uploadPath} csrfToken={p.ctx.csrfToken} audience={p.audience} />
          </div>
          <div>
            {p.feeSection ? (p.feeSection as 'safe') : ''}
            {p.result ? <ResultSection r={p.result} /> : ''}
            <h2>Thao tác</h2>
            {p.actions.length ? p.actions.map((a) => <ActionForm {...a} />) : <p>Không có thao tác nào bạn có thể thực hiện với hồ sơ này lúc này.</p>}
            {p.printLinks.length ? (
              <>
                <h2>In giấy tờ</h2>
                <ul>
                  {p.printLinks.map((l) => (
                    <li>
                      <a href={l.href} safe>{l.label}</a>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              ''
            )}
          </div>
        </div>
        <h2>Quá trình xử lý</h2>
        <Timeline events={p.events} redacted={false} ownerUserId={d.ownerUserId} />
        <DossierNotifications items={p.notifications} audience={p.audience} />
      </>
    </Layout>
  );
}
