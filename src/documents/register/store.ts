import { sql } from 'drizzle-orm';
import { nextCounter, type Database, type RawTransaction } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/index.js';
import { vnDate } from '../../platform/clock.js';
import { registerCounterName, type OfficialKind } from './numbering.js';

export interface OutgoingDocument {
  unitId: number;
  id: number;
  register: string;
  kind: OfficialKind;
  symbol: string;
  year: number | null;
  number: number | null;
  summary: string;
  state: 'draft' | 'awaitingSignature' | 'signed';
  signedAt: Date | null;
}

const toOutgoing = (r: Record<string, unknown>): OutgoingDocument => ({
  unitId: Number(r.unit_id), id: Number(r.id), register: r.register as string, kind: r.kind as OfficialKind, symbol: r.symbol as string,
  year: r.year == null ? null : Number(r.year), number: r.number == null ? null : Number(r.number), summary: r.summary as string,
  state: r.state as OutgoingDocument['state'], signedAt: r.signed_at ? new Date(r.signed_at as string) : null,
});

export async function createOutgoingDraft(db: Database, input: { unitId: number; kind: OfficialKind; symbol: string; summary: string; document: unknown; register?: string; createdBy: number; dossierId?: number | null }): Promise<OutgoingDocument> {
  const rows = await db.rows(sql`insert into outgoing_documents (unit_id, register, kind, symbol, summary, document, state, dossier_id, created_by)
    values (${input.unitId}, ${input.register ?? 'chung'}, ${input.kind}, ${input.symbol}, ${input.summary}, ${JSON.stringify(input.document)}::jsonb, 'draft', ${input.dossierId ?? null}, ${input.createdBy})
    returning *`);
  return toOutgoing(rows[0]!);
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
  await tx.query(`update outgoing_documents set number = $3, year = $4, state = 'signed', signed_at = $5 where unit_id = $1 and id = $2`, [unitId, id, number, year, signedAt.toISOString()]);
  return { number, year };
}

export async function registerEntries(db: Database, unitId: number, register: string, year: number): Promise<OutgoingDocument[]> {
  const rows = await db.rows(sql`select * from outgoing_documents where unit_id = ${unitId} and register = ${register} and year = ${year} order by number`);
  return rows.map(toOutgoing);
}
