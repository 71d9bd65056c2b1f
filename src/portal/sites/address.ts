import type { SiteDirectory } from './directory.js';

/**
 * The public address of a unit's website, without trailing slash, for links sent outside a request (e-mails, SMS).
 * `installationUrl` (XASO_PUBLIC_URL, or where this instance answers) is the address of the default site, and of a
 * unit without a site; another unit's site is its own host name when it has one (with the installation address's
 * scheme and port), else the installation address plus the path fallback /xa/<code>.
 */
export function siteAddress(sites: SiteDirectory, unitId: number, installationUrl: string): string {
  const base = new URL(installationUrl);
  const root = installationUrl.replace(/\/$/, '');
  const site = sites.all().find((s) => s.unitId === unitId);
  if (!site || site.code === sites.fallback().code) return root;
  return site.host ? `${base.protocol}//${site.host}${base.port ? `:${base.port}` : ''}` : `${root}/xa/${site.code}`;
}
