import type { TestProject } from 'vitest/node';
import { ensureSystemDeps, planSystemDeps, probeHost, systemDepsForTier } from './system-deps.ts';

/**
 * vitest globalSetup of every tier but unit: a fresh Debian machine gets what the tier needs once,
 * before any test (redis-server and chromium; the e2e tier also the example connectors' python3
 * modules and Go), as root through apt-get; otherwise it stops at once with the one command to run.
 */
export default function setup(project: TestProject): void {
  ensureSystemDeps(planSystemDeps(systemDepsForTier(project.name), probeHost()));
}
