/**
 * The dossier side of fee payments (payments/ keeps the payment records): the projection's `fee_paid` and
 * `fee_method` mirror the dossier's payment. They change with the payment, in its transaction, without a new dossier
 * version (a payment is not a workflow action: it never changes the dossier's state or its event chain).
 */
import type { RawTransaction } from '../platform/db/index.js';

/**
 * Locks the dossier row. Every payment operation locks the dossier first, then the payment, then the receipt counter,
 * the order in which a dossier action reaches them, so that the two never wait for each other.
 * @returns false when the dossier does not exist.
 */
export async function lockDossierForFee(tx: RawTransaction, unitId: number, dossierId: number): Promise<boolean> {
  return (await tx.query('select 1 from dossiers where unit_id = $1 and id = $2 for update', [unitId, dossierId])).length === 1;
}

/** Records on the dossier that its fee is paid by `method`, or (null) that it is not paid. */
export async function setFeePaid(tx: RawTransaction, unitId: number, dossierId: number, method: string | null): Promise<void> {
  await tx.query('update dossiers set fee_paid = $3, fee_method = $4, updated_at = now() where unit_id = $1 and id = $2', [unitId, dossierId, method !== null, method]);
}
