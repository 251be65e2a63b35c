import { defineConfig } from 'vitest/config';

// End-to-end tests: the real server (one per run, started by global-setup.ts on a fresh embedded database)
// driven through Debian's Chromium. Files run one after another: they share the server and two cores.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.e2e.ts'],
    globalSetup: ['./global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 90_000,
    hookTimeout: 120_000,
    expect: { poll: { timeout: 10_000, interval: 100 } },
    reporters: process.env.TEST_REPORT_FILE
      ? ['default', ['json', { outputFile: process.env.TEST_REPORT_FILE }]]
      : ['default'],
  },
});
