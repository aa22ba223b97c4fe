import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A test that needs more than this is too slow, and waiting longer is no fix; only tests that
    // start real processes (test/faults, the Playground end-to-end hook) set their own, explained there.
    testTimeout: 10_000,
    hookTimeout: 10_000,
    pool: 'forks',
    // Two files at a time on CI's two cores: most test time is waiting on Postgres, sockets and
    // child processes, and vitest's default (cores - 1) would run one file at a time.
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
    setupFiles: ['test/support/setup.ts'],
    globalSetup: ['test/support/global-setup.ts'],
  },
});
