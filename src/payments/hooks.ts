/**
 * What fee collection does with dossier actions, in the action's transaction: on receipt the payment record is
 * created (and, when the receptionist ticks "paid at the counter", the cash payment recorded and its receipt issued);
 * a result whose fee is due before the result is not returned unpaid; a dossier that ends without a result no longer
 * owes its pending fee. After the commit, a receipt issued at receipt is signed.
 */
import type { DossierHooks } from '../dossiers/act.js';
import { assertPaidBeforeResult, cancelPendingPayment, createPayment, recordPayment } from './collect.js';
import type { ReceiptSigner } from './receipt-signer.js';

export function paymentHooks(signer: ReceiptSigner): DossierHooks {
  return {
    async inTransaction(tx, { dossier, event, actor }) {
      switch (event.action) {
        case 'receive': {
          const payment = await createPayment(tx, dossier);
          if (payment && dossier.feePaid) await recordPayment(tx, dossier, payment, { method: 'cash', reference: null, collector: actor, now: event.at });
          return;
        }
        case 'returnResult':
          if (event.stateBefore === 'resultReady') await assertPaidBeforeResult(tx, dossier.unitId, dossier.id);
          return;
        case 'withdraw':
        case 'stop':
        case 'refuse':
          await cancelPendingPayment(tx, dossier.unitId, dossier.id);
          return;
        default:
          return;
      }
    },
    async afterCommit({ dossier, event }) {
      if (event.action === 'receive' && dossier.feePaid) await signer.signPending(dossier.unitId, dossier.id);
    },
  };
}
