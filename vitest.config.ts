import { defineConfig } from 'vitest/config';

// Tests that spawn the built server need dist/: globalSetup builds it once per run.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
