import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SiteInfo } from '../../web/context.js';
import type { SiteDirectory } from './directory.js';

/** The path fallback: /xa/<unit code>/… serves that unit's site from any host name (the demo; sites without a domain). */
const SITE_PATH = /^\/xa\/(\d{2,5})(?=[/?#]|$)/;
/** Root-relative addresses in attributes of a page (not "//host" ones), which get the path fallback's prefix. */
const ROOT_RELATIVE = /(\s(?:href|src|action|formaction)=")\/(?!\/)/g;

const prefixes = new WeakMap<IncomingMessage, string>();
const chosen = new WeakMap<FastifyRequest, SiteInfo>();

/**
 * Fastify's `rewriteUrl`: takes the prefix /xa/<code> off the address when <code> has a site, so that the routes
 * see "/tin-tuc/…" and the request remembers the prefix. Other addresses pass unchanged (an unknown code is a 404).
 */
export function sitePathRewriter(directory: SiteDirectory): (req: IncomingMessage) => string {
  return (req) => {
    const url = req.url ?? '/';
    const m = SITE_PATH.exec(url);
    if (!m || !directory.byCode(m[1]!)) return url;
    prefixes.set(req, m[0]);
    const rest = url.slice(m[0].length);
    return rest.startsWith('/') ? rest : `/${rest}`;
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The website this request is for: by the path fallback, else by host name, else the installation's default. */
    readonly site: SiteInfo;
    /** "/xa/<code>" when the request came by the path fallback, else "". */
    readonly sitePath: string;
    /** Whether the site was chosen by the request's host name. */
    readonly siteByHost: boolean;
  }
  interface FastifyInstance {
    sites: SiteDirectory;
  }
}

function siteOf(request: FastifyRequest, directory: SiteDirectory): SiteInfo {
  let site = chosen.get(request);
  if (!site) {
    const path = prefixes.get(request.raw);
    site = (path ? directory.byCode(path.slice(4)) : directory.byHost(request.hostname)) ?? directory.fallback();
    chosen.set(request, site);
  }
  return site;
}

/**
 * Gives every request its site (`request.site`, chosen on first use so that even a request refused before its
 * route has one for the error page) and, for the path fallback, keeps links and redirects under the prefix.
 */
export function installSiteResolution(app: FastifyInstance, directory: SiteDirectory): void {
  app.decorate('sites', directory);
  app.decorateRequest('site', { getter(this: FastifyRequest) { return siteOf(this, directory); } });
  app.decorateRequest('sitePath', { getter(this: FastifyRequest) { return prefixes.get(this.raw) ?? ''; } });
  app.decorateRequest('siteByHost', {
    getter(this: FastifyRequest) { return !prefixes.has(this.raw) && directory.byHost(this.hostname) !== undefined; },
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const prefix = prefixes.get(request.raw);
    if (!prefix) return payload;
    const location = reply.getHeader('location');
    if (typeof location === 'string' && /^\/(?!\/)/.test(location)) reply.header('location', prefix + location);
    const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
    return html && typeof payload === 'string' ? payload.replace(ROOT_RELATIVE, `$1${prefix}/`) : payload;
  });
}
