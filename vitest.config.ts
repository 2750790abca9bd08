import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'reports/runs/**', 'test/calibration-*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // A fresh Debian machine gets redis-server and chromium here, once (see test/setup/system-deps.ts).
    globalSetup: ['test/setup/global-setup.ts'],
  },
});
