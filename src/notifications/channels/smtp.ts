/**
 * E-mail over SMTP (nodemailer). The Message-ID is derived from the outbox row, so a message sent again after a
 * crash between sending and recording it carries the same id and mail systems can drop the second copy.
 */
import nodemailer from 'nodemailer';
import { PermanentDeliveryError, type OutgoingMessage, type Transport } from '../model.js';

export interface SmtpOptions {
  /** smtp://user:password@host:port or smtps://… */
  url: string;
  /** "UBND xã Tứ Mỹ <thongbao@tumy.hatinh.gov.vn>" */
  from: string;
}

/** The domain of the sender's address, for Message-IDs. */
export function senderDomain(from: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  return m?.[1] ?? 'localhost';
}

export const messageId = (m: Pick<OutgoingMessage, 'unitId' | 'id'>, domain: string) => `<thongbao.${m.unitId}.${m.id}@${domain}>`;

export function smtpTransport(opts: SmtpOptions): Transport {
  const mailer = nodemailer.createTransport({ url: opts.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, logger: false });
  const domain = senderDomain(opts.from);
  return {
    name: 'smtp',
    async send(m) {
      try {
        await mailer.sendMail({
          from: opts.from,
          to: m.recipient,
          subject: m.subject,
          text: m.text,
          ...(m.html ? { html: m.html } : {}),
          messageId: messageId(m, domain),
          headers: { 'Auto-Submitted': 'auto-generated', ...(m.unsubscribeUrl ? { 'List-Unsubscribe': `<${m.unsubscribeUrl}>` } : {}) },
        });
      } catch (err) {
        const e = err as { responseCode?: number; command?: string; message?: string };
        const reason = `Máy chủ thư: ${e.message ?? String(err)}`;
        // the server refused this recipient (no such mailbox…): trying again will not help
        if (e.responseCode && e.responseCode >= 500 && e.command === 'RCPT TO') throw new PermanentDeliveryError(reason);
        throw new Error(reason);
      }
    },
  };
}
