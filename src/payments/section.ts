/** The dossier page's fee section for one person (staff of the dossier's unit, or its applicant). */
import type { Database } from '../platform/db/index.js';
import type { Principal } from '../platform/http/index.js';
import type { Dossier } from '../dossiers/model.js';
import { dossierRef } from '../dossiers/model.js';
import { paymentOf, receiptsOf } from './operations.js';
import { paymentSettingsOf, receiptSetupProblems } from './settings.js';
import { transferDetails } from './transfer.js';
import { FeeSection } from './views/fee-section.js';
import type { PaymentGateway } from './gateway.js';
import { attemptsOf, isDuplicate, isRefundDue, mayRecordRefund, onlinePayPath, refundPath } from './online.js';

/** How long after opening the gateway's page a payer may still be paying there (its vnp_ExpireDate). */
const GATEWAY_PAGE_MINUTES = 15;

/** Who collects fees at the counter. */
export const COLLECTOR_ROLES = ['receptionist'] as const;

export interface FeeSectionOptions {
  audience: 'staff' | 'applicant';
  principal: Principal;
  csrfToken: string;
  error?: { param: string; message: string } | undefined;
  reference?: string;
  /** The installation's online payment gateway, if any (the applicant may pay through it). */
  gateway?: PaymentGateway | null;
}

/** The section's HTML, or null when the dossier has no fee to pay. */
export async function feeSectionHtml(db: Database, d: Dossier, o: FeeSectionOptions): Promise<string | null> {
  const payment = await paymentOf(db, d.unitId, d.id);
  if (!payment) return null;
  const ref = dossierRef(d);
  const canCollect = o.audience === 'staff' && payment.status === 'pending' && o.principal.grants.some((g) => g.unitId === d.unitId && g.role === 'receptionist');
  const settings = await paymentSettingsOf(db, d.unitId);
  const attempts = o.gateway ? await attemptsOf(db, d.unitId, payment.id) : [];
  const since = Date.now() - GATEWAY_PAGE_MINUTES * 60_000;
  return FeeSection({
    audience: o.audience, payment, receipts: await receiptsOf(db, d.unitId, d.id),
    transfer: transferDetails(settings, payment, d.code),
    collectPath: canCollect ? `/can-bo/ho-so/${ref}/thu-phi` : null, csrfToken: o.csrfToken,
    onlinePay: o.gateway && o.audience === 'applicant' && payment.status === 'pending' && !receiptSetupProblems(settings).length
      ? { path: onlinePayPath(ref), label: o.gateway.label, demo: o.gateway.demo } : null,
    payingOnlineSince: payment.status === 'pending' ? attempts.find((a) => a.status === 'started' && a.createdAt.getTime() > since)?.createdAt ?? null : null,
    refundsDue: attempts.filter((a) => isRefundDue(a, payment)).map((a) => ({
      id: a.id, amount: a.amount, gateway: o.gateway?.label ?? a.gateway, transactionNo: a.transactionNo ?? '', at: a.finishedAt ?? a.createdAt,
      refundPath: o.audience === 'staff' && mayRecordRefund(o.principal, d.unitId) ? refundPath(ref, a.id) : null,
      error: o.error?.param === `refund-${a.id}` ? o.error.message : undefined,
    })),
    refunded: attempts.filter((a) => isDuplicate(a, payment) && a.refundedAt).map((a) => ({ amount: a.amount, gateway: o.gateway?.label ?? a.gateway, at: a.refundedAt!, note: a.refundNote ?? '' })),
    receiptHref: (r) => (o.audience === 'staff' ? `/can-bo/bien-lai/${r.id}` : `/ho-so-cua-toi/${ref}/bien-lai/${r.id}.pdf`),
    error: o.error, ...(o.reference !== undefined ? { reference: o.reference } : {}),
  }) as string;
}
