import { defineConfig } from 'vitest/config';

/**
 * The calibration matrix boots 33 processes, and the k6-engine suites run the fake k6 (a worker
 * thread per VU): they run alone, after the main suite, one file at a time.
 */
export default defineConfig({
  test: {
    include: ['test/calibration-*.test.ts'],
    testTimeout: 240_000,
    pool: 'forks',
    // A fresh Debian machine gets redis-server and chromium here, once (see test/setup/system-deps.ts).
    globalSetup: ['test/setup/global-setup.ts'],
    fileParallelism: false,
  },
});
