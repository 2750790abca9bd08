import { ensureSystemDeps, planSystemDeps, probeHost, TEST_SYSTEM_DEPS } from './system-deps.ts';

/** vitest globalSetup: a fresh Debian machine gets redis-server and chromium once, before any test. */
export default function setup(): void {
  ensureSystemDeps(planSystemDeps(TEST_SYSTEM_DEPS, probeHost()));
}
