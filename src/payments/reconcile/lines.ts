/** Bank statement lines as stored (table bank_statement_lines), and the lists the cashier's page shows. */
import type { Database } from '../../platform/db/index.js';

export type LineStatus = 'matched' | 'unmatched' | 'resolved' | 'ignored';

export interface BankLine {
  unitId: number;
  id: number;
  importId: number;
  bankRef: string;
  bookedAt: Date;
  amount: number;
  description: string;
  status: LineStatus;
  reason: string | null;
  paymentId: number | null;
  dossierId: number | null;
  receiptId: number | null;
  resolvedBy: number | null;
  resolvedAt: Date | null;
  note: string | null;
  createdAt: Date;
}

/** A line with what the page prints beside it. */
export interface ListedLine extends BankLine {
  unitName: string;
  dossierCode: string | null;
  receiptSymbol: string | null;
  receiptNumber: number | null;
  resolvedByName: string | null;
}

const date = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
const num = (v: unknown): number | null => (v == null ? null : Number(v));
const text = (v: unknown): string | null => (v == null ? null : String(v));

export function toLine(r: Record<string, unknown>): BankLine {
  return {
    unitId: Number(r.unit_id), id: Number(r.id), importId: Number(r.import_id), bankRef: String(r.bank_ref), bookedAt: date(r.booked_at)!, amount: Number(r.amount),
    description: String(r.description), status: r.status as LineStatus, reason: text(r.reason), paymentId: num(r.payment_id), dossierId: num(r.dossier_id),
    receiptId: num(r.receipt_id), resolvedBy: num(r.resolved_by), resolvedAt: date(r.resolved_at), note: text(r.note), createdAt: date(r.created_at)!,
  };
}

const LISTED = `select l.*, u.full_name as unit_name, d.code as dossier_code, r.receipt_symbol, r.number as receipt_number, s.full_name as resolved_by_name
  from bank_statement_lines l join units u on u.id = l.unit_id
  left join dossiers d on d.unit_id = l.unit_id and d.id = l.dossier_id
  left join fee_receipts r on r.unit_id = l.unit_id and r.id = l.receipt_id
  left join users s on s.id = l.resolved_by`;

const toListed = (r: Record<string, unknown>): ListedLine => ({
  ...toLine(r), unitName: String(r.unit_name), dossierCode: text(r.dossier_code), receiptSymbol: text(r.receipt_symbol), receiptNumber: num(r.receipt_number),
  resolvedByName: text(r.resolved_by_name),
});

/** Lines waiting for the cashier, oldest first. */
export async function unmatchedLines(db: Database, unitIds: number[], limit = 200): Promise<ListedLine[]> {
  const rows = await db.withRawTransaction((tx) => tx.query(`${LISTED} where l.unit_id = any($1::int[]) and l.status = 'unmatched' order by l.booked_at, l.id limit $2`, [unitIds, limit]));
  return rows.map(toListed);
}

/** Lines matched (automatically or by hand) or ignored, newest first. */
export async function recentLines(db: Database, unitIds: number[], statuses: LineStatus[], limit = 50): Promise<ListedLine[]> {
  const rows = await db.withRawTransaction((tx) => tx.query(`${LISTED} where l.unit_id = any($1::int[]) and l.status = any($2::text[])
    order by coalesce(l.resolved_at, l.created_at) desc, l.id desc limit $3`, [unitIds, statuses, limit]));
  return rows.map(toListed);
}

/** How many lines wait for the cashier (the list shows at most its limit). */
export async function unmatchedCount(db: Database, unitIds: number[]): Promise<number> {
  const rows = await db.withRawTransaction((tx) => tx.query<{ n: number }>(`select count(*)::int as n from bank_statement_lines where unit_id = any($1::int[]) and status = 'unmatched'`, [unitIds]));
  return Number(rows[0]?.n ?? 0);
}

export async function lineById(db: Database, id: number): Promise<BankLine | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const rows = await db.withRawTransaction((tx) => tx.query('select * from bank_statement_lines where id = $1', [id]));
  return rows[0] ? toLine(rows[0]) : null;
}
