import { defineConfig } from 'vitest/config';
import { NO_DATABASE_FILES } from './test/no-database-files.js';
import SlowestFirstSequencer from './test/helpers/sequencer.js';

// The PostgreSQL pass (.ci/run sets XASO_TEST_DATABASE_URL) runs every file that opens a database; the files that
// never do are listed in test/no-database-files.ts and run in the PGlite pass only.
const postgresPass = Boolean(process.env.XASO_TEST_DATABASE_URL);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**', ...(postgresPass ? NO_DATABASE_FILES : [])],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time: CI has 2 cores, and vitest would otherwise use one worker (cores - 1); many files spend
    // much of their time waiting for child processes, PostgreSQL or sockets.
    maxWorkers: 2,
    // One migrated template database per run, copied for each file (test/helpers/db.ts).
    globalSetup: ['test/helpers/global-setup.ts'],
    // The slowest files start first, so that no worker is left alone with one at the end.
    sequence: { sequencer: SlowestFirstSequencer },
    // Fails a file of test/no-database-files.ts that opens a database.
    setupFiles: ['test/helpers/setup.ts'],
  },
});
