import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../bin/xaso.js');

describe('xaso command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xaso-cli-'));
  const env = { ...process.env, XASO_DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: '' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints help listing every command and environment variable', async () => {
    const { stdout } = await run(process.execPath, [BIN, '--help'], { env });
    for (const word of ['serve', 'migrate', 'seed', 'token create', 'DATABASE_URL', 'XASO_DATA_DIR']) expect(stdout).toContain(word);
  });

  it('migrates once, seeds, and creates an API token for an existing user', async () => {
    const migrated = await run(process.execPath, [BIN, 'migrate'], { env });
    expect(migrated.stdout).toContain('0001_foundation.sql');
    const again = await run(process.execPath, [BIN, 'migrate'], { env });
    expect(again.stdout).toContain('up to date');
    await run(process.execPath, [BIN, 'seed'], { env });
    const { stdout } = await run(process.execPath, [BIN, 'token', 'create', '--user', 'tinh.quantri', '--name', 'tich-hop'], { env });
    expect(stdout.trim()).toMatch(/^xaso_[A-Za-z0-9_-]{40,}$/);
  }, 120_000);

  it('fails clearly for an unknown user or command', async () => {
    await expect(run(process.execPath, [BIN, 'token', 'create', '--user', 'khong-co'], { env })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Không tìm thấy tài khoản') });
    await expect(run(process.execPath, [BIN, 'bay'], { env })).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
