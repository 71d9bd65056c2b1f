/**
 * Importing a statement's credit lines (from a file a cashier uploads or from the bank's webhook): each line is stored
 * once (its bank reference is unique in the unit: a line seen before is "already imported" and changes nothing) and,
 * in the same transaction, matched to the pending fee whose dossier code its description carries, when the amount is
 * exactly the fee — which records the payment and issues the receipt. One transaction per line: a line that cannot be
 * matched never holds back the others, nor does one that fails unexpectedly (it is kept unmatched with a generic reason
 * and logged). After each payment commits, its receipt is signed and the collection audited, as at the counter; the
 * import itself is always audited with its counts, whatever happened to its lines.
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
import { storableText } from './values.js';

/** Who records the payments of a webhook's lines (printed as "Người thu tiền" on their receipts). */
export const BANK_COLLECTOR_NAME = 'Đối soát tự động với ngân hàng';

/** The reason kept on a line whose matching failed unexpectedly (the error itself is logged). */
export const LINE_ERROR_REASON = 'Lỗi hệ thống khi đối soát tự động giao dịch này (đã ghi nhật ký). Hãy khớp thủ công với hồ sơ hoặc đánh dấu không phải phí, lệ phí.';
/** The reason answered for a line that could not even be stored: it is not kept, and is read again when sent again. */
export const LINE_NOT_STORED_REASON = 'Lỗi hệ thống: chưa lưu được giao dịch này (đã ghi nhật ký). Hãy gửi hoặc nhập lại sau; giao dịch đã lưu không bị ghi nhận hai lần.';

/** Where unexpected errors are logged (the request's logger). */
export interface ImportLog {
  error(obj: object, msg: string): void;
}

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
  log?: ImportLog;
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
  const log = input.log ?? { error: () => undefined };
  const collector: Collector = source.kind === 'file' ? { userId: source.officer.userId, fullName: source.officer.fullName } : { userId: null, fullName: BANK_COLLECTOR_NAME };
  // text fit to store whoever read it (PostgreSQL refuses NUL): control characters become spaces
  const lines: Line[] = input.lines.map((l) => ({ ...l, bankRef: storableText(l.bankRef).trim(), description: storableText(l.description).slice(0, 1000) }));
  const [pending, settings] = await Promise.all([pendingFees(db, unitId), codeSettingsOf(db, unitId)]);
  const result: ImportResult = { importId: null, linesRead: lines.length, matched: 0, unmatched: 0, alreadyImported: 0, debitLines: input.debitLines ?? 0, outcomes: [] };
  let lineErrors = 0;

  // the import row is written with the first new line: a statement seen before leaves no trace but the audit entry
  const importId = async (): Promise<number> => {
    if (result.importId === null) {
      const rows = await db.withRawTransaction((tx) => tx.query<{ id: number }>(
        `insert into bank_statement_imports (unit_id, source, file_name, file_sha256, imported_by, imported_at) values ($1, $2, $3, $4, $5, $6) returning id`,
        [unitId, source.kind, source.kind === 'file' ? storableText(source.fileName) : null, source.sha256, source.kind === 'file' ? source.officer.userId : null, now.toISOString()]));
      result.importId = Number(rows[0]!.id);
    }
    return result.importId;
  };
  const insert = `insert into bank_statement_lines (unit_id, import_id, bank_ref, booked_at, amount, description, status, reason, created_at)
    values ($1, $2, $3, $4, $5, $6, 'unmatched', $7, $8) on conflict (unit_id, bank_ref) do nothing returning id`;
  const params = (id: number, line: Line, reason: string) => [unitId, id, line.bankRef, line.bookedAt.toISOString(), line.amount, line.description, reason, now.toISOString()];

  /** Stores the line and matches it, in one transaction; throws only what nobody expects. */
  async function matchLine(line: Line): Promise<LineMatch | 'alreadyImported'> {
    const id = await importId();
    const named = await dossierNamed(db, unitId, line, pending, settings);
    try {
      return await db.withRawTransaction(async (tx) => {
        const inserted = await tx.query<{ id: number }>(insert, params(id, line, 'reason' in named ? named.reason : '…'));
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
      return keep(line, reason);
    }
  }

  /** Stores the line unmatched with the reason (nothing when it is stored already). */
  async function keep(line: Line, reason: string): Promise<LineMatch | 'alreadyImported'> {
    const id = await importId();
    const inserted = await db.withRawTransaction((tx) => tx.query(insert, params(id, line, reason)));
    return inserted.length ? { kind: 'refused', reason } : 'alreadyImported';
  }

  /** An unexpected error on one line: logged, the line kept unmatched for the cashier, and the next line read. */
  async function afterError(line: Line, err: unknown): Promise<LineMatch | 'alreadyImported'> {
    lineErrors++;
    log.error({ err, unitId, bankRef: line.bankRef, source: source.kind }, 'bank statement line could not be reconciled; kept unmatched');
    try {
      return await keep(line, LINE_ERROR_REASON);
    } catch (again) {
      log.error({ err: again, unitId, bankRef: line.bankRef, source: source.kind }, 'bank statement line could not be stored');
      return { kind: 'refused', reason: LINE_NOT_STORED_REASON };
    }
  }

  let failed = false;
  try {
    // references stored before this import (one query); a reference twice in this statement is caught by the insert
    const refs = [...new Set(lines.map((l) => l.bankRef))];
    const seen = new Set((await db.withRawTransaction((tx) => tx.query<{ bank_ref: string }>(
      'select bank_ref from bank_statement_lines where unit_id = $1 and bank_ref = any($2::text[])', [unitId, refs]))).map((r) => r.bank_ref));

    for (const line of lines) {
      let match: LineMatch | 'alreadyImported';
      if (seen.has(line.bankRef)) match = 'alreadyImported';
      else {
        try {
          match = await matchLine(line);
        } catch (err) {
          match = await afterError(line, err);
        }
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
          // the payment is committed: what follows cannot undo it, and a failure of it must not stop the next lines
          try {
            await audit(db, {
              unitId, actorUserId: collector.userId, action: 'payments.collect', target: `fee_receipt:${match.receipt.id}`,
              details: { dossierCode: match.dossierCode, method: 'vietqr', amount: match.receipt.amount, receipt: receiptLabel(match.receipt), reference: line.bankRef, reconciled: source.kind },
              ip: input.ip ?? null,
            });
            await signer.signPending(unitId, match.payment.dossierId);
          } catch (err) {
            log.error({ err, unitId, bankRef: line.bankRef, receiptId: match.receipt.id }, 'reconciled payment recorded, but its audit entry or receipt signature failed');
          }
        }
      }
    }
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    // the import's counts and its audit entry, whatever happened above (an error thrown there still propagates)
    try {
      if (result.importId !== null) {
        await db.withRawTransaction((tx) => tx.query(
          `update bank_statement_imports set lines_read = $3, matched_count = $4, unmatched_count = $5, already_imported_count = $6 where unit_id = $1 and id = $2`,
          [unitId, result.importId, result.linesRead, result.matched, result.unmatched, result.alreadyImported]));
      }
      await audit(db, {
        unitId, actorUserId: source.kind === 'file' ? source.officer.userId : null, action: 'payments.reconcile.import',
        target: result.importId === null ? null : `bank_statement_import:${result.importId}`,
        details: {
          source: source.kind, ...(source.kind === 'file' ? { fileName: storableText(source.fileName) } : {}), sha256: source.sha256, linesRead: result.linesRead,
          matched: result.matched, unmatched: result.unmatched, alreadyImported: result.alreadyImported, debitLines: result.debitLines,
          ...(lineErrors ? { lineErrors } : {}), ...(failed ? { interrupted: true } : {}),
        },
        ip: input.ip ?? null,
      });
    } catch (err) {
      if (!failed) throw err; // else the first error is the one to report
      log.error({ err, unitId, importId: result.importId }, 'bank statement import: its counts or audit entry could not be written');
    }
  }
  return result;
}
