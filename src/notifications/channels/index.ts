import type { Config } from '../../config.js';
import type { ChannelName, Transport } from '../model.js';
import { logTransport, type NotificationLog } from './log.js';
import { smsGatewayTransport } from './sms-http.js';
import { smtpTransport } from './smtp.js';

export { logTransport, smsGatewayTransport, smtpTransport };
export { messageId, senderDomain } from './smtp.js';
export { internationalNumber } from './sms-http.js';

export type Transports = Record<ChannelName, Transport>;

/** The sender when XASO_SMTP_FROM is not set: no-reply at the public site's host. */
const defaultFrom = (publicUrl: string | undefined) => `Xã Số <no-reply@${publicUrl ? new URL(publicUrl).hostname : 'localhost'}>`;

/** Each channel's transport as configured: SMTP and the SMS gateway when set, else the log. */
export function transportsFromConfig(config: Pick<Config, 'smtpUrl' | 'smtpFrom' | 'smsUrl' | 'smsToken' | 'publicUrl'>, log: NotificationLog): Transports {
  const toLog = logTransport(log);
  return {
    email: config.smtpUrl ? smtpTransport({ url: config.smtpUrl, from: config.smtpFrom ?? defaultFrom(config.publicUrl) }) : toLog,
    sms: config.smsUrl ? smsGatewayTransport({ url: config.smsUrl, token: config.smsToken }) : toLog,
  };
}
