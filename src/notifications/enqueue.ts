/**
 * Queueing: a dossier hook that writes the messages of an action into the outbox in the action's own transaction,
 * so a message exists if and only if the action happened. Rendered now (a later template change never alters a
 * queued message); one row per channel, keyed by dossier, event and channel so nothing is queued twice.
 */
import type { RawTransaction } from '../platform/db/index.js';
import type { DossierHooks, Dossier, DossierEvent } from '../dossiers/index.js';
import { findUnitByIdIn } from '../identity/index.js';
import { emailContent } from './email-content.js';
import { emailHtml, emailText } from './email-render.js';
import { noticeFacts, type Notice } from './notice.js';
import { recipientsOf, type Recipient } from './recipients.js';
import { smsText } from './sms-content.js';
import { unsubscribeToken } from './unsubscribe-token.js';

export interface EnqueueDeps {
  /** The installation's notification secret (unsubscribe tokens, address keys). */
  secret: string;
  /** Absolute base of the unit's public website, without trailing slash: "https://tumy.hatinh.gov.vn". */
  publicBaseUrl: (unitId: number) => string;
}

export const UNSUBSCRIBE_PATH = '/thong-bao/ngung-nhan';

function rendered(n: Notice, r: Recipient, deps: EnqueueDeps, base: string) {
  if (r.channel === 'sms') return { subject: '', text: smsText(n), html: null, unsubscribeUrl: null };
  const unsubscribeUrl = r.unsubscribe ? `${base}${UNSUBSCRIBE_PATH}/${unsubscribeToken(deps.secret, r.unsubscribe)}` : null;
  const content = emailContent(n);
  return { subject: content.subject, text: emailText(content, unsubscribeUrl), html: emailHtml(content, unsubscribeUrl), unsubscribeUrl };
}

/** Queues the messages of one dossier event (nothing for events residents are not told about). Returns how many. */
export async function enqueueFor(tx: RawTransaction, deps: EnqueueDeps, dossier: Dossier, event: DossierEvent): Promise<number> {
  const facts = noticeFacts(dossier, event);
  if (!facts || !dossier.code) return 0;
  const recipients = await recipientsOf(tx, dossier, deps.secret);
  if (!recipients.length) return 0;
  const unit = await findUnitByIdIn(tx, dossier.unitId);
  const base = deps.publicBaseUrl(dossier.unitId).replace(/\/$/, '');
  const notice: Notice = {
    facts, applicantName: dossier.applicant.fullName, code: dossier.code, procedureName: dossier.procedure.name, unitName: unit?.fullName ?? '',
    lookupUrl: `${base}/tra-cuu?ma=${encodeURIComponent(dossier.code)}`,
    ownPageUrl: dossier.ownerUserId !== null ? `${base}/ho-so-cua-toi/${encodeURIComponent(dossier.code)}` : null,
  };
  let queued = 0;
  for (const r of recipients) {
    const m = rendered(notice, r, deps, base);
    const rows = await tx.query(
      `insert into notifications (unit_id, dossier_id, event_seq, kind, channel, recipient, subject, body_text, body_html, unsubscribe_url, dedupe_key, next_attempt_at, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) on conflict (unit_id, dedupe_key) do nothing returning id`,
      [dossier.unitId, dossier.id, event.seq, facts.kind, r.channel, r.address, m.subject, m.text, m.html, m.unsubscribeUrl,
        `${dossier.id}:${event.seq}:${r.channel}`, event.at.toISOString()],
    );
    queued += rows.length;
  }
  return queued;
}

/** The hook the composition root attaches to dossier actions. */
export const notificationHooks = (deps: EnqueueDeps): DossierHooks => ({
  inTransaction: (tx, { dossier, event }) => enqueueFor(tx, deps, dossier, event).then(() => undefined),
});
