import { configDefaults, defineConfig } from 'vitest/config';

// Files that replace a module with vi.mock need a module registry of their own.
const NEEDS_OWN_MODULES = ['test/rules/profile-problems.test.ts'];

export default defineConfig({
  test: {
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
    projects: [
      // Files share a worker process and its loaded modules: importing the app once per file cost
      // more than most files' tests. A test that changes process-wide state puts it back.
      { extends: true, test: { name: 'shared', isolate: false, include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...NEEDS_OWN_MODULES] } },
      { extends: true, test: { name: 'isolated', isolate: true, include: NEEDS_OWN_MODULES } },
    ],
  },
});
