import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSETS, pickEncoding } from '../../src/web/assets.js';
import { registerWebRoutes } from '../../src/web/routes.js';

const app = Fastify();
beforeAll(async () => {
  registerWebRoutes(app);
  await app.ready();
});
afterAll(() => app.close());

describe('static assets (web/assets.ts)', () => {
  it('fingerprinted addresses change with the content', () => {
    expect(ASSETS.css.url).toMatch(/^\/static\/app\.[\w-]{12}\.css$/);
    expect(ASSETS.favicon.url).toMatch(/^\/static\/favicon\.[\w-]{12}\.svg$/);
    expect(ASSETS.commentScript.url).toMatch(/^\/static\/binh-luan\.[\w-]{12}\.js$/);
  });

  it('picks brotli, then gzip, and honours q=0', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(pickEncoding('GZIP')).toBe('gzip');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
    expect(pickEncoding('br;q=0, gzip; q=0')).toBeNull();
  });

  it('a fingerprinted asset is cached a year (immutable) and sent compressed as accepted', async () => {
    const br = await app.inject({ url: ASSETS.css.url, headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload).equals(ASSETS.css.body)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(ASSETS.css.body.length / 3);

    const gz = await app.inject({ url: ASSETS.commentScript.url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(gunzipSync(gz.rawPayload).equals(ASSETS.commentScript.body)).toBe(true);

    const plain = await app.inject({ url: ASSETS.favicon.url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe('image/svg+xml');
    expect(plain.rawPayload.equals(ASSETS.favicon.body)).toBe(true);

    const again = await app.inject({ url: ASSETS.css.url, headers: { 'if-none-match': br.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('the plain /static/app.css stays, revalidated after an hour', async () => {
    const res = await app.inject({ url: '/static/app.css' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.rawPayload.equals(ASSETS.css.body)).toBe(true);
  });
});
