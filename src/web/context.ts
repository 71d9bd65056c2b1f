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
}

declare module 'fastify' {
  interface FastifyInstance {
    site: SiteInfo;
  }
}

export function pageContext(request: FastifyRequest): PageContext {
  return {
    principal: request.principal,
    csrfToken: request.csrfToken,
    site: request.server.site,
    path: request.url.split('?')[0] ?? '/',
  };
}
