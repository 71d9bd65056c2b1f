import { afterAll, beforeAll } from 'vitest';
/**
 * Real peers for the notification channels, started inside the test on random local ports: an SMTP server
 * (smtp-server, messages decoded with mailparser) and an HTTP SMS gateway written from its published contract
 * (POST JSON {to, text} with a bearer token; any non-2xx answer is a failure).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createDeliveryJob, parseRetryMinutes, transportsFromConfig } from '../../src/notifications/index.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/platform/db/index.js';
import type { Principal } from '../../src/platform/http/index.js';
import { findUnitByCode, principalByUsername } from '../../src/identity/index.js';
import { createTestApp } from '../helpers/app.js';

export interface ReceivedMail {
  envelopeTo: string[];
  mail: ParsedMail;
}

export interface SmtpPeer {
  url: string;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

/** An SMTP server without TLS or authentication that keeps every message; `rejected` addresses get 550 at RCPT TO. */
export async function startSmtpServer(opts: { rejected?: string[] } = {}): Promise<SmtpPeer> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (opts.rejected?.includes(address.address)) return callback(Object.assign(new Error('5.1.1 Mailbox does not exist'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface SmsRequest {
  headers: IncomingHttpHeaders;
  body: { to: string; text: string };
}

export interface SmsPeer {
  url: string;
  requests: SmsRequest[];
  /** Status and body of the next answers (200 by default). */
  answer: { status: number; body: string; delayMs: number };
  close(): Promise<void>;
}

export async function startSmsGateway(): Promise<SmsPeer> {
  const requests: SmsRequest[] = [];
  const answer = { status: 200, body: '{"status":"queued"}', delayMs: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as SmsRequest['body'] });
      setTimeout(() => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body), answer.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/sms`, requests, answer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const quiet = { info() {}, debug() {}, warn() {} };

/** A delivery job like the one each app instance runs, built from the same configuration (the test drives its clock). */
export const deliveryJobFor = (db: Database, config: Config) =>
  createDeliveryJob({
    db, transports: transportsFromConfig(config, quiet), retryMinutes: parseRetryMinutes(config.notifyRetryMinutes), maxAttempts: config.notifyMaxAttempts,
  });

/** The test apps' environment: the app's own job never runs during a test (the test runs its job at the times it chooses). */
export const NOTIFY_ENV = { XASO_JOB_INTERVAL_SECONDS: '3600', XASO_PUBLIC_URL: 'https://tumy.example.vn' };

/** The app with notification channels set by `env`, and what the tests use of it. */
export async function notificationTestApp(env: Record<string, string>) {
  const app = await createTestApp({ env: { ...NOTIFY_ENV, ...env } });
  const config = loadConfig({ LOG_LEVEL: 'silent', ...NOTIFY_ENV, ...env });
  const unitId = (await findUnitByCode(app.db, '18202'))!.id;
  const [reception, resident] = (await Promise.all(['tumy.tiepnhan', 'congdan'].map((u) => principalByUsername(app.db, u)))) as [Principal, Principal];
  return { app, config, unitId, reception, resident, hooks: app.server.dossierHooks!, job: deliveryJobFor(app.db, config) };
}

export type NotificationTestApp = Awaited<ReturnType<typeof notificationTestApp>>;

/** The test file's app (started before its tests with `env()`, read then: a peer's address is known by that time). */
export function useNotificationApp(env: () => Record<string, string>): NotificationTestApp {
  const t = {} as NotificationTestApp;
  beforeAll(async () => {
    Object.assign(t, await notificationTestApp(env()));
  });
  afterAll(async () => {
    await t.app?.dispose();
  });
  return t;
}

/** A peer started before the file's tests and closed after them. */
export function usePeer<P extends { close(): Promise<void> }>(start: () => Promise<P>): P {
  const peer = {} as P;
  beforeAll(async () => {
    Object.assign(peer, await start());
  });
  afterAll(async () => {
    await peer.close?.();
  });
  return peer;
}
