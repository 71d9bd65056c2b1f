/**
 * The log "channel": what the demo and an installation without SMTP or SMS gateway use. It writes that a message
 * would have gone out, with the recipient masked; the text itself only at debug level (it names the applicant).
 */
import type { Transport } from '../model.js';
import { maskRecipient } from '../mask.js';

export interface NotificationLog {
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export function logTransport(log: NotificationLog): Transport {
  return {
    name: 'log',
    async send(m) {
      const fields = { notification: `${m.unitId}/${m.id}`, channel: m.channel, to: maskRecipient(m.recipient), subject: m.subject || undefined, chars: m.text.length };
      log.info(fields, 'notification written to the log (no SMTP server or SMS gateway configured)');
      log.debug({ ...fields, text: m.text }, 'notification text');
    },
  };
}
