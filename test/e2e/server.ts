import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the project (the folder holding package.json). */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  baseUrl: string;
  dataDir: string;
  /** Where uploaded dossier files go (XASO_STORAGE_DIR): a subfolder of dataDir, removed with it. */
  storageDir: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

const READY = /Xã Số đang chạy tại (http:\/\/[^\s]+)/;

export interface StartOptions {
  timeoutMs?: number;
  /** Demo dossiers generated before the server starts (`xaso seed --dossiers N --year Y`). */
  dossiers?: { count: number; year: number };
}

/** Runs `xaso <args>` to its end with the server's environment; fails with its output. */
async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (out += s));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`xaso ${args.join(' ')} exited with ${code}\n${out}`);
}

/**
 * Starts `xaso serve --seed-demo` on a free port (PORT=0, the real port is read from the start-up line)
 * with a fresh embedded database in a temporary folder, and waits until /healthz answers 200.
 */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const timeoutMs = opts.timeoutMs ?? 90_000;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'xaso-e2e-'));
  const storageDir = path.join(dataDir, 'storage'); // created by the server on the first upload
  let log = '';
  const env = { ...process.env, XASO_DATA_DIR: dataDir, XASO_STORAGE_DIR: storageDir, XASO_KEYS_DIR: path.join(dataDir, 'keys'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' };
  if (opts.dossiers) {
    try {
      await runCli(['seed', '--dossiers', String(opts.dossiers.count), '--year', String(opts.dossiers.year)], env);
    } catch (err) {
      await rm(dataDir, { recursive: true, force: true });
      throw err;
    }
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve', '--seed-demo'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (log += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (log += s));

  const stop = async () => {
    await terminate(child);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMs} ms`)), timeoutMs);
      const onData = () => {
        const m = READY.exec(log);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!.replace(/\/$/, ''));
        }
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server exited early (code ${code}, signal ${signal})`));
      });
      onData();
    });
    const health = await fetch(`${baseUrl}/healthz`);
    if (health.status !== 200) throw new Error(`/healthz answered ${health.status}`);
    return { baseUrl, dataDir, storageDir, output: () => log, stop };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- server output ---\n${log}`);
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
