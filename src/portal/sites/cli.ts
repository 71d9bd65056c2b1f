import type { Database } from '../../platform/db/index.js';
import { audit } from '../../platform/audit.js';
import { listSites, saveSite, SiteError } from './store.js';

export const SITE_USAGE = 'Cách dùng: xaso site list | xaso site add CODE [--domain TÊN_MIỀN | --no-domain]';

export interface SiteArgs {
  sub: string | undefined;
  code: string | undefined;
  domain: string | undefined;
  noDomain: boolean;
}

/** The usage error of `xaso site …`, or null when the arguments make sense. */
export function siteUsageError(a: SiteArgs): string | null {
  if (a.sub === 'list' && !a.code && a.domain === undefined && !a.noDomain) return null;
  if (a.sub === 'add' && a.code && /^\d{2,5}$/.test(a.code) && !(a.domain !== undefined && a.noDomain)) return null;
  return SITE_USAGE;
}

/**
 * `xaso site list` prints every website; `xaso site add CODE` opens the website of the unit (its categories and
 * mandatory pages) and sets or removes its domain. Running instances see the change within their refresh interval.
 */
export async function runSiteCommand(db: Database, a: SiteArgs, out: (line: string) => void): Promise<number> {
  if (a.sub === 'list') {
    for (const s of await listSites(db)) out(`${s.code}\t${s.name}\t${s.host ?? '(chỉ theo đường dẫn)'}\t/xa/${s.code}/`);
    return 0;
  }
  const host = a.noDomain ? null : a.domain;
  try {
    const unitId = await saveSite(db, a.code!, host);
    await audit(db, { unitId, action: 'site.save', target: `unit:${unitId}`, details: { via: 'cli', ...(host !== undefined ? { domain: host } : {}) } });
    out(`Đã mở trang thông tin của đơn vị ${a.code}${host ? ` tại tên miền ${host}` : ''}; đường dẫn dự phòng /xa/${a.code}/.`);
    return 0;
  } catch (err) {
    if (!(err instanceof SiteError)) throw err;
    out(err.message);
    return 1;
  }
}
