import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EXAMPLE_SYSTEM_DEPS,
  ensureSystemDeps,
  isOnPath,
  planSystemDeps,
  probeHost,
  systemDepsForTier,
  TEST_SYSTEM_DEPS,
  type HostProbe,
} from './system-deps.ts';

const host = (missing: string[], over: Partial<HostProbe> = {}): HostProbe => ({
  has: (d) => !missing.includes(d.aptPackage),
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

  it("asks the e2e tier for the example connectors' Python modules and Go too, and the other tiers only for redis-server and chromium", () => {
    const names = (tier: string) => systemDepsForTier(tier).map((d) => d.aptPackage);
    expect(names('integration')).toEqual(['redis-server', 'chromium']);
    expect(names('calibration')).toEqual(['redis-server', 'chromium']);
    expect(names('e2e')).toEqual([
      'redis-server',
      'chromium',
      'python3-fastapi',
      'python3-uvicorn',
      'python3-flask',
      'python3-redis',
      'golang-go',
    ]);
  });

  it("installs the example connectors' missing packages with the same apt-get line when root", () => {
    expect(planSystemDeps(systemDepsForTier('e2e'), host(['python3-uvicorn', 'golang-go']))).toEqual({
      action: 'install',
      packages: ['python3-uvicorn', 'golang-go'],
      command: 'apt-get update && apt-get install -y python3-uvicorn golang-go',
    });
  });

  it('stops the e2e tier at once, not as root, with one line naming every missing package', () => {
    const plan = planSystemDeps(
      systemDepsForTier('e2e'),
      host(['chromium', 'python3-fastapi', 'python3-flask'], { isRoot: false }),
    );
    expect(plan).toEqual({
      action: 'fail',
      packages: ['chromium', 'python3-fastapi', 'python3-flask'],
      message:
        "Could not run the tests: chromium, python3-fastapi and python3-flask are missing. Run: sudo sh -c 'apt-get update && apt-get install -y chromium python3-fastapi python3-flask'",
    });
  });

  it("probes a Python module with Debian's /usr/bin/python3 (a pyenv python3 on PATH may lack it), and Go on PATH or at /usr/bin/go", () => {
    const ran: string[][] = [];
    const probe = probeHost('/nonexistent', (argv) => (ran.push(argv), argv[2] !== 'import flask'));
    const byPackage = (name: string) => EXAMPLE_SYSTEM_DEPS.find((d) => d.aptPackage === name)!;
    expect(probe.has(byPackage('python3-fastapi'))).toBe(true);
    expect(probe.has(byPackage('python3-flask'))).toBe(false);
    expect(ran).toEqual([
      ['/usr/bin/python3', '-c', 'import fastapi'],
      ['/usr/bin/python3', '-c', 'import flask'],
    ]);
    expect(byPackage('golang-go')).toMatchObject({ command: 'go', paths: ['/usr/bin/go'] });
  });
});
