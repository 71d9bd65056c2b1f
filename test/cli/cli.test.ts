import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createProcessDatabase, type ProcessDatabase } from '../helpers/db.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../bin/xaso.js');

// On the pass's database: an embedded one in a data folder, or PostgreSQL when XASO_TEST_DATABASE_URL is set.
describe('xaso command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xaso-cli-'));
  let installation: ProcessDatabase;
  let emptyTarget: ProcessDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    installation = await createProcessDatabase(dir);
    emptyTarget = await createProcessDatabase(join(dir, 'khoi-phuc'));
    env = { ...process.env, ...installation.env, XASO_STORAGE_DIR: join(dir, 'tep'), XASO_KEYS_DIR: join(dir, 'khoa'), LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    await installation?.dispose();
    await emptyTarget?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

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
    // backup, then restore into an empty installation (another data folder), which verifies the chains itself
    const archive = join(dir, 'sao-luu.tar.gz');
    const backedUp = await run(process.execPath, [BIN, 'backup', archive], { env });
    expect(backedUp.stdout).toMatch(/Đã sao lưu \d+ bảng/);
    const other = { ...env, ...emptyTarget.env, XASO_STORAGE_DIR: join(dir, 'khoi-phuc-tep'), XASO_KEYS_DIR: join(dir, 'khoi-phuc-khoa') };
    const restored = await run(process.execPath, [BIN, 'restore', archive], { env: other });
    expect(restored.stdout).toContain('Đã khôi phục');
    expect(restored.stdout).toMatch(/Đã kiểm tra 30 hồ sơ, \d+ sự kiện: chuỗi băm toàn vẹn/);
    await expect(run(process.execPath, [BIN, 'restore', archive], { env: other })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('chỉ khôi phục vào bản cài đặt trống') });
    await expect(run(process.execPath, [BIN, 'backup', archive], { env })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('đã tồn tại') });
    const db = await installation.open();
    await db.withRawTransaction(async (tx) => {
      await tx.exec('alter table dossier_events disable trigger dossier_events_append_only');
      await tx.exec(`update dossier_events set at = at + interval '1 day' where seq = 2 and dossier_id = (select min(dossier_id) from dossier_events where seq = 2)`);
      await tx.exec('alter table dossier_events enable trigger dossier_events_append_only');
    });
    const tampered = await db.rows<{ code: string }>(sql`select d.code from dossiers d where d.id = (select min(dossier_id) from dossier_events where seq = 2)`);
    await db.close();
    const broken = await run(process.execPath, [BIN, 'audit', 'verify'], { env }).catch((e: { code: number; stderr: string; stdout: string }) => e);
    expect(broken).toMatchObject({ code: 1 });
    const report = broken as { stderr: string; stdout: string };
    expect(report.stderr).toContain(`HỎNG: hồ sơ ${tampered[0]!.code}`);
    expect(report.stderr).toContain('mắt xích hỏng đầu tiên: sự kiện số 2');
    expect(report.stdout).toContain('1 chuỗi bị hỏng');
  }, 300_000);

  it('fails clearly for an unknown user or command', async () => {
    await expect(run(process.execPath, [BIN, 'token', 'create', '--user', 'khong-co'], { env })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Không tìm thấy tài khoản') });
    await expect(run(process.execPath, [BIN, 'bay'], { env })).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
