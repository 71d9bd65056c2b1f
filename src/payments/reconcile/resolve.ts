/**
 * What the cashier does with a line that was not matched: match it by hand to a dossier (the same rules as the
 * automatic match, checked again here: pending fee, same amount, reference not used; the payment is recorded in the
 * cashier's name and the receipt issued), or mark it as not a fee ("không phải phí, lệ phí") with a note. Each in one
 * transaction, with the line locked first; both audited.
 */
import type { Database, RawTransaction } from '../../platform/db/index.js';
import { AppError, type Principal } from '../../platform/http/index.js';
import { audit } from '../../platform/audit.js';
import { codeSettingsOf } from '../../dossiers/settings.js';
import { receiptLabel, type FeeReceipt } from '../model.js';
import type { ReceiptSigner } from '../receipt-signer.js';
import { toLine, type BankLine } from './lines.js';
import { codesIn } from './match.js';
import { isReferenceTaken, payWithLine } from './record.js';
import { storableText } from './values.js';

/** What a cashier typed, fit to store and to look up (PostgreSQL refuses NUL in text): control characters as spaces. */
const typed = (s: string) => storableText(s).replace(/\s+/g, ' ').trim();
const typedNote = (s: string | null) => (s === null ? null : typed(s) || null);

async function lockOpenLine(tx: RawTransaction, line: BankLine): Promise<BankLine> {
  const rows = await tx.query('select * from bank_statement_lines where unit_id = $1 and id = $2 for update', [line.unitId, line.id]);
  const current = rows[0] ? toLine(rows[0]) : null;
  if (!current || current.status !== 'unmatched') {
    throw new AppError(409, 'LINE_ALREADY_RESOLVED', 'Giao dịch này đã được xử lý (đã khớp hoặc đã đánh dấu không phải phí, lệ phí). Tải lại trang để xem kết quả.');
  }
  return current;
}

/** The unit's dossier with this code (as typed: upper or lower case, with or without its dots and dashes). */
async function dossierIdByCode(db: Database, unitId: number, typed: string): Promise<{ id: number; code: string } | null> {
  const exact = await db.withRawTransaction((tx) => tx.query<{ id: number; code: string }>('select id, code from dossiers where unit_id = $1 and upper(code) = upper($2)', [unitId, typed]));
  if (exact[0]) return { id: Number(exact[0].id), code: exact[0].code };
  const codes = codesIn(typed, await codeSettingsOf(db, unitId));
  if (codes.length !== 1) return null;
  const rebuilt = await db.withRawTransaction((tx) => tx.query<{ id: number; code: string }>('select id, code from dossiers where unit_id = $1 and code = $2', [unitId, codes[0]]));
  return rebuilt[0] ? { id: Number(rebuilt[0].id), code: rebuilt[0].code } : null;
}

export interface ResolveInput {
  line: BankLine;
  dossierCode: string;
  note: string | null;
  actor: Principal;
  now: Date;
  ip?: string | null;
}

/**
 * Matches the line to the dossier by hand and issues the receipt. AppError (field `dossierCode`) when the dossier is
 * not the unit's, or the rules refuse it.
 */
export async function resolveLine(db: Database, signer: ReceiptSigner, raw: ResolveInput): Promise<FeeReceipt> {
  const input = { ...raw, dossierCode: typed(raw.dossierCode), note: typedNote(raw.note) };
  const { line, actor } = input;
  const dossier = await dossierIdByCode(db, line.unitId, input.dossierCode);
  if (!dossier) throw new AppError(404, 'NO_SUCH_DOSSIER', `Không có hồ sơ mã ${input.dossierCode} trong đơn vị. Kiểm tra lại mã hồ sơ.`);
  let paid;
  try {
    paid = await db.withRawTransaction(async (tx) => {
      await lockOpenLine(tx, line);
      const m = await payWithLine(tx, line.unitId, dossier.id, line, { userId: actor.userId, fullName: actor.fullName }, input.now);
      if (m.kind === 'refused') throw new AppError(409, 'CANNOT_MATCH', m.reason);
      await tx.query(`update bank_statement_lines set status = 'resolved', payment_id = $3, dossier_id = $4, receipt_id = $5, resolved_by = $6, resolved_at = $7, note = $8
        where unit_id = $1 and id = $2`, [line.unitId, line.id, m.payment.id, m.payment.dossierId, m.receipt.id, actor.userId, input.now.toISOString(), input.note]);
      return m;
    });
  } catch (err) {
    if (isReferenceTaken(err)) throw new AppError(409, 'REFERENCE_USED', `Mã giao dịch ${line.bankRef} vừa được dùng để xác nhận phí, lệ phí của một hồ sơ khác; một giao dịch chỉ trả phí một lần.`);
    throw err;
  }
  const details = { dossierCode: paid.dossierCode, method: 'vietqr', amount: paid.receipt.amount, receipt: receiptLabel(paid.receipt), reference: line.bankRef };
  if (paid.kind === 'paid') {
    await audit(db, { unitId: line.unitId, actorUserId: actor.userId, action: 'payments.collect', target: `fee_receipt:${paid.receipt.id}`, details: { ...details, reconciled: 'manual' }, ip: input.ip ?? null });
  }
  await audit(db, {
    unitId: line.unitId, actorUserId: actor.userId, action: 'payments.reconcile.resolve', target: `bank_statement_line:${line.id}`,
    details: { ...details, lineAmount: line.amount, reason: line.reason, note: input.note }, ip: input.ip ?? null,
  });
  await signer.signPending(line.unitId, paid.payment.dossierId);
  return paid.receipt;
}

/** Marks the line as not a fee, with the cashier's note. */
export async function ignoreLine(db: Database, raw: { line: BankLine; note: string; actor: Principal; now: Date; ip?: string | null }): Promise<void> {
  const input = { ...raw, note: typed(raw.note) };
  const { line, actor } = input;
  await db.withRawTransaction(async (tx) => {
    await lockOpenLine(tx, line);
    await tx.query(`update bank_statement_lines set status = 'ignored', resolved_by = $3, resolved_at = $4, note = $5 where unit_id = $1 and id = $2`,
      [line.unitId, line.id, actor.userId, input.now.toISOString(), input.note]);
  });
  await audit(db, {
    unitId: line.unitId, actorUserId: actor.userId, action: 'payments.reconcile.ignore', target: `bank_statement_line:${line.id}`,
    details: { reference: line.bankRef, amount: line.amount, description: line.description, note: input.note }, ip: input.ip ?? null,
  });
}
