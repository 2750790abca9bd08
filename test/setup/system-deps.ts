import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A program some tests need, and the Debian package that provides it. */
export interface SystemDep {
  command: string;
  aptPackage: string;
  /** Absolute paths that count as installed even off PATH (Debian's chromium lives at /usr/bin). */
  paths?: string[];
}

export const TEST_SYSTEM_DEPS: SystemDep[] = [
  { command: 'redis-server', aptPackage: 'redis-server' },
  { command: 'chromium', aptPackage: 'chromium', paths: ['/usr/bin/chromium'] },
];

export interface HostProbe {
  /** True when the program is installed (on PATH or at one of its known paths). */
  has(dep: SystemDep): boolean;
  isRoot: boolean;
  hasAptGet: boolean;
}

export type SystemDepsPlan =
  | { action: 'none' }
  | { action: 'install'; packages: string[]; command: string }
  | { action: 'fail'; packages: string[]; message: string };

/** Decides, from what the host has, whether to do nothing, install the missing packages, or fail with the exact command. Pure. */
export function planSystemDeps(deps: SystemDep[], host: HostProbe): SystemDepsPlan {
  const packages = deps.filter((d) => !host.has(d)).map((d) => d.aptPackage);
  if (packages.length === 0) return { action: 'none' };
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  if (host.isRoot && host.hasAptGet) return { action: 'install', packages, command };
  const how = host.hasAptGet ? `sudo sh -c '${command}'` : `install ${packages.join(' ')} with your package manager`;
  return {
    action: 'fail',
    packages,
    message: `Could not run the tests: ${packages.join(' and ')} ${packages.length > 1 ? 'are' : 'is'} missing. Run: ${how}`,
  };
}

/** Looks a program up on a PATH string the way a shell does. */
export function isOnPath(command: string, pathEnv: string | undefined): boolean {
  for (const dir of (pathEnv ?? '').split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The real host: PATH lookups, uid, apt-get. */
export function probeHost(pathEnv = process.env.PATH): HostProbe {
  return {
    has: (dep) => isOnPath(dep.command, pathEnv) || (dep.paths ?? []).some(isExecutable),
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasAptGet: isOnPath('apt-get', pathEnv),
  };
}

/** Carries out a plan: installs through apt-get (output shown), or throws the one-line fix. */
export function ensureSystemDeps(
  plan: SystemDepsPlan,
  run = (command: string) => spawnSync('sh', ['-c', command], { stdio: 'inherit' }).status,
): void {
  if (plan.action === 'none') return;
  if (plan.action === 'fail') throw new Error(plan.message);
  process.stderr.write(
    `test setup: installing ${plan.packages.join(', ')} (needed by the Redis and browser tests): ${plan.command}\n`,
  );
  const status = run(`DEBIAN_FRONTEND=noninteractive ${plan.command}`);
  if (status !== 0)
    throw new Error(
      `Could not install ${plan.packages.join(' ')}: apt-get exited with ${status}. Run: ${plan.command}`,
    );
}
