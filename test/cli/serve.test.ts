import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../bin/xaso.js');

describe('xaso serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xaso-serve-'));
  const env = { ...process.env, XASO_DATA_DIR: dir, XASO_STORAGE_DIR: join(dir, 'tep'), XASO_KEYS_DIR: join(dir, 'khoa'), LOG_LEVEL: 'silent', DATABASE_URL: '' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves, keeps other processes out of its data folder, and shuts down cleanly on SIGTERM', async () => {
    const server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      server.on('exit', () => reject(new Error(`server exited early: ${out}`)));
    });
    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });
    expect(existsSync(join(dir, 'xaso.lock'))).toBe(true);

    const second = run(process.execPath, [BIN, 'migrate'], { env });
    await expect(second).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('đang được tiến trình khác') });

    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(dir, 'xaso.lock'))).toBe(false);
  }, 120_000);
});
