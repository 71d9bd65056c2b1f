import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ASSETS, IMMUTABLE, pickEncoding, type Asset } from './assets.js';

/** Sends an asset compressed as the browser accepts, or 304 when the browser's copy is current. */
function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: Asset, cacheControl: string) {
  reply.header('etag', asset.etag).header('cache-control', cacheControl).header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
  const encoding = pickEncoding(request.headers['accept-encoding']);
  if (encoding) reply.header('content-encoding', encoding);
  return reply.type(asset.type).send(encoding ? asset[encoding] : asset.body);
}

export function registerWebRoutes(app: FastifyInstance) {
  // pages link the fingerprinted addresses (web/layout.tsx); the plain one stays for links kept elsewhere
  for (const asset of Object.values(ASSETS)) {
    app.get(asset.url, { config: { access: 'public' } }, async (request, reply) => sendAsset(request, reply, asset, IMMUTABLE));
  }
  app.get('/static/app.css', { config: { access: 'public' } }, async (request, reply) => sendAsset(request, reply, ASSETS.css, 'public, max-age=3600'));
}
