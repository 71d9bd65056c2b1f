import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { Config } from '../../config.js';
import type { PrincipalResolver } from './access.js';
import { createCsrf } from './csrf.js';
import { contentSecurityPolicy } from './csp.js';
import { installGuard } from './guard.js';
import { AppError, sendError, toAppError, type ErrorPageRenderer } from './errors.js';

export interface ServerDeps {
  config: Config;
  resolver: PrincipalResolver;
  secret: string;
  renderErrorPage: ErrorPageRenderer;
  /** Where a person who must sign in is sent (pages only). */
  loginPath: string;
  /** Rewrites an address before routing (the websites' path fallback /xa/<code>/…). */
  rewriteUrl?: (req: IncomingMessage) => string;
}

/** XASO_TRUST_PROXY as Fastify takes it: true/false, a hop count, or a list of proxy addresses (only those are believed). */
export function trustProxyOption(value: string): boolean | string | ((address: string, hop: number) => boolean) {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value.split(',').map((a) => a.trim()).join(',');
}

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export async function createServer(deps: ServerDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: {
              paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.newPassword', '*.idNumber'],
              censor: '[redacted]',
            },
          },
    trustProxy: trustProxyOption(config.trustProxy),
    bodyLimit: MAX_BODY_BYTES,
    routerOptions: { maxParamLength: 200 },
    ...(deps.rewriteUrl ? { rewriteUrl: deps.rewriteUrl } : {}),
  });
  app.decorate('apiRoutes', []);
  app.decorate('publicUrl', config.publicUrl ?? null);

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: MAX_BODY_BYTES });
  await app.register(multipart, { attachFieldsToBody: true, limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 } });

  const cookieSecure = (request: FastifyRequest) =>
    config.cookieSecure === 'auto' ? request.protocol === 'https' : config.cookieSecure === 'true';
  app.decorate('cookieSecure', cookieSecure);
  installGuard(app, deps.resolver, createCsrf(deps.secret), cookieSecure);

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', contentSecurityPolicy());
      if (request.principal) reply.header('cache-control', 'no-store');
    }
    return payload;
  });

  app.setErrorHandler(async (err, request, reply) => {
    const error = toAppError(err);
    if (error.status >= 500) request.log.error({ err }, 'unhandled error');
    else request.log.info({ code: error.code, status: error.status }, 'request refused');
    if (error.status === 401 && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.redirect(`${deps.loginPath}?tiep=${encodeURIComponent(request.url)}`, 303);
    }
    return sendError(request, reply, error, deps.renderErrorPage);
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendError(request, reply, new AppError(404, 'NOT_FOUND', 'Không tìm thấy trang hoặc dữ liệu bạn cần.'), deps.renderErrorPage),
  );
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    cookieSecure: (request: FastifyRequest) => boolean;
    /** XASO_PUBLIC_URL, when configured. */
    publicUrl: string | null;
  }
}
