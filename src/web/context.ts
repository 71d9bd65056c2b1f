import type { FastifyRequest } from 'fastify';
import type { Principal } from '../platform/http/index.js';

/** A commune's (or province's) website; the installation serves one per unit (see portal/sites). */
export interface SiteInfo {
  unitId: number;
  code: string; // "18202"
  name: string; // "Xã Tứ Mỹ"
  parentName: string | null; // "Tỉnh Hà Tĩnh"
  formerNames: string[];
  /** its own host name ("tumy.hatinh.gov.vn"), if any */
  host: string | null;
}

export interface PageContext {
  principal: Principal | null;
  csrfToken: string;
  site: SiteInfo;
  path: string;
  /** "Lượt truy cập" and "Đang trực tuyến" of the footer, when visitor statistics run (portal/visits) */
  visitors?: VisitorFigures;
  /** The page's canonical address, rendered as <link rel="canonical"> (see pageContextWithCanonical) */
  canonicalUrl?: string;
}

export interface VisitorFigures {
  total: number;
  online: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** the footer's visitor figures of a unit; decorated by the portal's visitor statistics */
    visitorFigures?: (unitId: number) => VisitorFigures;
  }
}

export function pageContext(request: FastifyRequest): PageContext {
  return {
    principal: request.principal,
    csrfToken: request.csrfToken,
    site: request.site,
    path: request.url.split('?')[0] ?? '/',
    ...(request.server.visitorFigures ? { visitors: request.server.visitorFigures(request.site.unitId) } : {}),
  };
}

/**
 * The address of the request's website, without trailing slash: its own host name when the request came by it,
 * else the configured public URL (XASO_PUBLIC_URL) or the request's host, plus the path fallback's /xa/<code>.
 */
export function publicBaseUrl(request: FastifyRequest): string {
  if (request.siteByHost) return `${request.protocol}://${request.host}`;
  return (request.server.publicUrl ?? `${request.protocol}://${request.host || 'localhost'}`).replace(/\/$/, '') + request.sitePath;
}

/** The page context of a public page with its canonical link: `path` (e.g. "/gioi-thieu") on the public address. */
export function pageContextWithCanonical(request: FastifyRequest, path: string): PageContext {
  return { ...pageContext(request), canonicalUrl: publicBaseUrl(request) + path };
}
