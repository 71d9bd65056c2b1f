/**
 * Importing a statement's credit lines (from a file a cashier uploads or from the bank's webhook): each line is stored
 * once (its bank reference is unique in the unit: a line seen before is "already imported" and changes nothing) and,
 * in the same transaction, matched to the pending fee whose dossier code its description carries, when the amount is
 * exactly the fee — which records the payment and issues the receipt. One transaction per line: a line that cannot be
 * matched never holds back the others. After each payment commits, its receipt is signed and the collection audited,
 * as at the counter; the import itself is audited with its counts.
 */
import type { Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/index.js';
import { audit } from '../../platform/audit.js';
import { codeSettingsOf } from '../../dossiers/settings.js';
import type { Collector } from '../collect.js';
import { receiptLabel } from '../model.js';
import type { ReceiptSigner } from '../receipt-signer.js';
import { codesIn, compactAscii, feesNamedIn, type PendingFee } from './match.js';
import { isReferenceTaken, payWithLine, type LineMatch } from './record.js';
import type { StatementLine } from './statement.js';

/** Who records the payments of a webhook's lines (printed as "Người thu tiền" on their receipts). */
export const BANK_COLLECTOR_NAME = 'Đối soát tự động với ngân hàng';

export type ImportSource =
  | { kind: 'file'; fileName: string; sha256: string; officer: { userId: number; fullName: string } }
  | { kind: 'webhook'; sha256: string };

export type LineOutcome =
  | { bankRef: string; outcome: 'matched'; dossierCode: string; receiptId: number; receipt: string }
  | { bankRef: string; outcome: 'unmatched'; reason: string }
  | { bankRef: string; outcome: 'alreadyImported' };

export interface ImportResult {
  /** null when nothing new was stored (every line already imported, or none). */
  importId: number | null;
  linesRead: number;
  matched: number;
  unmatched: number;
  alreadyImported: number;
  /** Debit rows of the file, left out. */
  debitLines: number;
  outcomes: LineOutcome[];
}

export interface ImportInput {
  unitId: number;
  source: ImportSource;
  lines: Array<Pick<StatementLine, 'bankRef' | 'bookedAt' | 'amount' | 'description'>>;
  debitLines?: number;
  now: Date;
  ip?: string | null;
}

type Line = ImportInput['lines'][number];

/** The dossier a line names: one pending fee's code, else a code of the unit's format; or why none. */
async function dossierNamed(db: Database, unitId: number, line: Line, pending: PendingFee[], settings: { agencyCode: string; format: string }): Promise<{ dossierId: number } | { reason: string }> {
  const fees = feesNamedIn(line.description, pending);
  if (fees.length === 1) return { dossierId: fees[0]!.dossierId };
  if (fees.length > 1) {
    return { reason: `Nội dung chuyển khoản có nhiều mã hồ sơ (${fees.map((f) => f.code).join(', ')}); mỗi giao dịch chỉ trả phí cho một hồ sơ. Hãy khớp thủ công.` };
  }
  const codes = codesIn(line.description, settings);
  if (!codes.length) return { reason: 'Không tìm thấy mã hồ sơ trong nội dung chuyển khoản.' };
  const found = await db.withRawTransaction((tx) => tx.query<{ id: number; code: string }>('select id, code from dossiers where unit_id = $1 and code = any($2::text[])', [unitId, codes]));
  if (found.length === 1) return { dossierId: Number(found[0]!.id) };
  if (found.length > 1) {
    return { reason: `Nội dung chuyển khoản có nhiều mã hồ sơ (${found.map((f) => f.code).join(', ')}); mỗi giao dịch chỉ trả phí cho một hồ sơ. Hãy khớp thủ công.` };
  }
  return { reason: `Nội dung chuyển khoản có mã hồ sơ ${codes.join(', ')} nhưng đơn vị không có hồ sơ nào mang mã này.` };
}

/** The unit's pending fees with their dossier codes. */
export async function pendingFees(db: Database, unitId: number): Promise<PendingFee[]> {
  const rows = await db.withRawTransaction((tx) => tx.query<{ dossier_id: number; code: string }>(
    `select p.dossier_id, d.code from payments p join dossiers d on d.unit_id = p.unit_id and d.id = p.dossier_id
     where p.unit_id = $1 and p.status = 'pending' and d.code is not null`, [unitId]));
  return rows.map((r) => ({ dossierId: Number(r.dossier_id), code: r.code, compact: compactAscii(r.code) }));
}

export async function importStatement(db: Database, signer: ReceiptSigner, input: ImportInput): Promise<ImportResult> {
  const { unitId, source, now } = input;
  const collector: Collector = source.kind === 'file' ? { userId: source.officer.userId, fullName: source.officer.fullName } : { userId: null, fullName: BANK_COLLECTOR_NAME };
  const [pending, settings] = await Promise.all([pendingFees(db, unitId), codeSettingsOf(db, unitId)]);
  const result: ImportResult = { importId: null, linesRead: input.lines.length, matched: 0, unmatched: 0, alreadyImported: 0, debitLines: input.debitLines ?? 0, outcomes: [] };

  // the import row is written with the first new line: a statement seen before leaves no trace but the audit entry
  const importId = async (): Promise<number> => {
    if (result.importId === null) {
      const rows = await db.withRawTransaction((tx) => tx.query<{ id: number }>(
        `insert into bank_statement_imports (unit_id, source, file_name, file_sha256, imported_by, imported_at) values ($1, $2, $3, $4, $5, $6) returning id`,
        [unitId, source.kind, source.kind === 'file' ? source.fileName : null, source.sha256, source.kind === 'file' ? source.officer.userId : null, now.toISOString()]));
      result.importId = Number(rows[0]!.id);
    }
    return result.importId;
  };
  // references stored before this import (one query); a reference twice in this statement is caught by the insert
  const refs = [...new Set(input.lines.map((l) => l.bankRef))];
  const seen = new Set((await db.withRawTransaction((tx) => tx.query<{ bank_ref: string }>(
    'select bank_ref from bank_statement_lines where unit_id = $1 and bank_ref = any($2::text[])', [unitId, refs]))).map((r) => r.bank_ref));

  for (const line of input.lines) {
    if (seen.has(line.bankRef)) {
      result.alreadyImported++;
      result.outcomes.push({ bankRef: line.bankRef, outcome: 'alreadyImported' });
      continue;
    }
    const id = await importId();
    const named = await dossierNamed(db, unitId, line, pending, settings);
    const insert = `insert into bank_statement_lines (unit_id, import_id, bank_ref, booked_at, amount, description, status, reason, created_at)
      values ($1, $2, $3, $4, $5, $6, 'unmatched', $7, $8) on conflict (unit_id, bank_ref) do nothing returning id`;
    const params = (reason: string) => [unitId, id, line.bankRef, line.bookedAt.toISOString(), line.amount, line.description, reason, now.toISOString()];
    let match: LineMatch | 'alreadyImported';
    try {
      match = await db.withRawTransaction(async (tx) => {
        const inserted = await tx.query<{ id: number }>(insert, params('reason' in named ? named.reason : '…'));
        if (!inserted[0]) return 'alreadyImported' as const;
        if ('reason' in named) return { kind: 'refused', reason: named.reason } as const;
        const m = await payWithLine(tx, unitId, named.dossierId, line, collector, now);
        if (m.kind === 'refused') {
          await tx.query('update bank_statement_lines set reason = $3 where unit_id = $1 and id = $2', [unitId, inserted[0].id, m.reason]);
        } else {
          await tx.query(`update bank_statement_lines set status = 'matched', reason = null, payment_id = $3, dossier_id = $4, receipt_id = $5 where unit_id = $1 and id = $2`,
            [unitId, inserted[0].id, m.payment.id, m.payment.dossierId, m.receipt.id]);
        }
        return m;
      });
    } catch (err) {
      // refused while recording (receipts not set up, the reference recorded meanwhile by a cashier): the line is kept with the reason
      const reason = err instanceof AppError && err.status < 500 ? err.message
        : isReferenceTaken(err) ? `Mã giao dịch ${line.bankRef} vừa được dùng để xác nhận phí, lệ phí của một hồ sơ khác; một giao dịch chỉ trả phí một lần.` : null;
      if (reason === null) throw err;
      const inserted = await db.withRawTransaction((tx) => tx.query(insert, params(reason)));
      match = inserted.length ? { kind: 'refused', reason } : 'alreadyImported';
    }
    if (match === 'alreadyImported') {
      result.alreadyImported++;
      result.outcomes.push({ bankRef: line.bankRef, outcome: 'alreadyImported' });
    } else if (match.kind === 'refused') {
      result.unmatched++;
      result.outcomes.push({ bankRef: line.bankRef, outcome: 'unmatched', reason: match.reason });
    } else {
      result.matched++;
      result.outcomes.push({ bankRef: line.bankRef, outcome: 'matched', dossierCode: match.dossierCode, receiptId: match.receipt.id, receipt: receiptLabel(match.receipt) });
      if (match.kind === 'paid') {
        await audit(db, {
          unitId, actorUserId: collector.userId, action: 'payments.collect', target: `fee_receipt:${match.receipt.id}`,
          details: { dossierCode: match.dossierCode, method: 'vietqr', amount: match.receipt.amount, receipt: receiptLabel(match.receipt), reference: line.bankRef, reconciled: source.kind },
          ip: input.ip ?? null,
        });
        await signer.signPending(unitId, match.payment.dossierId);
      }
    }
  }

  if (result.importId !== null) {
    await db.withRawTransaction((tx) => tx.query(
      `update bank_statement_imports set lines_read = $3, matched_count = $4, unmatched_count = $5, already_imported_count = $6 where unit_id = $1 and id = $2`,
      [unitId, result.importId, result.linesRead, result.matched, result.unmatched, result.alreadyImported]));
  }
  await audit(db, {
    unitId, actorUserId: source.kind === 'file' ? source.officer.userId : null, action: 'payments.reconcile.import',
    target: result.importId === null ? null : `bank_statement_import:${result.importId}`,
    details: {
      source: source.kind, ...(source.kind === 'file' ? { fileName: source.fileName } : {}), sha256: source.sha256, linesRead: result.linesRead,
      matched: result.matched, unmatched: result.unmatched, alreadyImported: result.alreadyImported, debitLines: result.debitLines,
    },
    ip: input.ip ?? null,
  });
  return result;
}
