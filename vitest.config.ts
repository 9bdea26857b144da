import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One in-memory Azurite for the whole run; tests reach it through test/support/store.ts.
    // Every sandbox enforces AML Guard's custom roles from infra/main.json, and the run fails when
    // the code needs more or the roles grant more than the tests exercise (role-global-setup.ts).
    globalSetup: ['test/support/azurite-global-setup.ts', 'test/support/role-global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
