import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { trustProxyOption } from '../../src/platform/http/server.js';
import { loadConfig } from '../../src/config.js';

/** The client address Fastify gives a request from the proxy 10.0.0.5 that a client sent with a forged first hop. */
async function clientIp(setting: string): Promise<string> {
  const app = Fastify({ trustProxy: trustProxyOption(setting) });
  app.get('/', async (request) => request.ip);
  const res = await app.inject({ url: '/', remoteAddress: '10.0.0.5', headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' } });
  await app.close();
  return res.body;
}

describe('XASO_TRUST_PROXY', () => {
  it('false believes no header; true believes the left-most entry, which a client can forge', async () => {
    expect(await clientIp('false')).toBe('10.0.0.5');
    expect(await clientIp('true')).toBe('6.6.6.6');
  });

  it('a hop count or the proxy addresses believe only what the proxy itself added', async () => {
    expect(await clientIp('1')).toBe('203.0.113.9');
    expect(await clientIp('10.0.0.5')).toBe('203.0.113.9');
    expect(await clientIp('10.0.0.0/24, 192.0.2.1')).toBe('203.0.113.9');
  });

  it('refuses a value that is none of these', () => {
    expect(() => loadConfig({ XASO_TRUST_PROXY: 'yes please' })).toThrow();
    expect(loadConfig({ XASO_TRUST_PROXY: '2' }).trustProxy).toBe('2');
  });
});
