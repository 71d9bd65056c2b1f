import type { FastifyRequest } from 'fastify';
import type { Principal } from '../platform/http/index.js';

/** The commune (or province) this installation presents as its website. */
export interface SiteInfo {
  unitId: number;
  name: string; // "Xã Tứ Mỹ"
  parentName: string | null; // "Tỉnh Hà Tĩnh"
  formerNames: string[];
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
    site: SiteInfo;
    /** the footer's visitor figures of a unit; decorated by the portal's visitor statistics */
    visitorFigures?: (unitId: number) => VisitorFigures;
  }
}

export function pageContext(request: FastifyRequest): PageContext {
  return {
    principal: request.principal,
    csrfToken: request.csrfToken,
    site: request.server.site,
    path: request.url.split('?')[0] ?? '/',
    ...(request.server.visitorFigures ? { visitors: request.server.visitorFigures(request.server.site.unitId) } : {}),
  };
}

/** The address readers use: the configured public URL (XASO_PUBLIC_URL), else the request's host; no trailing slash. */
export const publicBaseUrl = (request: FastifyRequest): string =>
  (request.server.publicUrl ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`).replace(/\/$/, '');

/** The page context of a public page with its canonical link: `path` (e.g. "/gioi-thieu") on the public address. */
export function pageContextWithCanonical(request: FastifyRequest, path: string): PageContext {
  return { ...pageContext(request), canonicalUrl: publicBaseUrl(request) + path };
}
