/**
 * Runs once per browser-test run: starts `xaso serve --seed-demo` on an empty installation, stops it, and keeps its
 * data folder and keys as a template that startServer (test/e2e/server.ts) copies for each test file. Each file still
 * gets its own installation, as it would from a fresh start, without seeding the demo (argon2 hashes, the catalogue,
 * the portal and map, TEST certificates) again: about 9 s less per file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { spawnServer, terminate } from '../helpers/process.js';
import { templateEnv } from './server.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'xaso-e2e-template-'));
  const server = await spawnServer({ ...process.env, ...templateEnv(dir), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' }, 120_000);
  await terminate(server.child); // a clean stop: the copies start from a closed database
  project.provide('e2eTemplate', dir);
  return () => rm(dir, { recursive: true, force: true });
}
