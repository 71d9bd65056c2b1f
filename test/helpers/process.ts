import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Root of the project (the folder holding package.json). */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const READY = /Xã Số đang chạy tại (http:\/\/[^\s]+)/;

const xaso = (args: string[], env: NodeJS.ProcessEnv) =>
  spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });

/** Runs `xaso <args>` to its end; resolves with its standard output, fails with everything it printed. */
export async function runXaso(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = xaso(args, env);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (err += s));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`xaso ${args.join(' ')} exited with ${code}\n${out}\n${err}`);
  return out;
}

export interface ServerProcess {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  baseUrl: string;
  child: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  exited: Promise<void>;
}

/** Starts `xaso serve --seed-demo` (PORT=0 in `env` gives a free port) and waits for its start-up line. */
export async function spawnServer(env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<ServerProcess> {
  const child = xaso(['serve', '--seed-demo'], env);
  let log = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (log += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (log += s));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
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
    return { baseUrl, child, output: () => log, exited };
  } catch (err) {
    await terminate(child);
    throw new Error(`${(err as Error).message}\n--- server output ---\n${log}`);
  }
}

/** SIGTERM, then SIGKILL after 10 s. */
export async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
