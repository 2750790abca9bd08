import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Something some tests need (a program, or a module of Debian's python3), and the Debian package that provides it. */
export type SystemDep =
  | {
      command: string;
      aptPackage: string;
      /** Absolute paths that count as installed even off PATH (Debian's chromium lives at /usr/bin). */
      paths?: string[];
    }
  | {
      /** Imported by Debian's python3 (`/usr/bin/python3 -c 'import <module>'`), as the examples run it. */
      pythonModule: string;
      aptPackage: string;
    };

/** What every tier with a global setup needs: the Redis store tests and the browser tests. */
export const TEST_SYSTEM_DEPS: SystemDep[] = [
  { command: 'redis-server', aptPackage: 'redis-server' },
  { command: 'chromium', aptPackage: 'chromium', paths: ['/usr/bin/chromium'] },
];

/** What the example connectors' tests (e2e tier) need: Debian's python3 modules and Go. */
export const EXAMPLE_SYSTEM_DEPS: SystemDep[] = [
  { pythonModule: 'fastapi', aptPackage: 'python3-fastapi' },
  { pythonModule: 'uvicorn', aptPackage: 'python3-uvicorn' },
  { pythonModule: 'flask', aptPackage: 'python3-flask' },
  { pythonModule: 'redis', aptPackage: 'python3-redis' },
  { command: 'go', aptPackage: 'golang-go', paths: ['/usr/bin/go'] },
];

/** The packages a vitest project (tier) needs before its first test. Pure. */
export function systemDepsForTier(tier: string): SystemDep[] {
  return tier === 'e2e' ? [...TEST_SYSTEM_DEPS, ...EXAMPLE_SYSTEM_DEPS] : TEST_SYSTEM_DEPS;
}

/** Debian's python3: the examples run on it, and a pyenv python3 first on PATH may lack its modules. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

export interface HostProbe {
  /** True when the dependency is installed (a program on PATH or at a known path; a module python3 imports). */
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
  const names = packages.length > 1 ? `${packages.slice(0, -1).join(', ')} and ${packages.at(-1)}` : packages[0];
  return {
    action: 'fail',
    packages,
    message: `Could not run the tests: ${names} ${packages.length > 1 ? 'are' : 'is'} missing. Run: ${how}`,
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

/** Runs argv and says whether it exited 0. */
export type RunProbe = (argv: string[]) => boolean;

const runProbe: RunProbe = ([command, ...args]) =>
  spawnSync(command as string, args, { stdio: 'ignore', timeout: 30_000 }).status === 0;

/** The real host: PATH lookups, Python imports, uid, apt-get. */
export function probeHost(pathEnv = process.env.PATH, run: RunProbe = runProbe): HostProbe {
  return {
    has: (dep) =>
      'pythonModule' in dep
        ? run([DEBIAN_PYTHON, '-c', `import ${dep.pythonModule}`])
        : isOnPath(dep.command, pathEnv) || (dep.paths ?? []).some(isExecutable),
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
  process.stderr.write(`test setup: installing ${plan.packages.join(', ')} (needed by the tests): ${plan.command}\n`);
  const status = run(`DEBIAN_FRONTEND=noninteractive ${plan.command}`);
  if (status !== 0)
    throw new Error(
      `Could not install ${plan.packages.join(' ')}: apt-get exited with ${status}. Run: ${plan.command}`,
    );
}
