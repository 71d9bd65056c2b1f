import { defineConfig } from 'vitest/config';

/** Browser end-to-end tests: each file starts its own server (fresh PGlite dir) and drives Debian's Chromium. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
