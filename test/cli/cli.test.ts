import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/index.js';

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

  it('generates a year of dossiers, and audit verify detects a modified event', async () => {
    const seeded = await run(process.execPath, [BIN, 'seed', '--dossiers', '30', '--year', '2026'], { env });
    expect(seeded.stdout).toContain('Đã sinh 30 hồ sơ');
    const clean = await run(process.execPath, [BIN, 'audit', 'verify'], { env });
    expect(clean.stdout).toContain('chuỗi băm toàn vẹn');
    const db = await openDatabase({ dataDir: dir, databaseUrl: undefined });
    await db.withRawTransaction(async (tx) => {
      await tx.exec('alter table dossier_events disable trigger dossier_events_append_only');
      await tx.exec(`update dossier_events set at = at + interval '1 day' where seq = 2 and dossier_id = (select min(dossier_id) from dossier_events where seq = 2)`);
      await tx.exec('alter table dossier_events enable trigger dossier_events_append_only');
    });
    await db.close();
    await expect(run(process.execPath, [BIN, 'audit', 'verify'], { env })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('HỎNG') });
  }, 180_000);

  it('fails clearly for an unknown user or command', async () => {
    await expect(run(process.execPath, [BIN, 'token', 'create', '--user', 'khong-co'], { env })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Không tìm thấy tài khoản') });
    await expect(run(process.execPath, [BIN, 'bay'], { env })).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
