import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

const CSS = readFileSync(new URL('./assets/app.css', import.meta.url));
const CSS_ETAG = `"${createHash('sha256').update(CSS).digest('base64url').slice(0, 16)}"`;

export function registerWebRoutes(app: FastifyInstance) {
  app.get('/static/app.css', { config: { access: 'public' } }, async (request, reply) => {
    reply.header('etag', CSS_ETAG).header('cache-control', 'public, max-age=3600');
    if (request.headers['if-none-match'] === CSS_ETAG) return reply.status(304).send();
    return reply.type('text/css; charset=utf-8').send(CSS);
  });
}
