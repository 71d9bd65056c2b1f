import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { nextCounter, type Database, type RawTransaction } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/index.js';
import { vnDate } from '../../platform/clock.js';
import { formatDocumentNumber, registerCounterName, type OfficialKind } from './numbering.js';

export type OutgoingState = 'draft' | 'awaitingApproval' | 'awaitingSignature' | 'signed';

/** One outgoing document (văn bản đi) and its register entry. */
export interface OutgoingDocument {
  unitId: number;
  id: number;
  register: string;
  kind: OfficialKind;
  symbol: string;
  year: number | null;
  number: number | null;
  summary: string;
  /** The official-document model (src/documents/official/model.ts) as JSON; number and date filled at signing. */
  document: Record<string, unknown>;
  state: OutgoingState;
  dossierId: number | null;
  signerUserId: number | null;
  signerName: string | null;
  signedAt: Date | null;
  pdfSha256: string | null;
  storageKey: string | null;
  recipients: string[];
  copies: number;
  archiveHolder: string;
  publishedAt: Date | null;
  deliveryNote: string | null;
  note: string | null;
  publicToken: string;
  approvedBy: number | null;
  approvedAt: Date | null;
  signAttempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdBy: number | null;
  createdAt: Date;
}

const date = (v: unknown): Date | null => (v == null ? null : new Date(v as string));
const num = (v: unknown): number | null => (v == null ? null : Number(v));

export function toOutgoing(r: Record<string, unknown>): OutgoingDocument {
  return {
    unitId: Number(r.unit_id), id: Number(r.id), register: String(r.register), kind: r.kind as OfficialKind, symbol: String(r.symbol),
    year: num(r.year), number: num(r.number), summary: String(r.summary),
    document: (typeof r.document === 'string' ? JSON.parse(r.document) : r.document) as Record<string, unknown>,
    state: r.state as OutgoingState, dossierId: num(r.dossier_id), signerUserId: num(r.signer_user_id), signerName: (r.signer_name as string | null) ?? null,
    signedAt: date(r.signed_at), pdfSha256: (r.pdf_sha256 as string | null) ?? null, storageKey: (r.storage_key as string | null) ?? null,
    recipients: (typeof r.recipients === 'string' ? JSON.parse(r.recipients) : r.recipients ?? []) as string[],
    copies: Number(r.copies ?? 1), archiveHolder: String(r.archive_holder ?? 'Văn thư'), publishedAt: date(r.published_at),
    deliveryNote: (r.delivery_note as string | null) ?? null, note: (r.note as string | null) ?? null, publicToken: String(r.public_token),
    approvedBy: num(r.approved_by), approvedAt: date(r.approved_at), signAttempts: Number(r.sign_attempts ?? 0),
    lastError: (r.last_error as string | null) ?? null, nextAttemptAt: date(r.next_attempt_at), createdBy: num(r.created_by), createdAt: new Date(r.created_at as string),
  };
}

/** "15/QĐ-UBND" once numbered, else null. */
export const numberAndSymbol = (d: Pick<OutgoingDocument, 'number' | 'symbol'>): string | null => (d.number === null ? null : formatDocumentNumber(d.number, d.symbol));

/** An unguessable token for the document's public links (verification page, published download). */
export const newPublicToken = (): string => randomBytes(16).toString('base64url');

export interface NewOutgoing {
  unitId: number;
  kind: OfficialKind;
  symbol: string;
  summary: string;
  document: unknown;
  register?: string;
  createdBy: number;
  dossierId?: number | null;
  recipients?: string[];
  copies?: number;
  state?: 'draft' | 'awaitingSignature';
  approvedBy?: number | null;
  signerName?: string | null;
}

const INSERT = `insert into outgoing_documents (unit_id, register, kind, symbol, summary, document, state, dossier_id, created_by, recipients, copies, public_token,
    approved_by, approved_at, signer_name, next_attempt_at)
  values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10::jsonb, $11, $12, $13, case when $13::integer is null then null else now() end, $14,
    case when $7 = 'awaitingSignature' then now() else null end)
  returning *`;

const insertParams = (i: NewOutgoing) => [
  i.unitId, i.register ?? 'chung', i.kind, i.symbol, i.summary, JSON.stringify(i.document), i.state ?? 'draft', i.dossierId ?? null, i.createdBy,
  JSON.stringify(i.recipients ?? []), i.copies ?? 1, newPublicToken(), i.approvedBy ?? null, i.signerName ?? null,
];

export async function createOutgoingDraft(db: Database, input: NewOutgoing): Promise<OutgoingDocument> {
  return db.withRawTransaction(async (tx) => insertOutgoing(tx, input));
}

/** Inserts inside the caller's transaction (a dossier's result is created with the approval that causes it). */
export async function insertOutgoing(tx: RawTransaction, input: NewOutgoing): Promise<OutgoingDocument> {
  const rows = await tx.query(INSERT, insertParams(input));
  return toOutgoing(rows[0]!);
}

export async function getOutgoing(db: Database, unitId: number, id: number): Promise<OutgoingDocument | null> {
  const rows = await db.rows(sql`select * from outgoing_documents where unit_id = ${unitId} and id = ${id}`);
  return rows[0] ? toOutgoing(rows[0]) : null;
}

export async function getOutgoingByToken(db: Database, token: string): Promise<OutgoingDocument | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const rows = await db.rows(sql`select * from outgoing_documents where public_token = ${token}`);
  return rows[0] ? toOutgoing(rows[0]) : null;
}

export async function getOutgoingBySha256(db: Database, sha256: string): Promise<OutgoingDocument | null> {
  const rows = await db.rows(sql`select * from outgoing_documents where pdf_sha256 = ${sha256} and state = 'signed' limit 1`);
  return rows[0] ? toOutgoing(rows[0]) : null;
}

export async function getDossierResult(db: Database, unitId: number, dossierId: number): Promise<OutgoingDocument | null> {
  const rows = await db.rows(sql`select * from outgoing_documents where unit_id = ${unitId} and dossier_id = ${dossierId}`);
  return rows[0] ? toOutgoing(rows[0]) : null;
}

/**
 * Gives a document its number in the register of the signing year, inside the caller's signing transaction: the
 * number is final only if the signature is stored; a failed signing rolls the number back, so there is no gap.
 */
export async function allocateNumber(tx: RawTransaction, unitId: number, id: number, signedAt: Date): Promise<{ number: number; year: number }> {
  const locked = await tx.query<{ register: string; number: number | null; year: number | null }>(
    'select register, number, year from outgoing_documents where unit_id = $1 and id = $2 for update', [unitId, id]);
  const doc = locked[0];
  if (!doc) throw new AppError(404, 'NOT_FOUND', 'Không tìm thấy văn bản.');
  if (doc.number !== null) return { number: Number(doc.number), year: Number(doc.year) }; // identical on every copy
  const year = Number(vnDate(signedAt).slice(0, 4));
  const number = await nextCounter(tx, unitId, registerCounterName(doc.register, year));
  await tx.query(`update outgoing_documents set number = $3, year = $4, state = 'signed', signed_at = $5, updated_at = now() where unit_id = $1 and id = $2`,
    [unitId, id, number, year, signedAt.toISOString()]);
  return { number, year };
}

export async function registerEntries(db: Database, unitId: number, register: string, year: number): Promise<OutgoingDocument[]> {
  const rows = await db.rows(sql`select * from outgoing_documents where unit_id = ${unitId} and register = ${register} and year = ${year} order by number`);
  return rows.map(toOutgoing);
}

/** Documents of a unit by state, newest first (the clerk's and leader's work lists). */
export async function listOutgoing(db: Database, unitId: number, states: OutgoingState[], limit = 100): Promise<OutgoingDocument[]> {
  const rows = await db.rows(sql`select * from outgoing_documents where unit_id = ${unitId} and state = any(${sql.param(states)}) order by coalesce(signed_at, created_at) desc, id desc limit ${limit}`);
  return rows.map(toOutgoing);
}

/** Documents approved but still unsigned (awaiting the signing job), oldest first; all units when unitId is null. */
export async function listStuckUnsigned(db: Database, unitId: number | null): Promise<OutgoingDocument[]> {
  const rows = await db.rows(sql`select * from outgoing_documents where state = 'awaitingSignature' and (${unitId}::integer is null or unit_id = ${unitId}) order by approved_at nulls first, id limit 500`);
  return rows.map(toOutgoing);
}
