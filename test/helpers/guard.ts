import type { FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { installGuard } from '../../src/platform/http/guard.js';
import { createCsrf } from '../../src/platform/http/csrf.js';

/** The real guard on a bare Fastify instance, with a resolver that knows nobody. */
export function installGuardForTest(app: FastifyInstance) {
  void app.register(cookie);
  installGuard(app, { fromSession: async () => null, fromToken: async () => null }, createCsrf('test-secret'), () => false);
}
