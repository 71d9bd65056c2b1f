/**
 * Signing fee receipts: the receipt (its number and content already fixed when the fee was collected) is rendered,
 * signed with the collecting organisation's certificate from the keystore (Decree 254/2026 Art. 23(2)(g): the
 * digital signature of the fee-collecting organisation — the same unit certificate that seals issued documents),
 * stored in the file store and its SHA-256 recorded. Done right after the payment commits and, if that failed
 * (no certificate yet, a token unplugged), again when the receipt is downloaded. A cancelled receipt gets a second
 * signed copy marked ĐÃ HỦY; the first stays as it was.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/http/index.js';
import { findUnitById, peoplesCommitteeName } from '../identity/index.js';
import { signPdf } from '../signing/index.js';
import type { IssuerDeps } from '../documents/issuing/issuer.js';
import { receiptNumberText, toReceipt, type FeeReceipt } from './model.js';
import { renderFeeReceiptPdf, signatureAppearancePdf } from './receipt-pdf.js';

/** What the issuer of outgoing documents uses (database, keystore, file store, public address, CMS options, clock). */
export type ReceiptSignerDeps = Omit<IssuerDeps, 'log'> & { log?: { warn(obj: object, msg: string): void } };

export interface ReceiptSigner {
  /** The receipt with its signed PDF (the ĐÃ HỦY copy for a cancelled one), signing it now if it has none yet. */
  ensureSigned(unitId: number, id: number): Promise<FeeReceipt>;
  /** Signs what is unsigned among a dossier's receipts; failures are recorded on the receipt, never thrown. */
  signPending(unitId: number, dossierId: number): Promise<void>;
  /** The signed PDF to send (the current copy). */
  pdfOf(r: FeeReceipt): Promise<Buffer>;
}

const needsSigning = (r: FeeReceipt) => (r.status === 'cancelled' ? r.cancelledStorageKey === null : r.storageKey === null);
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 500);

export function createReceiptSigner(deps: ReceiptSignerDeps): ReceiptSigner {
  const { db, keystore, store } = deps;
  const clock = deps.clock ?? (() => new Date());
  const base = () => (typeof deps.publicBaseUrl === 'function' ? deps.publicBaseUrl() : deps.publicBaseUrl).replace(/\/$/, '');

  async function load(unitId: number, id: number): Promise<FeeReceipt | null> {
    const rows = await db.withRawTransaction((tx) => tx.query('select * from fee_receipts where unit_id = $1 and id = $2', [unitId, id]));
    return rows[0] ? toReceipt(rows[0]) : null;
  }

  async function sign(r: FeeReceipt): Promise<FeeReceipt> {
    const unit = await findUnitById(db, r.unitId);
    const signer = unit ? await keystore.signer('unit', unit.code) : null;
    if (!unit || !signer) {
      throw new AppError(503, 'NO_COLLECTOR_CERTIFICATE', `Chưa ký số được biên lai: ${unit ? peoplesCommitteeName(unit.fullName) : 'đơn vị'} chưa có chứng thư số của cơ quan trong kho khóa (xaso keys import --unit ${unit?.code ?? ''}).`);
    }
    const cancelled = r.status === 'cancelled';
    const signedAt = clock();
    const rendered = await renderFeeReceiptPdf(r, { cancelled, verifyUrl: `${base()}/kiem-tra-chu-ky` });
    const label = `${r.receiptSymbol} số ${receiptNumberText(r.number)}`;
    const rect = rendered.signatureRect;
    const pdf = Buffer.from(await signPdf(rendered.pdf, signer, {
      name: r.collectorName, reason: cancelled ? `Hủy biên lai thu phí, lệ phí ${label}` : `Lập biên lai thu phí, lệ phí ${label}`,
      location: unit.name, signingTime: signedAt,
    }, { ...deps.cms, pageIndex: rect.page, appearance: { pdf: await signatureAppearancePdf(r.collectorName, signedAt, rect), rect } }));
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const key = `receipts/${r.unitId}/${r.year}/${r.number}-${cancelled ? 'huy-' : ''}${sha256.slice(0, 16)}`;
    await store.put(key, pdf); // before the row points at it: a crash leaves an unreferenced file, never a missing one
    const rows = await db.withRawTransaction((tx) => tx.query(cancelled
      ? `update fee_receipts set cancelled_storage_key = $3, cancelled_pdf_sha256 = $4, sign_error = null
         where unit_id = $1 and id = $2 and cancelled_storage_key is null returning *`
      : `update fee_receipts set storage_key = $3, pdf_sha256 = $4, signed_at = $5, sign_error = null
         where unit_id = $1 and id = $2 and storage_key is null returning *`,
    cancelled ? [r.unitId, r.id, key, sha256] : [r.unitId, r.id, key, sha256, signedAt.toISOString()]));
    // signed meanwhile by another request: keep the copy recorded first
    return rows[0] ? toReceipt(rows[0]) : (await load(r.unitId, r.id))!;
  }

  async function ensureSigned(unitId: number, id: number): Promise<FeeReceipt> {
    const r = await load(unitId, id);
    if (!r) throw new AppError(404, 'NOT_FOUND', 'Không tìm thấy biên lai.');
    if (!needsSigning(r)) return r;
    try {
      return await sign(r);
    } catch (err) {
      await db.withRawTransaction((tx) => tx.query('update fee_receipts set sign_error = $3 where unit_id = $1 and id = $2', [unitId, id, errorText(err)]));
      throw err;
    }
  }

  async function signPending(unitId: number, dossierId: number): Promise<void> {
    const rows = await db.withRawTransaction((tx) => tx.query<{ id: number }>(
      `select id from fee_receipts where unit_id = $1 and dossier_id = $2
         and ((status = 'issued' and storage_key is null) or (status = 'cancelled' and cancelled_storage_key is null)) order by id`, [unitId, dossierId]));
    for (const { id } of rows) {
      try {
        await ensureSigned(unitId, Number(id));
      } catch (err) {
        deps.log?.warn({ unitId, receiptId: Number(id), reason: errorText(err) }, 'receipt signing failed; it is signed again when downloaded');
      }
    }
  }

  async function pdfOf(r: FeeReceipt): Promise<Buffer> {
    const key = r.status === 'cancelled' ? r.cancelledStorageKey : r.storageKey;
    if (!key) throw new AppError(503, 'NOT_SIGNED', 'Biên lai chưa được ký số. Hãy thử lại sau ít phút.');
    return store.get(key);
  }

  return { ensureSigned, signPending, pdfOf };
}
