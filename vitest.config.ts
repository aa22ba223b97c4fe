import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A test that needs more than this is too slow, and waiting longer is no fix; only tests that
    // start real processes (test/faults, the Playground end-to-end hook) set their own, explained there.
    testTimeout: 10_000,
    hookTimeout: 10_000,
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
    setupFiles: ['test/support/setup.ts'],
    globalSetup: ['test/support/global-setup.ts'],
  },
});
