import type { Database } from '../../platform/db/index.js';
import type { SiteInfo } from '../../web/context.js';
import { listSites, normalHost } from './store.js';

/**
 * The installation's websites, held in memory so that choosing the site of a request costs two map lookups.
 * Instances sharing a database see a site added by another (e.g. `xaso site add`) at their next refresh.
 */
export interface SiteDirectory {
  /** The site reached by the path fallback /xa/<code>/, if the unit has one. */
  byCode(code: string): SiteInfo | undefined;
  /** The site whose host name is `host` (any case, port ignored). */
  byHost(host: string): SiteInfo | undefined;
  /** The site answering every other request: the unit of the setting `site.unitCode`. */
  fallback(): SiteInfo;
  all(): SiteInfo[];
  refresh(): Promise<void>;
  /** Refreshes every `intervalMs` until the returned function is called. */
  start(intervalMs: number, onError: (err: unknown) => void): () => void;
}

/** What a request gets when the installation has no site at all (before the units are loaded). */
const NO_SITE: SiteInfo = { unitId: 0, code: '', name: 'Xã Số', parentName: null, formerNames: [], host: null };

export async function openSiteDirectory(db: Database, fallbackCode: string): Promise<SiteDirectory> {
  let byCode = new Map<string, SiteInfo>();
  let byHost = new Map<string, SiteInfo>();
  const refresh = async () => {
    const sites = await listSites(db);
    byCode = new Map(sites.map((s) => [s.code, s]));
    byHost = new Map(sites.filter((s) => s.host).map((s) => [s.host!, s]));
  };
  await refresh();
  return {
    byCode: (code) => byCode.get(code),
    byHost: (host) => {
      const normal = normalHost(host);
      return normal ? byHost.get(normal) : undefined;
    },
    fallback: () => byCode.get(fallbackCode) ?? NO_SITE,
    all: () => [...byCode.values()],
    refresh,
    start(intervalMs, onError) {
      const timer = setInterval(() => void refresh().catch(onError), intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
