import { defineConfig } from 'vitest/config';

/** The calibration matrix boots 33 processes; it runs alone, after the main suite. */
export default defineConfig({
  test: {
    include: ['test/calibration-*.test.ts'],
    testTimeout: 240_000,
    pool: 'forks',
    // A fresh Debian machine gets redis-server and chromium here, once (see test/setup/system-deps.ts).
    globalSetup: ['test/setup/global-setup.ts'],
  },
});
