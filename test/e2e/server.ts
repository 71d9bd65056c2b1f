import { cp, mkdtemp, rm } from 'node:fs/promises';
import { inject } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, runXaso, spawnServer, terminate } from '../helpers/process.js';

export { PROJECT_ROOT };

declare module 'vitest' {
  export interface ProvidedContext {
    /** The installation test/e2e/global-setup.ts made with the demo data (data folder and keys), copied for each file. */
    e2eTemplate: string;
  }
}

/** Where an installation in `dir` keeps its database, uploaded files and keys. */
export const templateEnv = (dir: string) => ({
  XASO_DATA_DIR: path.join(dir, 'data'), XASO_STORAGE_DIR: path.join(dir, 'storage'), XASO_KEYS_DIR: path.join(dir, 'keys'),
});

function template(): string {
  try {
    return inject('e2eTemplate') ?? '';
  } catch {
    return ''; // not under vitest's browser-test config
  }
}

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

export interface StartOptions {
  timeoutMs?: number;
  /** Demo dossiers generated before the server starts (`xaso seed --dossiers N --year Y`). */
  dossiers?: { count: number; year: number };
}

/**
 * Starts `xaso serve --seed-demo` on a free port (PORT=0, the real port is read from the start-up line)
 * with its own embedded database in a temporary folder (a copy of the run's seeded demo installation under the browser
 * tests' config, else empty), and waits until /healthz answers 200.
 */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'xaso-e2e-'));
  const storageDir = path.join(dataDir, 'storage'); // created by the server on the first upload
  const env = { ...process.env, ...templateEnv(dataDir), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' };
  try {
    const from = template();
    if (from) await cp(from, dataDir, { recursive: true }); // the demo installation, already seeded
    if (opts.dossiers) await runXaso(['seed', '--dossiers', String(opts.dossiers.count), '--year', String(opts.dossiers.year)], env);
    const server = await spawnServer(env, opts.timeoutMs ?? 90_000);
    const stop = async () => {
      await terminate(server.child);
      await rm(dataDir, { recursive: true, force: true });
    };
    const health = await fetch(`${server.baseUrl}/healthz`).catch((err: unknown) => err as Error);
    if (health instanceof Error || health.status !== 200) {
      await stop();
      throw new Error(`/healthz failed: ${health instanceof Error ? health.message : health.status}\n--- server output ---\n${server.output()}`);
    }
    return { baseUrl: server.baseUrl, dataDir, storageDir, output: server.output, stop };
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}
