/**
 * /can-bo/thu-phi/doi-soat — reconciling VietQR transfers: upload the fee account's statement, see what was matched
 * (with the receipts issued), and deal with each line that was not: match it by hand to a dossier, or mark it as not a
 * fee with a note. Plain forms (no JavaScript needed); tables stack into cards on a phone.
 */
import type { FieldError } from '../../platform/http/index.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { FactList } from '../../web/components/facts.js';
import { CsrfField, ErrorSummary, Field, Notice, TextArea, UnitChooser } from '../../web/components/form.js';
import { TableHead } from '../../web/components/table.js';
import { formatVnd } from '../../catalog/index.js';
import { formatVnDate, formatNumberVn, pad2, vnParts } from '../../documents/text.js';
import { receiptLabel } from '../model.js';
import { FeePagesNav } from '../reports/pages.js';
import type { ImportResult } from '../reconcile/import.js';
import type { ListedLine } from '../reconcile/lines.js';
import { MAX_STATEMENT_BYTES, MAX_STATEMENT_LINES } from '../reconcile/statement.js';

export const RECONCILE_PATH = '/can-bo/thu-phi/doi-soat';

/** A refused action on one line: which form field, its message, and what was typed. */
export interface LineError {
  lineId: number;
  field: 'ma-ho-so' | 'ghi-chu';
  message: string;
  code: string;
  note: string;
}

export interface ReconcilePageProps {
  ctx: PageContext;
  unitCode: string;
  unitChoices: Array<{ value: string; label: string }>;
  scopeError?: string | undefined;
  /** The upload form and the line forms: a receptionist or administrator of the unit shown. */
  canAct: boolean;
  /** Lines of several units are listed (a province administrator's view). */
  several: boolean;
  unmatched: ListedLine[];
  unmatchedTotal: number;
  matched: ListedLine[];
  ignored: ListedLine[];
  result?: { fileName: string; import: ImportResult } | undefined;
  uploadError?: string | undefined;
  lineError?: LineError | undefined;
  notice?: string | undefined;
}

/** "05/01/2026 14 giờ 30" (the time only when the bank gave one). */
function bookedText(d: Date): string {
  const p = vnParts(d);
  return p.hour || p.minute ? `${formatVnDate(d)} ${pad2(p.hour)} giờ ${pad2(p.minute)}` : formatVnDate(d);
}

/** "Tự động", or "Khớp tay: <officer> (<note>)". */
const howMatched = (l: ListedLine): string => (l.status === 'resolved' ? `Khớp tay: ${l.resolvedByName ?? ''}${l.note ? ` (${l.note})` : ''}` : 'Tự động');

const lineFieldId = (e: Pick<LineError, 'lineId' | 'field'>) => `${e.field}-${e.lineId}`;

function UploadForm({ p }: { p: ReconcilePageProps }) {
  const describedBy = `file-hint${p.uploadError ? ' file-error' : ''}`;
  return (
    <section aria-labelledby="upload-title">
      <h2 id="upload-title">Nhập sao kê tài khoản thu phí</h2>
      <form method="post" action={RECONCILE_PATH} enctype="multipart/form-data">
        <CsrfField token={p.ctx.csrfToken} />
        <input type="hidden" name="don-vi" value={p.unitCode} />
        <div class={p.uploadError ? 'field has-error' : 'field'}>
          <label for="file">Tệp sao kê (Excel .xlsx hoặc CSV)</label>
          <span class="hint" id="file-hint" safe>
            {`Xuất từ ngân hàng điện tử của tài khoản thu phí, tối đa ${MAX_STATEMENT_BYTES / 1024 / 1024} MB và ${formatNumberVn(MAX_STATEMENT_LINES)} giao dịch. Chỉ giao dịch ghi có được đối soát; nhập lại cùng một sao kê không ghi nhận giao dịch nào hai lần.`}
          </span>
          {p.uploadError ? <span class="error-message" id="file-error" safe>{p.uploadError}</span> : ''}
          <input id="file" name="file" type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={describedBy} aria-invalid={p.uploadError ? 'true' : undefined} />
        </div>
        <button class="button" type="submit">Nhập sao kê và đối soát</button>
      </form>
    </section>
  );
}

function Summary({ r }: { r: NonNullable<ReconcilePageProps['result']> }) {
  const facts: Array<[string, string]> = [
    ['Tệp', r.fileName], ['Giao dịch ghi có đã đọc', formatNumberVn(r.import.linesRead)], ['Đã khớp, đã lập biên lai', formatNumberVn(r.import.matched)],
    ['Chưa khớp, cần xử lý', formatNumberVn(r.import.unmatched)], ['Đã nhập trước đó (không ghi nhận lại)', formatNumberVn(r.import.alreadyImported)],
    ['Giao dịch ghi nợ (không đối soát)', formatNumberVn(r.import.debitLines)],
  ];
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title">Kết quả nhập sao kê</h2>
      <FactList facts={facts} />
    </section>
  );
}

function LineForms({ line, p }: { line: ListedLine; p: ReconcilePageProps }) {
  const e = p.lineError?.lineId === line.id ? p.lineError : undefined;
  const codeId = lineFieldId({ lineId: line.id, field: 'ma-ho-so' });
  const noteId = lineFieldId({ lineId: line.id, field: 'ghi-chu' });
  return (
    <>
      <details class="action" open={e?.field === 'ma-ho-so' ? true : undefined}>
        <summary>Khớp với hồ sơ</summary>
        <form method="post" action={`${RECONCILE_PATH}/${line.id}/khop`}>
          <CsrfField token={p.ctx.csrfToken} />
          <Field id={codeId} name="ma-ho-so" label="Mã hồ sơ" hint={`Phí, lệ phí của hồ sơ phải đúng ${formatVnd(line.amount)} và chưa nộp.`}
            value={e ? e.code : ''} error={e?.field === 'ma-ho-so' ? e.message : undefined} />
          <Field id={`ghi-chu-khop-${line.id}`} name="ghi-chu" label="Ghi chú (không bắt buộc)" value={e?.field === 'ma-ho-so' ? e.note : ''} />
          <button class="button" type="submit">Khớp và lập biên lai</button>
        </form>
      </details>
      <details class="action" open={e?.field === 'ghi-chu' ? true : undefined}>
        <summary>Không phải phí, lệ phí</summary>
        <form method="post" action={`${RECONCILE_PATH}/${line.id}/bo-qua`}>
          <CsrfField token={p.ctx.csrfToken} />
          <TextArea id={noteId} name="ghi-chu" label="Ghi chú" hint="Vì sao giao dịch này không phải phí, lệ phí, ví dụ: chuyển nhầm tài khoản, tiền hoàn ứng. Từ 5 đến 500 ký tự."
            value={e?.field === 'ghi-chu' ? e.note : ''} error={e?.field === 'ghi-chu' ? e.message : undefined} rows={2} />
          <button class="button secondary" type="submit">Đánh dấu không phải phí, lệ phí</button>
        </form>
      </details>
    </>
  );
}

/** The cells every table of statement lines starts with: unit (when several), date, reference, amount, and the description. */
function LineCells({ l, several, description }: { l: ListedLine; several: boolean; description?: boolean }) {
  return (
    <>
      {several ? <td data-label="Đơn vị" safe>{l.unitName}</td> : ''}
      <td data-label="Ngày" safe>{bookedText(l.bookedAt)}</td>
      <td data-label="Số tham chiếu" class="url" safe>{l.bankRef}</td>
      <td data-label="Số tiền" class="num" safe>{formatVnd(l.amount)}</td>
      {description ? <td data-label="Nội dung chuyển khoản" class="url" safe>{l.description || '—'}</td> : ''}
    </>
  );
}

function UnmatchedTable({ p }: { p: ReconcilePageProps }) {
  const columns = [...(p.several ? ['Đơn vị'] : []), 'Ngày', 'Số tham chiếu', { label: 'Số tiền', num: true }, 'Nội dung chuyển khoản', 'Lý do chưa khớp', ...(p.canAct ? ['Xử lý'] : [])];
  return (
    <section aria-labelledby="unmatched-title">
      <h2 id="unmatched-title" safe>{`Giao dịch chưa khớp (${formatNumberVn(p.unmatchedTotal)})`}</h2>
      {p.unmatchedTotal > p.unmatched.length ? <p safe>{`Hiện ${formatNumberVn(p.unmatched.length)} giao dịch cũ nhất; xử lý xong sẽ hiện tiếp.`}</p> : ''}
      <div class="table-wrap">
        <table class="stack">
          <caption>Giao dịch ghi có chưa khớp với khoản phí, lệ phí nào</caption>
          <TableHead columns={columns} />
          <tbody>
            {p.unmatched.length === 0 ? <tr><td colspan={String(columns.length)}>Không có giao dịch nào chờ xử lý.</td></tr> : ''}
            {p.unmatched.map((l) => (
              <tr>
                <LineCells l={l} several={p.several} description />
                <td data-label="Lý do chưa khớp" safe>{l.reason ?? ''}</td>
                {p.canAct ? <td data-label="Xử lý"><LineForms line={l} p={p} /></td> : ''}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function MatchedTable({ p }: { p: ReconcilePageProps }) {
  const columns = [...(p.several ? ['Đơn vị'] : []), 'Ngày', 'Số tham chiếu', { label: 'Số tiền', num: true }, 'Hồ sơ', 'Biên lai', 'Cách khớp'];
  return (
    <section aria-labelledby="matched-title">
      <h2 id="matched-title">Giao dịch đã khớp gần đây</h2>
      <div class="table-wrap">
        <table class="stack">
          <caption>Giao dịch đã khớp và biên lai đã lập (50 giao dịch gần nhất)</caption>
          <TableHead columns={columns} />
          <tbody>
            {p.matched.length === 0 ? <tr><td colspan={String(columns.length)}>Chưa có giao dịch nào được khớp.</td></tr> : ''}
            {p.matched.map((l) => (
              <tr>
                <LineCells l={l} several={p.several} />
                <td data-label="Hồ sơ">{l.dossierCode ? <a href={`/can-bo/ho-so/${encodeURIComponent(l.dossierCode)}`} safe>{l.dossierCode}</a> : '—'}</td>
                <td data-label="Biên lai">
                  {l.receiptId && l.receiptSymbol && l.receiptNumber ? <a href={`/can-bo/bien-lai/${l.receiptId}`} safe>{receiptLabel({ receiptSymbol: l.receiptSymbol, number: l.receiptNumber })}</a> : '—'}
                </td>
                <td data-label="Cách khớp" safe>{howMatched(l)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function IgnoredTable({ p }: { p: ReconcilePageProps }) {
  if (!p.ignored.length) return '';
  const columns = [...(p.several ? ['Đơn vị'] : []), 'Ngày', 'Số tham chiếu', { label: 'Số tiền', num: true }, 'Nội dung chuyển khoản', 'Ghi chú', 'Người đánh dấu'];
  return (
    <section aria-labelledby="ignored-title">
      <h2 id="ignored-title">Đã đánh dấu không phải phí, lệ phí</h2>
      <div class="table-wrap">
        <table class="stack">
          <caption>Giao dịch không phải phí, lệ phí (50 giao dịch gần nhất)</caption>
          <TableHead columns={columns} />
          <tbody>
            {p.ignored.map((l) => (
              <tr>
                <LineCells l={l} several={p.several} description />
                <td data-label="Ghi chú" safe>{l.note ?? ''}</td>
                <td data-label="Người đánh dấu" safe>{l.resolvedByName ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ReconcilePage(p: ReconcilePageProps) {
  const errors: FieldError[] = [
    ...(p.scopeError ? [{ param: 'don-vi', message: p.scopeError }] : []),
    ...(p.uploadError ? [{ param: 'file', message: p.uploadError }] : []),
    ...(p.lineError ? [{ param: lineFieldId(p.lineError), message: p.lineError.message }] : []),
  ];
  return (
    <Layout ctx={p.ctx} title="Đối soát chuyển khoản">
      <>
        <FeePagesNav current={RECONCILE_PATH} principal={p.ctx.principal} />
        <h1>Đối soát chuyển khoản phí, lệ phí</h1>
        {p.notice ? <Notice kind="success"><p safe>{p.notice}</p></Notice> : ''}
        <ErrorSummary errors={errors} />
        <p>Giao dịch có nội dung chứa mã hồ sơ đang chờ nộp phí và số tiền đúng bằng phí, lệ phí được ghi nhận tự động (chuyển khoản VietQR, mã giao dịch của ngân hàng) và lập biên lai. Giao dịch còn lại chờ cán bộ xử lý bên dưới.</p>
        {p.unitChoices.length > 1 || p.scopeError ? (
          <form method="get" action={RECONCILE_PATH} class="filters">
            <UnitChooser units={p.unitChoices.map((u) => ({ code: u.value, name: u.label }))} current={p.unitCode} error={p.scopeError} />
            <button class="button secondary" type="submit">Xem</button>
          </form>
        ) : ''}
        {p.canAct ? <UploadForm p={p} /> : <p>Chỉ cán bộ tiếp nhận hoặc quản trị viên của xã, phường được nhập sao kê và xử lý giao dịch; hãy chọn đơn vị để xem.</p>}
        {p.result ? <Summary r={p.result} /> : ''}
        <UnmatchedTable p={p} />
        <MatchedTable p={p} />
        <IgnoredTable p={p} />
      </>
    </Layout>
  );
}
