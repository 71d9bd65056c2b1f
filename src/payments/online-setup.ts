/**
 * The installation's online payment gateway, from the configuration: VNPay when a merchant is configured; else the
 * built-in fake VNPay (vnpay/fake-gateway.tsx) when asked for, or by default in the demo; else none (the applicant
 * pays by transfer or at the counter).
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../platform/db/index.js';
import { installationSecret } from '../platform/settings.js';
import type { PaymentGateway } from './gateway.js';
import { notificationPath } from './online-routes.js';
import { createVnpayGateway } from './vnpay/gateway.js';
import { FAKE_VNPAY_PATH, registerFakeVnpay, type SentIpn } from './vnpay/fake-gateway.js';

export const FAKE_TMN_CODE = 'XASODEMO';

export interface GatewaySetup {
  gateway: PaymentGateway;
  /** The fake gateway's record of the IPNs it sent (only with the fake). */
  fakeSent?: SentIpn[];
}

export async function setUpPaymentGateway(app: FastifyInstance, db: Database, config: Config, localBaseUrl: () => string): Promise<GatewaySetup | null> {
  if (config.vnpayTmnCode && config.vnpayHashSecret) {
    return { gateway: createVnpayGateway({ tmnCode: config.vnpayTmnCode, hashSecret: config.vnpayHashSecret, payUrl: config.vnpayUrl }) };
  }
  const fake = config.fakeGateway === 'true' || (config.fakeGateway === 'auto' && config.seedDemo === 'true');
  if (!fake) return null;
  const hashSecret = await installationSecret(db, 'payments.fakeVnpaySecret');
  const gateway = createVnpayGateway({ tmnCode: FAKE_TMN_CODE, hashSecret, payUrl: FAKE_VNPAY_PATH, label: 'VNPay (giả lập)', demo: true });
  app.log.warn('payments: the fake VNPay gateway is on (XASO_FAKE_GATEWAY): its "payments" move no money but issue signed receipts; never on a real installation');
  const { sent } = registerFakeVnpay(app, { tmnCode: FAKE_TMN_CODE, hashSecret, ipnUrl: () => localBaseUrl() + notificationPath(gateway.name) });
  return { gateway, fakeSent: sent };
}
