/**
 * The life of an outgoing document not tied to a dossier: a clerk (văn thư) or specialist drafts it, sends it
 * for approval; the leader approves — which signs it (number from the register, personal signature, seal) —
 * or sends it back with a note; the clerk publishes the signed PDF to its recipients. Every step is audited.
 */
import { z } from 'zod';
import type { Database } from '../../platform/db/index.js';
import { AppError, badRequest, type Principal, type StaffRole } from '../../platform/http/index.js';
import { audit } from '../../platform/audit.js';
import type { OfficialDocument } from '../official/model.js';
import { officialLetter } from '../official/templates.js';
import { documentSymbol, KIND_NAMES } from '../register/numbering.js';
import { getOutgoing, insertOutgoing, toOutgoing, type OutgoingDocument, type OutgoingState } from '../register/store.js';
import type { Issuer, SignOutcome } from './issuer.js';

export const DRAFTER_ROLES: readonly StaffRole[] = ['clerk', 'specialist', 'leader'];
export const APPROVER_ROLES: readonly StaffRole[] = ['leader'];

const lines = (s: string) => s.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');

export const draftSchema = z.object({
  kind: z.enum(['decision', 'officialLetter', 'notice', 'report'], { message: 'Chọn loại văn bản.' }),
  summary: z.string().normalize('NFC').trim().min(5, 'Nhập trích yếu nội dung (ít nhất 5 ký tự).').max(300, 'Trích yếu tối đa 300 ký tự.'),
  salutation: z.string().normalize('NFC').trim().max(500).default(''),
  body: z.string().normalize('NFC').trim().min(10, 'Nhập nội dung văn bản.').max(20_000, 'Nội dung tối đa 20.000 ký tự.'),
  recipients: z.string().normalize('NFC').trim().max(2_000).default(''),
  authority: z.enum(['TM', 'KT'], { message: 'Chọn thẩm quyền ký.' }).default('TM'),
  copies: z.coerce.number({ message: 'Số lượng bản là một số.' }).int().min(1, 'Ít nhất 1 bản.').max(1000).default(1),
});
export type DraftInput = z.input<typeof draftSchema>;

export interface Issuing { bodyAbbreviation: string; issuingBody: string; parentBody: string | null; place: string }

const TITLES: Record<string, string | null> = { decision: 'QUYẾT ĐỊNH', officialLetter: null, notice: 'THÔNG BÁO', report: 'BÁO CÁO' };

/** Body text → blocks: "Điều N." starts an article, "Căn cứ …" lines are italic, "QUYẾT ĐỊNH:" a heading. */
export function bodyBlocks(text: string): OfficialDocument['body'] {
  return lines(text).map((l) => {
    if (/^Điều\s+\d+\./u.test(l)) return { kind: 'article' as const, text: l };
    if (/^[A-ZĐÀ-Ỹ\s:]+:$/u.test(l) && l === l.toLocaleUpperCase('vi')) return { kind: 'heading' as const, text: l };
    if (/^Căn cứ(?=\s|$)/u.test(l)) return { kind: 'paragraph' as const, text: l, italic: true };
    return { kind: 'paragraph' as const, text: l };
  });
}

/** The official-document model of a draft (number, date, signer name and QR are filled at signing). */
export function draftModel(input: z.output<typeof draftSchema>, issuing: Issuing): OfficialDocument {
  const authority = input.authority === 'KT' ? 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH' : 'TM. ỦY BAN NHÂN DÂN';
  const signer = { authority, title: input.authority === 'KT' ? 'PHÓ CHỦ TỊCH' : 'CHỦ TỊCH', name: '…' };
  const issuer = { parentBody: issuing.parentBody, issuingBody: issuing.issuingBody, place: issuing.place };
  const recipients = lines(input.recipients).map((r) => r.replace(/^-\s*/, '').replace(/[;.]$/, ''));
  if (input.kind === 'officialLetter') {
    return officialLetter({
      issuer, number: null, symbol: '', date: null, subject: input.summary, to: lines(input.salutation).map((t) => t.replace(/^-\s*/, '').replace(/[;.]$/, '')),
      paragraphs: lines(input.body), signer, recipients,
    });
  }
  return {
    kind: input.kind, parentBody: issuing.parentBody, issuingBody: issuing.issuingBody, number: null, symbol: '', place: issuing.place, date: null,
    title: TITLES[input.kind] ?? null, summary: input.summary, body: bodyBlocks(input.body),
    signature: { authority, title: signer.title, signerName: signer.name }, recipients, qrUrl: null,
  };
}

function requireRole(principal: Principal, unitId: number, roles: readonly StaffRole[], what: string): void {
  if (!principal.grants.some((g) => g.unitId === unitId && roles.includes(g.role))) throw new AppError(403, 'FORBIDDEN', `Bạn không có quyền ${what}.`);
}

function parseDraft(fields: DraftInput) {
  const parsed = draftSchema.safeParse(fields);
  if (!parsed.success) throw badRequest('INVALID_DRAFT', 'Văn bản chưa hợp lệ, hãy sửa các mục được đánh dấu.', parsed.error.issues.map((i) => ({ param: String(i.path[0] ?? ''), message: i.message })));
  return parsed.data;
}

export async function createDraft(db: Database, principal: Principal, unitId: number, issuing: Issuing, fields: DraftInput): Promise<OutgoingDocument> {
  requireRole(principal, unitId, DRAFTER_ROLES, 'soạn văn bản đi');
  const input = parseDraft(fields);
  const doc = await db.withRawTransaction((tx) => insertOutgoing(tx, {
    unitId, kind: input.kind, symbol: documentSymbol(input.kind, issuing.bodyAbbreviation), summary: input.summary,
    document: { ...draftModel(input, issuing), form: input }, createdBy: principal.userId, recipients: lines(input.recipients), copies: input.copies,
  }));
  await audit(db, { unitId, actorUserId: principal.userId, action: 'outgoing.draft', target: `outgoing:${doc.id}`, details: { kind: doc.kind, summary: doc.summary } });
  return doc;
}

/** The form values a draft was made from (to edit it again). */
export function draftForm(doc: OutgoingDocument): z.output<typeof draftSchema> | null {
  const parsed = draftSchema.safeParse((doc.document as { form?: unknown }).form);
  return parsed.success ? parsed.data : null;
}

async function transition(db: Database, doc: OutgoingDocument, from: OutgoingState[], sets: string, params: unknown[]): Promise<OutgoingDocument> {
  const rows = await db.withRawTransaction((tx) => tx.query(
    `update outgoing_documents set ${sets}, updated_at = now() where unit_id = $1 and id = $2 and state = any($3::text[]) returning *`,
    [doc.unitId, doc.id, from, ...params]));
  if (!rows[0]) throw new AppError(409, 'WRONG_STATE', 'Văn bản vừa được người khác xử lý. Hãy tải lại trang.');
  return toOutgoing(rows[0]);
}

async function load(db: Database, unitId: number, id: number): Promise<OutgoingDocument> {
  const doc = await getOutgoing(db, unitId, id);
  if (!doc || doc.dossierId !== null) throw new AppError(404, 'NOT_FOUND', 'Không tìm thấy văn bản.');
  return doc;
}

export async function updateDraft(db: Database, principal: Principal, unitId: number, id: number, issuing: Issuing, fields: DraftInput): Promise<OutgoingDocument> {
  requireRole(principal, unitId, DRAFTER_ROLES, 'sửa văn bản đi');
  const doc = await load(db, unitId, id);
  const input = parseDraft(fields);
  const updated = await transition(db, doc, ['draft'], `kind = $4, symbol = $5, summary = $6, document = $7::jsonb, recipients = $8::jsonb, copies = $9`, [
    input.kind, documentSymbol(input.kind, issuing.bodyAbbreviation), input.summary, JSON.stringify({ ...draftModel(input, issuing), form: input }),
    JSON.stringify(lines(input.recipients)), input.copies,
  ]);
  await audit(db, { unitId, actorUserId: principal.userId, action: 'outgoing.edit', target: `outgoing:${id}` });
  return updated;
}

export async function submitForApproval(db: Database, principal: Principal, unitId: number, id: number): Promise<OutgoingDocument> {
  requireRole(principal, unitId, DRAFTER_ROLES, 'trình ký văn bản');
  const doc = await transition(db, await load(db, unitId, id), ['draft'], `state = 'awaitingApproval', note = null`, []);
  await audit(db, { unitId, actorUserId: principal.userId, action: 'outgoing.submit', target: `outgoing:${id}` });
  return doc;
}

export async function sendBack(db: Database, principal: Principal, unitId: number, id: number, note: string): Promise<OutgoingDocument> {
  requireRole(principal, unitId, APPROVER_ROLES, 'trả lại văn bản');
  const text = note.normalize('NFC').trim();
  if (text.length < 3) throw badRequest('INVALID_NOTE', 'Ghi rõ lý do trả lại.', [{ param: 'note', message: 'Ghi rõ lý do trả lại.' }]);
  const doc = await transition(db, await load(db, unitId, id), ['awaitingApproval'], `state = 'draft', note = $4`, [text.slice(0, 1000)]);
  await audit(db, { unitId, actorUserId: principal.userId, action: 'outgoing.sendBack', target: `outgoing:${id}` });
  return doc;
}

/** The leader approves: the document is queued for signing and signed at once (retried by the job if that fails). */
export async function approveAndSign(db: Database, issuer: Issuer, principal: Principal, unitId: number, id: number): Promise<SignOutcome> {
  requireRole(principal, unitId, APPROVER_ROLES, 'ký duyệt văn bản');
  await transition(db, await load(db, unitId, id), ['awaitingApproval'],
    `state = 'awaitingSignature', approved_by = $4, approved_at = now(), next_attempt_at = now(), signer_name = $5`, [principal.userId, principal.fullName]);
  await audit(db, { unitId, actorUserId: principal.userId, action: 'outgoing.approve', target: `outgoing:${id}` });
  return issuer.sign(unitId, id);
}

/** The clerk publishes a signed document: its download link goes to the recipients (Ngày chuyển in the register). */
export async function publish(db: Database, principal: Principal, unitId: number, id: number, deliveryNote: string): Promise<OutgoingDocument> {
  requireRole(principal, unitId, ['clerk', 'leader'], 'phát hành văn bản');
  const doc = await load(db, unitId, id);
  if (doc.state !== 'signed') throw new AppError(409, 'NOT_SIGNED', 'Chỉ phát hành được văn bản đã ký số.');
  if (doc.publishedAt) return doc;
  const updated = await transition(db, doc, ['signed'], `published_at = now(), delivery_note = $4`, [deliveryNote.normalize('NFC').trim().slice(0, 500) || null]);
  await audit(db, { unitId, actorUserId: principal.userId, action: 'outgoing.publish', target: `outgoing:${id}`, details: { recipients: doc.recipients.length } });
  return updated;
}

export { KIND_NAMES };
