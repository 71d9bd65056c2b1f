import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end tests: each file starts its own server (fresh PGlite dir, free port) and drives Debian's Chromium.
 * Two files at a time: much of a file's time is spent waiting on its server and browser, which the other file's use.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
    pool: 'forks',
    // One demo installation per run, copied for each file (test/e2e/global-setup.ts).
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
