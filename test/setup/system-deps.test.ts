import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ensureSystemDeps,
  isOnPath,
  planSystemDeps,
  probeHost,
  TEST_SYSTEM_DEPS,
  type HostProbe,
} from './system-deps.ts';

const host = (missing: string[], over: Partial<HostProbe> = {}): HostProbe => ({
  has: (d) => !missing.includes(d.command),
  isRoot: true,
  hasAptGet: true,
  ...over,
});

describe('test system dependencies', () => {
  it('does nothing when redis-server and chromium are both installed', () => {
    expect(planSystemDeps(TEST_SYSTEM_DEPS, host([]))).toEqual({ action: 'none' });
  });

  it('installs only the missing Debian packages when running as root with apt-get', () => {
    expect(planSystemDeps(TEST_SYSTEM_DEPS, host(['redis-server', 'chromium']))).toEqual({
      action: 'install',
      packages: ['redis-server', 'chromium'],
      command: 'apt-get update && apt-get install -y redis-server chromium',
    });
    expect(planSystemDeps(TEST_SYSTEM_DEPS, host(['chromium']))).toMatchObject({ packages: ['chromium'] });
  });

  it('fails with one line giving the exact command when not root', () => {
    const plan = planSystemDeps(TEST_SYSTEM_DEPS, host(['redis-server'], { isRoot: false }));
    expect(plan).toEqual({
      action: 'fail',
      packages: ['redis-server'],
      message:
        "Could not run the tests: redis-server is missing. Run: sudo sh -c 'apt-get update && apt-get install -y redis-server'",
    });
    expect((plan as { message: string }).message).not.toContain('\n');
  });

  it('names the packages to install when there is no apt-get', () => {
    const plan = planSystemDeps(TEST_SYSTEM_DEPS, host(['redis-server', 'chromium'], { hasAptGet: false }));
    expect(plan).toMatchObject({
      action: 'fail',
      message: expect.stringContaining(
        'redis-server and chromium are missing. Run: install redis-server chromium with your package manager',
      ),
    });
  });

  it('finds programs on a PATH string and not elsewhere', () => {
    const dir = mkdtempSync(join(tmpdir(), 'path-probe-'));
    writeFileSync(join(dir, 'redis-server'), '#!/bin/sh\n');
    chmodSync(join(dir, 'redis-server'), 0o755);
    expect(isOnPath('redis-server', dir)).toBe(true);
    expect(isOnPath('redis-server', '/nonexistent')).toBe(false);
    const probe = probeHost(dir);
    expect(probe.has({ command: 'redis-server', aptPackage: 'redis-server' })).toBe(true);
    expect(probe.has({ command: 'chromium', aptPackage: 'chromium' })).toBe(false);
    expect(probe.hasAptGet).toBe(false);
  });

  it('runs the install command once and reports a failed apt-get with the command to retry', () => {
    const ran: string[] = [];
    const plan = planSystemDeps(TEST_SYSTEM_DEPS, host(['chromium']));
    ensureSystemDeps(plan, (c) => (ran.push(c), 0));
    expect(ran).toEqual(['DEBIAN_FRONTEND=noninteractive apt-get update && apt-get install -y chromium']);
    expect(() => ensureSystemDeps(plan, () => 100)).toThrow(
      'Could not install chromium: apt-get exited with 100. Run: apt-get update && apt-get install -y chromium',
    );
  });
});
