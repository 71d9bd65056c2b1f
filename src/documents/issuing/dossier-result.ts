/**
 * The signed result of a dossier: when the leader approves (action `approve`), its result document is created
 * in the same transaction (so an approval without its result cannot exist), then signed right after the commit
 * — or by the signing job when signing fails. Results of the certified-copy procedure use the Decree 23 "lời
 * chứng" template; other procedures get a result notice (thông báo kết quả) on the same official model.
 */
import type { Database, RawTransaction } from '../../platform/db/index.js';
import type { DossierHooks } from '../../dossiers/act.js';
import type { Dossier } from '../../dossiers/model.js';
import type { Unit } from '../../identity/index.js';
import { formatNumberVn, formatVnDate } from '../text.js';
import type { OfficialDocument } from '../official/model.js';
import { agencyInText, certifiedCopyCertificate } from '../official/templates.js';
import { documentSymbol } from '../register/numbering.js';
import { getDossierResult, insertOutgoing } from '../register/store.js';
import type { Issuer } from './issuer.js';
import type { Issuing } from './lifecycle.js';

/** Placeholder in a template's text replaced at signing by the document's number ("05/XN-UBND"). */
export const NUMBER_PLACEHOLDER = '{số văn bản}';

export const CERTIFIED_COPY_PROCEDURE = '2.000815';

export function issuingOf(unit: Pick<Unit, 'name' | 'fullName'>): Issuing {
  return { bodyAbbreviation: 'UBND', issuingBody: `ỦY BAN NHÂN DÂN ${unit.fullName.toLocaleUpperCase('vi')}`, parentBody: null, place: unit.name };
}

const SIGNER = { authority: 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: '…' };

/** The model of a dossier's result (number, date, signer name and QR are filled at signing). */
export function dossierResultModel(d: Dossier, issuing: Issuing): { kind: 'certificate' | 'notice'; summary: string; document: OfficialDocument } {
  const issuer = { parentBody: issuing.parentBody, issuingBody: issuing.issuingBody, place: issuing.place };
  if (d.procedureCode === CERTIFIED_COPY_PROCEDURE) {
    const doc = certifiedCopyCertificate({
      issuer, certNumber: NUMBER_PLACEHOLDER, bookNumber: `01/${new Date().getFullYear()}`, date: new Date(),
      originalDocument: d.request.content || 'giấy tờ do người yêu cầu xuất trình', pages: d.request.pages, copies: d.request.copies,
      feeText: d.fee && d.fee.total > 0 ? `${formatNumberVn(d.fee.total)} đồng` : undefined, signer: SIGNER,
    });
    return { kind: 'certificate', summary: `Chứng thực bản sao từ bản chính, hồ sơ ${d.code ?? ''}`.trim(), document: { ...doc, date: null } };
  }
  const items = [
    `Thủ tục: ${d.procedure.name}`,
    `Mã hồ sơ: ${d.code ?? ''}`,
    `Người nộp hồ sơ: ${d.applicant.fullName}`,
    ...(d.request.content ? [`Nội dung yêu cầu: ${d.request.content}`] : []),
    ...(d.receivedAt ? [`Ngày tiếp nhận: ${formatVnDate(d.receivedAt)}`] : []),
    `Kết quả: hồ sơ đã được giải quyết; kết quả là ${d.procedure.resultType.charAt(0).toLocaleLowerCase('vi')}${d.procedure.resultType.slice(1).replace(/[.;]$/, '')}.`,
  ];
  return {
    kind: 'notice',
    summary: `Về kết quả giải quyết hồ sơ ${d.code ?? ''}`.trim(),
    document: {
      kind: 'notice', parentBody: issuing.parentBody, issuingBody: issuing.issuingBody, number: null, symbol: '', place: issuing.place, date: null,
      title: 'THÔNG BÁO', summary: `Về kết quả giải quyết hồ sơ ${d.code ?? ''}`.trim(),
      body: [
        { kind: 'paragraph', text: `${agencyInText(issuing.issuingBody)} thông báo kết quả giải quyết thủ tục hành chính như sau:` },
        { kind: 'list', text: items },
        { kind: 'paragraph', text: 'Người nộp hồ sơ nhận kết quả tại Bộ phận Một cửa hoặc tải bản điện tử có chữ ký số tại Cổng dịch vụ công của xã; quét mã QR trên văn bản để kiểm tra chữ ký số.' },
      ],
      signature: { authority: SIGNER.authority, title: SIGNER.title, signerName: SIGNER.name },
      recipients: [`${d.applicant.fullName}`], qrUrl: null,
    },
  };
}

/** Replaces the number placeholder in every text of a model. */
export function fillNumber(doc: OfficialDocument, documentNumber: string): OfficialDocument {
  const fill = (s: string) => s.split(NUMBER_PLACEHOLDER).join(documentNumber);
  return { ...doc, body: doc.body.map((b) => ({ ...b, text: Array.isArray(b.text) ? b.text.map(fill) : fill(b.text) })) };
}

/** Hooks that give approved dossiers their signed result. */
export function dossierResultHooks(db: Database, issuer: Issuer, unitOf: (tx: RawTransaction, unitId: number) => Promise<Pick<Unit, 'name' | 'fullName'>>): DossierHooks {
  return {
    async inTransaction(tx, { dossier, event, actor }) {
      if (event.action !== 'approve') return;
      const issuing = issuingOf(await unitOf(tx, dossier.unitId));
      const r = dossierResultModel(dossier, issuing);
      await insertOutgoing(tx, {
        unitId: dossier.unitId, kind: r.kind, symbol: documentSymbol(r.kind, issuing.bodyAbbreviation), summary: r.summary, document: r.document,
        createdBy: actor.userId, dossierId: dossier.id, recipients: r.document.recipients, state: 'awaitingSignature', approvedBy: actor.userId,
        signerName: actor.fullName,
      });
    },
    async afterCommit({ dossier, event }) {
      if (event.action !== 'approve') return;
      const doc = await getDossierResult(db, dossier.unitId, dossier.id);
      if (doc?.state === 'awaitingSignature') await issuer.sign(doc.unitId, doc.id);
    },
  };
}
