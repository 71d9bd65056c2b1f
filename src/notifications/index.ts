/**
 * Notifications to residents about their dossiers: queued in the dossier action's transaction (a dossier hook),
 * delivered by a background job through e-mail (SMTP), SMS (HTTP gateway) or the log; see docs/notifications.md.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../platform/db/index.js';
import { installationSecret } from '../platform/settings.js';
import type { DossierHooks } from '../dossiers/index.js';
import { transportsFromConfig, type Transports } from './channels/index.js';
import type { NotificationLog } from './channels/log.js';
import { createDeliveryJob, parseRetryMinutes, type DeliveryJob } from './delivery.js';
import { notificationHooks } from './enqueue.js';
import { registerNotificationRoutes } from './routes.js';

export type { ChannelName, NotificationKind, NotificationLine, OutgoingMessage, Transport } from './model.js';
export { PermanentDeliveryError } from './model.js';
export { createDeliveryJob, parseRetryMinutes, retryDelayMs, type DeliveryJob, type RunOutcome } from './delivery.js';
export { transportsFromConfig, smtpTransport, smsGatewayTransport, logTransport, messageId, type Transports } from './channels/index.js';
export { notificationsOfDossier, statusText } from './status.js';
export { DossierNotifications } from './dossier-list.js';
export { enqueueFor, notificationHooks, UNSUBSCRIBE_PATH } from './enqueue.js';
export { PREFERENCES_PATH } from './views.js';

/** The secret behind unsubscribe tokens and the keyed hashes of opted-out addresses, shared by all instances. */
export const notificationSecret = (db: Database) => installationSecret(db, 'notifications.secret');

export interface Notifications {
  /** Queues an action's messages in its transaction. */
  hooks: DossierHooks;
  job: DeliveryJob;
  registerRoutes(app: FastifyInstance): void;
}

export interface NotificationDeps {
  db: Database;
  config: Pick<Config, 'smtpUrl' | 'smtpFrom' | 'smsUrl' | 'smsToken' | 'publicUrl' | 'notifyRetryMinutes' | 'notifyMaxAttempts'>;
  log: NotificationLog & { warn(obj: object, msg: string): void };
  /** Absolute base of the public site, for the links in messages. */
  /** The unit's public website address (links in the messages). */
  publicBaseUrl: (unitId: number) => string;
  /** The channels' transports (default: as configured). */
  transports?: Transports;
  clock?: () => Date;
}

export async function createNotifications(deps: NotificationDeps): Promise<Notifications> {
  const secret = await notificationSecret(deps.db);
  const job = createDeliveryJob({
    db: deps.db, transports: deps.transports ?? transportsFromConfig(deps.config, deps.log), log: deps.log, clock: deps.clock,
    retryMinutes: parseRetryMinutes(deps.config.notifyRetryMinutes), maxAttempts: deps.config.notifyMaxAttempts,
  });
  return {
    hooks: notificationHooks({ secret, publicBaseUrl: deps.publicBaseUrl }),
    job,
    registerRoutes: (app) => registerNotificationRoutes(app, { db: deps.db, secret, ...(deps.clock ? { clock: deps.clock } : {}) }),
  };
}
