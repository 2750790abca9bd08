import { defineConfig } from 'vitest/config';

/**
 * Four tiers, each with its own command (see package.json and docs/testing.md):
 * - unit: pure code, beside its module (plus test/repo's checks of the repo's own files). No
 *   child process, no socket (test/setup/unit-guard.ts refuses both), no real clock.
 * - integration: one real server or process on loopback, short (test/integration).
 * - e2e: whole CLI runs, the example connectors, the browser (test/e2e).
 * - calibration: the defect matrix on both engines (test/calibration), one file at a time.
 * `npm test` runs type-check + unit + integration; `.ci/run` runs every tier.
 */
const SOURCES = ['common', 'fixtures', 'scenarios', 'mock-graph-api', 'targets', 'reports', 'scripts'];
// A fresh Debian machine gets redis-server and chromium here, once (see test/setup/system-deps.ts).
const SYSTEM_DEPS = ['test/setup/global-setup.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    exclude: ['node_modules/**', 'reports/runs/**'],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            ...SOURCES.map((dir) => `${dir}/**/*.test.ts`),
            'test/repo/**/*.test.ts',
            'test/setup/**/*.test.ts',
          ],
          exclude: ['node_modules/**', 'reports/runs/**'],
          setupFiles: ['test/setup/unit-guard.ts'],
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: SYSTEM_DEPS,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: SYSTEM_DEPS,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'calibration',
          include: ['test/calibration/**/*.test.ts'],
          globalSetup: SYSTEM_DEPS,
          // The matrix boots dozens of processes and the fake k6 a worker thread per VU, so its
          // command runs one file at a time (--no-file-parallelism in package.json).
          testTimeout: 240_000,
        },
      },
    ],
  },
});
