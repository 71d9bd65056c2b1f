import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { hasAnyRole, isApiRequest, type Access, type PrincipalResolver } from './access.js';
import { forbidden, unauthorized } from './errors.js';
import type { Csrf } from './csrf.js';

export const SESSION_COOKIE = 'xaso_sid';

export interface DeclaredRoute {
  method: string;
  url: string;
  access: Access | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9_\-.]{20,200})$/.exec(header);
  return match?.[1] ?? null;
}

/**
 * The one guard. Every route must declare `config.access`; registration fails otherwise.
 * onRequest resolves the caller; preHandler checks CSRF (unsafe methods without a bearer token) and access.
 */
export function installGuard(app: FastifyInstance, resolver: PrincipalResolver, csrf: Csrf, cookieSecure: (r: FastifyRequest) => boolean) {
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', '');

  app.addHook('onRoute', (route: RouteOptions) => {
    const access = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) declared.push({ method, url: route.url, access });
    if (access === undefined) throw new Error(`Route ${methods.join(',')} ${route.url} declares no access (config.access)`);
  });

  app.addHook('onRequest', async (request, reply) => {
    const token = bearerToken(request);
    if (token) {
      request.principal = await resolver.fromToken(token);
      if (!request.principal) throw unauthorized('Mã truy cập (API token) không hợp lệ hoặc đã bị thu hồi.');
      return;
    }
    const sid = request.cookies[SESSION_COOKIE];
    if (sid) {
      request.principal = await resolver.fromSession(sid);
      request.sessionId = request.principal ? sid : null;
    }
    request.csrfToken = csrf.ensure(request, reply, cookieSecure(request));
  });

  app.addHook('preHandler', async (request) => {
    if (request.is404) return;
    const access = request.routeOptions.config?.access;
    // Page forms always carry the token; API calls need it only when a browser session cookie authenticates them.
    const cookieAuthenticated = Boolean(request.cookies[SESSION_COOKIE]);
    if (!SAFE_METHODS.has(request.method) && !bearerToken(request) && (!isApiRequest(request) || cookieAuthenticated)) csrf.verify(request);
    if (access === undefined) throw forbidden();
    if (access === 'public') return;
    if (!request.principal) throw unauthorized();
    if (access === 'signedIn') return;
    if (!hasAnyRole(request.principal, access)) throw forbidden();
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    declaredRoutes: DeclaredRoute[];
  }
}
