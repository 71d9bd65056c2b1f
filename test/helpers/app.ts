import type { LightMyRequestResponse } from 'fastify';
import { buildApp, seedDemo, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { DEMO_PASSWORD } from '../../src/identity/index.js';
import { createTestDatabase } from './db.js';

export interface TestApp extends App {
  dispose(): Promise<void>;
}

/**
 * The real application on a fresh test database, seeded with the demo data unless told otherwise (a copy of the
 * run's demo-seeded template database when there is one).
 */
export async function createTestApp(opts: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const seed = opts.seed !== false;
  const db = await createTestDatabase({ seeded: seed });
  if (seed && !db.seeded) await seedDemo(db);
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', ...opts.env }), db);
  return Object.assign(app, {
    dispose: async () => {
      await app.close();
      await db.dispose();
    },
  });
}

/** A browser-like client: keeps cookies and sends the CSRF token with forms. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: App) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(await this.app.server.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: this.cookieHeader(), ...headers } }));
  }

  get csrf(): string {
    return this.cookies.get('xaso_csrf') ?? '';
  }

  async postForm(url: string, fields: Record<string, string>, opts: { csrf?: boolean } = {}) {
    if (!this.csrf) await this.get('/dang-nhap');
    const body = new URLSearchParams({ ...(opts.csrf === false ? {} : { _csrf: this.csrf }), ...fields }).toString();
    return this.remember(
      await this.app.server.inject({
        method: 'POST',
        url,
        payload: body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: this.cookieHeader() },
      }),
    );
  }

  async postMultipart(url: string, file: { name: string; content: Buffer; type: string }) {
    if (!this.csrf) await this.get('/dang-nhap');
    const boundary = '----xaso' + Date.now();
    const parts = [
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${this.csrf}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ];
    const payload = Buffer.concat([Buffer.from(parts.join('')), file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return this.remember(
      await this.app.server.inject({
        method: 'POST',
        url,
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'text/html', cookie: this.cookieHeader() },
      }),
    );
  }

  async login(username: string, password = DEMO_PASSWORD) {
    const res = await this.postForm('/dang-nhap', { username, password });
    if (res.statusCode !== 303) throw new Error(`login of ${username} failed: ${res.statusCode}`);
    return res;
  }
}
