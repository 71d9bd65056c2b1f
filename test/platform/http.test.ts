import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { installGuardForTest } from '../helpers/guard.js';

describe('HTTP platform', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ seed: false });
  });
  afterAll(() => app.dispose());

  it('reports health with the database kind, and readiness', async () => {
    const health = await app.server.inject('/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', database: app.db.kind });
    const ready = await app.server.inject('/readyz');
    expect(ready.statusCode).toBe(200);
  });

  it('every route declares who may call it', () => {
    const routes = app.server.declaredRoutes;
    expect(routes.length).toBeGreaterThan(15);
    const undeclared = routes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it('refuses to register a route that declares no access', async () => {
    const bare = Fastify();
    installGuardForTest(bare);
    expect(() => bare.get('/x', async () => 'x')).toThrow(/declares no access/);
    await bare.close();
  });

  it('answers unknown API paths with problem+json and unknown pages with a Vietnamese page', async () => {
    const api = await app.server.inject('/api/v1/khong-co');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const page = await app.server.inject({ url: '/khong-co', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Không tìm thấy');
  });

  it('never answers 500 to malformed input', async () => {
    const cases = [
      { method: 'POST' as const, url: '/dang-nhap', payload: '{"bad json', headers: { 'content-type': 'application/json' } },
      { method: 'POST' as const, url: '/dang-nhap', payload: 'x'.repeat(2 * 1024 * 1024), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { method: 'POST' as const, url: '/dang-nhap', payload: '<xml/>', headers: { 'content-type': 'application/xml' } },
      { method: 'GET' as const, url: '/thu-tuc/' + 'x'.repeat(500) },
      { method: 'GET' as const, url: '/api/v1/calendar/lunar?solar[]=1' },
    ];
    const odd = await app.server.inject({ url: '/thu-tuc?q=%E0%A4%A&linh-vuc[]=x&trang=-1', headers: { accept: 'text/html' } });
    expect(odd.statusCode).toBe(200);
    for (const c of cases) {
      const res = await app.server.inject(c);
      expect(res.statusCode, `${c.method} ${c.url.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${c.method} ${c.url.slice(0, 40)}`).toBeLessThan(500);
    }
  });

  it('publishes an OpenAPI 3.1 document listing every JSON route with its parameters', async () => {
    const res = await app.server.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { parameters: Array<{ name: string; required: boolean }> }>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const r of app.server.apiRoutes) {
      const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], path).toBeDefined();
    }
    const deadline = doc.paths['/api/v1/calendar/deadline']!.get!;
    expect(deadline.parameters.map((p) => p.name).sort()).toEqual(['limit', 'limitUnit', 'receivedAt', 'unit']);
    expect(deadline.parameters.find((p) => p.name === 'receivedAt')!.required).toBe(true);
    expect(deadline.parameters.find((p) => p.name === 'unit')!.required).toBe(false);
  });

  it('sends security headers and a strict content security policy on pages', async () => {
    const res = await app.server.inject({ url: '/dang-nhap', headers: { accept: 'text/html' } });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});
