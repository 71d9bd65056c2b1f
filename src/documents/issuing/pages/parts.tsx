/** Shared pieces of the outgoing-document pages: state names and tags, the register's rows and columns. */
import type { StaffRole } from '../../../platform/http/index.js';
import { formatMomentVi } from '../../../platform/i18n/text.js';
import { officialDocumentSchema, type OfficialDocument } from '../../official/model.js';
import { KIND_NAMES } from '../../register/numbering.js';
import { numberAndSymbol, type OutgoingDocument, type OutgoingState } from '../../register/store.js';

/** Who works with the unit's outgoing documents (drafters, approvers, the clerk who publishes). */
export const OUTGOING_ROLES: readonly StaffRole[] = ['clerk', 'specialist', 'leader'];
/** Who publishes a signed document (the lifecycle checks the same roles per unit). */
export const PUBLISHER_ROLES: readonly StaffRole[] = ['clerk', 'leader'];
/** Who may open the register of outgoing documents. */
export const REGISTER_ROLES: readonly StaffRole[] = ['clerk', 'specialist', 'leader', 'unitAdmin'];
/** Who may open /quan-tri/van-ban-cho-ky (the same list as its route). */
export const STUCK_PAGE_ROLES: readonly StaffRole[] = ['leader', 'clerk', 'unitAdmin', 'provinceAdmin'];

export const STATE_LABELS: Record<OutgoingState, string> = {
  draft: 'Nháp',
  awaitingApproval: 'Chờ duyệt',
  awaitingSignature: 'Chờ ký số',
  signed: 'Đã ký',
};

/** Anchor of each state's section on the list page. */
export const STATE_ANCHORS: Record<OutgoingState, string> = {
  draft: 'nhap',
  awaitingApproval: 'cho-duyet',
  awaitingSignature: 'cho-ky-so',
  signed: 'da-ky',
};

const STATE_TONES: Record<OutgoingState, '' | 'amber' | 'green'> = { draft: '', awaitingApproval: 'amber', awaitingSignature: 'amber', signed: 'green' };

/** State tag; the colour never carries the meaning alone. */
export function OutgoingStateTag({ doc }: { doc: Pick<OutgoingDocument, 'state' | 'publishedAt' | 'note' | 'lastError'> }) {
  const extra =
    doc.state === 'signed' && doc.publishedAt ? 'đã phát hành'
    : doc.state === 'draft' && doc.note ? 'bị trả lại'
    : doc.state === 'awaitingSignature' && doc.lastError ? 'ký số chưa thành công'
    : '';
  return (
    <>
      <span class={`tag ${STATE_TONES[doc.state]}`} safe>{STATE_LABELS[doc.state]}</span>
      {extra ? <>{' '}<span class={`tag ${extra === 'đã phát hành' ? 'green' : 'red'}`}>{extra}</span></> : ''}
    </>
  );
}

export const moment = (d: Date | null): string => (d ? formatMomentVi(d) : '—');

/** "Quyết định: Về việc …" */
export const kindAndSummary = (doc: Pick<OutgoingDocument, 'kind' | 'summary'>): string => `${KIND_NAMES[doc.kind]}: ${doc.summary}`;

/** The stored official-document model (without the draft's form values), or null if it does not parse. */
export function storedModel(doc: OutgoingDocument): OfficialDocument | null {
  const { form: _form, ...rest } = doc.document as Record<string, unknown> & { form?: unknown };
  const parsed = officialDocumentSchema.safeParse({ ...rest, date: null });
  return parsed.success ? parsed.data : null;
}

// ---------------------------------------------------------------------------------------------
// Sổ đăng ký văn bản đi (Decree 30/2020/NĐ-CP, Appendix IV): the same ten columns on screen, on paper and in Excel.

export const REGISTER_COLUMNS = [
  'Số, ký hiệu văn bản',
  'Ngày tháng văn bản',
  'Tên loại và trích yếu nội dung',
  'Người ký',
  'Nơi nhận văn bản',
  'Đơn vị, người nhận bản lưu',
  'Số lượng bản',
  'Ngày chuyển',
  'Ký nhận',
  'Ghi chú',
] as const;

export interface RegisterRow {
  numberText: string;
  /** Date of the document (the signing date). */
  date: Date | null;
  kindAndSummary: string;
  signer: string;
  recipients: string[];
  archiveHolder: string;
  copies: number;
  /** Ngày chuyển: when the document was published to its recipients. */
  transferredAt: Date | null;
  note: string;
  /** The document's page (null for dossier results, which live on the dossier page). */
  href: string | null;
}

export const DOSSIER_RESULT_NOTE = 'Kết quả hồ sơ';

export function registerRow(doc: OutgoingDocument): RegisterRow {
  const note = doc.dossierId !== null ? DOSSIER_RESULT_NOTE : [doc.deliveryNote, doc.note].filter((s): s is string => Boolean(s)).join('. ');
  return {
    numberText: numberAndSymbol(doc) ?? '',
    date: doc.signedAt,
    kindAndSummary: kindAndSummary(doc),
    signer: doc.signerName ?? '',
    recipients: doc.recipients,
    archiveHolder: doc.archiveHolder,
    copies: doc.copies,
    transferredAt: doc.publishedAt,
    note,
    href: doc.dossierId === null ? `/can-bo/van-ban-di/${doc.id}` : null,
  };
}
