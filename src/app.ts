import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { VERSION } from './version.js';
import { migrate, openDatabase, type Database } from './platform/db/index.js';
import { createServer, buildOpenApiDocument } from './platform/http/index.js';
import { getSetting, installationSecret } from './platform/settings.js';
import {
  createPrincipalResolver, registerIdentityRoutes, registerRegistrationRoutes, LOGIN_PATH, seedUnitsData, seedDemoUsers,
  findUnitByCode, findUnitById, countUsers, DEMO_COMMUNE_CODE,
} from './identity/index.js';
import { registerCatalogRoutes, seedCatalog } from './catalog/index.js';
import { registerCalendarRoutes } from './calendar-http/index.js';
import { seedPortalDemo } from './portal/index.js';
import { registerPortalRoutes, seedPortalMap } from './portal/index.js';
import { combineHooks, registerDossierRoutes } from './dossiers/index.js';
import {
  createReceiptSigner, paymentHooks, registerOnlinePaymentRoutes, registerPaymentReports, registerPaymentRoutes, registerReconcileRoutes, seedDemoPaymentSettings,
  setUpPaymentGateway,
  type GatewaySetup,
} from './payments/index.js';
import { localFileStore } from './platform/storage/index.js';
import { createNotifications } from './notifications/index.js';
import { registerVerifyRoutes } from './documents/verify-routes.js';
import { openKeystore } from './documents/keys/keystore.js';
import { initTestKeys } from './documents/keys/init.js';
import { createIssuer, type Issuer } from './documents/issuing/issuer.js';
import { tsaTimestamper } from './signing/index.js';
import { dossierResultHooks } from './documents/issuing/dossier-result.js';
import { registerOutgoingRoutes } from './documents/issuing/routes.js';
import { registerReportRoutes } from './reports/index.js';
import { registerWebRoutes } from './web/routes.js';
import { renderErrorPage } from './web/error-page.js';
import { installSiteResolution, openSiteDirectory, saveSite, sitePathRewriter, siteAddress, type SiteDirectory } from './portal/sites/index.js';

/** How soon an instance sees a website added by another instance or by `xaso site add`. */
const SITE_REFRESH_MS = 30_000;

export { VERSION } from './version.js';

export interface App {
  server: FastifyInstance;
  db: Database;
  /** Signs approved documents; its background job runs while the app runs. */
  issuer: Issuer;
  /** The online payment gateway, when one is configured (with the fake's record of the IPNs it sent). */
  payments: GatewaySetup | null;
  close(): Promise<void>;
}

/** Seeds the demo province, communes, users and catalogue; safe to run again. */
export async function seedDemo(db: Database): Promise<void> {
  await seedUnitsData(db);
  await seedDemoUsers(db);
  await seedCatalog(db);
  await seedPortalDemo(db);
  await seedPortalMap(db);
  await seedDemoPaymentSettings(db);
}

/** The installation's websites; the default one (setting `site.unitCode`, else the demo commune) exists when its unit does. */
async function openSites(db: Database): Promise<SiteDirectory> {
  const code = (await getSetting(db, 'site.unitCode')) ?? DEMO_COMMUNE_CODE;
  if (await findUnitByCode(db, code)) await saveSite(db, code);
  return openSiteDirectory(db, code);
}

/** Any constant: instances started at once with --seed-demo seed the database and the shared keys folder one at a time. */
const SEED_LOCK_KEY = 7_150_2026;

/**
 * Runs `fn` while holding a PostgreSQL advisory lock, so that several instances starting together on one database
 * do not seed twice (duplicate users) or write different TEST CAs and key passphrases into the shared keys folder.
 * `fn` uses other connections of the pool; the embedded database admits one process, so there is nothing to serialise.
 */
async function oneInstanceAtATime(db: Database, fn: () => Promise<void>): Promise<void> {
  if (db.kind !== 'postgres') return fn();
  await db.withRawTransaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    await fn();
  });
}

/** Where this instance answers when no public address is configured (the real port once listening, even with PORT=0). */
function localBaseUrl(server: FastifyInstance, config: Config): string {
  const a = server.server.address();
  const port = a && typeof a === 'object' ? a.port : config.port;
  return `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
}

/** Composition root: config → database → modules → HTTP server. */
export async function buildApp(config: Config, existingDb?: Database): Promise<App> {
  const db = existingDb ?? (await openDatabase(config));
  try {
    await migrate(db);
    const keystore = openKeystore(config.keysDir);
    if (config.seedDemo === 'true') {
      await oneInstanceAtATime(db, async () => {
        if ((await countUsers(db)) === 0) await seedDemo(db);
        await initTestKeys(db, keystore); // the demo signs out of the box (TEST certificates)
      });
    }
    const secret = await installationSecret(db, 'http.csrfSecret');
    const sites = await openSites(db);
    const server = await createServer({
      config,
      resolver: createPrincipalResolver(db),
      secret,
      renderErrorPage,
      loginPath: LOGIN_PATH,
      rewriteUrl: sitePathRewriter(sites),
    });
    installSiteResolution(server, sites);
    const store = localFileStore(config.storageDir);
    const issuer = createIssuer({
      db, keystore, store, log: server.log,
      cms: config.tsaUrl ? { unsignedAttributes: tsaTimestamper(config.tsaUrl) } : undefined, // PAdES B-T when a TSA is configured
      publicBaseUrl: () => config.publicUrl ?? localBaseUrl(server, config),
    });
    const receiptSigner = createReceiptSigner({
      db, keystore, store, log: server.log, cms: config.tsaUrl ? { unsignedAttributes: tsaTimestamper(config.tsaUrl) } : undefined,
      publicBaseUrl: () => config.publicUrl ?? localBaseUrl(server, config),
    });
    const notifications = await createNotifications({
      db, config, log: server.log, publicBaseUrl: (unitId) => siteAddress(sites, unitId, config.publicUrl ?? localBaseUrl(server, config)),
    });
    server.decorate('dossierHooks', combineHooks(notifications.hooks, paymentHooks(receiptSigner), dossierResultHooks(db, issuer, async (tx, unitId) => {
      const rows = await tx.query<{ name: string; full_name: string }>('select name, full_name from units where id = $1', [unitId]);
      return { name: rows[0]!.name, fullName: rows[0]!.full_name };
    })));

    server.get('/healthz', { config: { access: 'public' } }, async () => ({ status: 'ok', database: db.kind, version: VERSION }));
    server.get('/readyz', { config: { access: 'public' } }, async (_request, reply) => {
      const ok = await db.ping();
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database unavailable', database: db.kind });
    });
    server.get('/api/openapi.json', { config: { access: 'public' } }, async () => buildOpenApiDocument(server.apiRoutes, VERSION));

    registerWebRoutes(server);
    registerIdentityRoutes(server, { db, config });
    registerRegistrationRoutes(server, { db, config });
    registerPortalRoutes(server, { db, store });
    registerCatalogRoutes(server, { db });
    registerCalendarRoutes(server, { db });
    registerDossierRoutes(server, { db, store });
    registerVerifyRoutes(server, { db, keystore, store });
    registerOutgoingRoutes(server, { db, issuer, store });
    registerReportRoutes(server, { db, keystore });
    notifications.registerRoutes(server);
    registerPaymentRoutes(server, { db, signer: receiptSigner });
    registerPaymentReports(server, { db });
    registerReconcileRoutes(server, { db, signer: receiptSigner, webhookSecret: config.bankWebhookSecret });
    const payments = await setUpPaymentGateway(server, db, config, () => localBaseUrl(server, config));
    if (payments) registerOnlinePaymentRoutes(server, { db, signer: receiptSigner, gateway: payments.gateway });
    await server.ready();
    const stopSigningJob = issuer.start(config.jobIntervalSeconds * 1000);
    const stopNotificationJob = notifications.job.start(config.jobIntervalSeconds * 1000);
    const stopSiteRefresh = sites.start(SITE_REFRESH_MS, (err) => server.log.error({ err }, 'site list refresh failed'));
    return {
      server,
      db,
      issuer,
      payments,
      close: async () => {
        stopSiteRefresh();
        await stopSigningJob();
        await stopNotificationJob();
        await server.close();
        if (!existingDb) await db.close();
      },
    };
  } catch (err) {
    if (!existingDb) await db.close();
    throw err;
  }
}
