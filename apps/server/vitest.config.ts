import { defineConfig } from 'vitest/config';

// Tier by file name: *.test.ts run in-process against a fresh migrated database (PGlite, or PostgreSQL when
// TEST_DATABASE_URL is set); nothing is mocked.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CI asks for a JSON report as well, to print one plain 'N passed, N failed' line for both databases.
    reporters: process.env.TEST_REPORT_FILE
      ? ['default', ['json', { outputFile: process.env.TEST_REPORT_FILE }]]
      : ['default'],
  },
});
