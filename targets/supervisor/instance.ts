import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { InfraError } from '../../common/node/index.ts';
import { readLogTail } from './log-tail.ts';
import { isRunning, readProcessTree } from './process-tree.ts';

async function anyRunning(pids: readonly number[]): Promise<boolean> {
  for (const pid of pids) if (await isRunning(pid)) return true;
  return false;
}

export interface InstanceSpec {
  id: number;
  command: string;
  cwd: string;
  env: Record<string, string>;
  port: number;
  healthPath: string;
  logPath: string;
  startTimeoutMs: number;
  /** Scrubbed from anything we repeat (log tails in errors). */
  secrets: readonly string[];
}

export interface InstanceExit {
  code: number | null;
  signal: string | null;
  atMs: number;
}

export interface Instance {
  id: number;
  pid: number;
  /** The shell that runs the command (for the run's child watch). */
  child: ChildProcess;
  port: number;
  url: string;
  logPath: string;
  startedAtMs: number;
  /** When the health check first answered 2xx. */
  readyAtMs: number;
  /** Resolves when the process (the shell that ran the command) exits. */
  exited: Promise<InstanceExit>;
  isAlive(): boolean;
  /** SIGTERM to the process group, SIGKILL after drainMs; resolves on exit. */
  terminate(drainMs: number): Promise<{ exit: InstanceExit; killedAfterTimeout: boolean }>;
  /** SIGKILL to the whole process group at once (a crash). */
  kill(): Promise<InstanceExit>;
  tail(lines?: number): string[];
}

/** "code 1", "SIGKILL". */
export function describeExit(exit: InstanceExit): string {
  return exit.signal ?? `code ${exit.code}`;
}

/**
 * Starts one instance of the command under /bin/sh in its own process group (so a signal
 * reaches the whole tree, as a container runtime's does), stdout and stderr appended to its log
 * file, and waits until GET <healthPath> answers 2xx. Fails with an InfraError (exit 3) quoting
 * the last log lines when it exits or never becomes healthy.
 */
export async function startInstance(spec: InstanceSpec): Promise<Instance> {
  const fd = openSync(spec.logPath, 'a');
  let child;
  try {
    child = spawn('/bin/sh', ['-c', spec.command], {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
  } finally {
    closeSync(fd);
  }
  const startedAtMs = Date.now();
  let exitInfo: InstanceExit | undefined;
  const exited = new Promise<InstanceExit>((resolve) => {
    child.once('exit', (code, signal) => resolve((exitInfo = { code, signal, atMs: Date.now() })));
    child.once('error', () => resolve((exitInfo = { code: 127, signal: null, atMs: Date.now() })));
  });
  const pid = child.pid ?? -1;
  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // The group is already gone.
    }
  };
  const instance: Instance = {
    id: spec.id,
    pid,
    child,
    port: spec.port,
    url: `http://127.0.0.1:${spec.port}`,
    logPath: spec.logPath,
    startedAtMs,
    readyAtMs: 0,
    exited,
    isAlive: () => exitInfo === undefined,
    async terminate(drainMs) {
      if (exitInfo) return { exit: exitInfo, killedAfterTimeout: false };
      // The whole tree drains, not only the shell: /bin/sh (dash) does not exec the command, and
      // dies of SIGTERM at once while the connector under it is still finishing its work.
      const tree = (await readProcessTree([pid])).map((p) => p.pid);
      signalGroup('SIGTERM');
      let killed = false;
      const timer = setTimeout(() => {
        killed = true;
        signalGroup('SIGKILL');
      }, drainMs);
      const shellExit = await exited;
      while (!killed && (await anyRunning(tree))) await new Promise((r) => setTimeout(r, 20));
      clearTimeout(timer);
      // Leftover grandchildren of the group (ones that ignored SIGTERM past the drain) go too.
      signalGroup('SIGKILL');
      const exit = { ...shellExit, atMs: Math.max(shellExit.atMs, Date.now()) };
      return { exit, killedAfterTimeout: killed };
    },
    async kill() {
      signalGroup('SIGKILL');
      return exited;
    },
    tail: (lines = 20) => readLogTail(spec.logPath, lines, spec.secrets),
  };
  await waitHealthy(instance, spec);
  instance.readyAtMs = Date.now();
  return instance;
}

async function waitHealthy(instance: Instance, spec: InstanceSpec): Promise<void> {
  const deadline = Date.now() + spec.startTimeoutMs;
  const url = instance.url + spec.healthPath;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (!instance.isAlive()) {
      const exit = await instance.kill();
      throw fail(instance, spec, `it exited (${describeExit(exit)}) before ${spec.healthPath} answered`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await instance.terminate(1000);
  throw fail(
    instance,
    spec,
    `GET ${spec.healthPath} never answered 2xx within ${spec.startTimeoutMs / 1000} s (last: ${last})`,
  );
}

function fail(instance: Instance, spec: InstanceSpec, why: string): InfraError {
  const tail = instance.tail(20);
  return new InfraError(
    `Could not start the supervised target (instance ${spec.id}, port ${spec.port}): ${why}. Check the command, its cwd and the environment it reads (docs/targets.md, "Supervised targets"); its log is ${spec.logPath}.` +
      (tail.length ? `\nIts last output:\n  ${tail.join('\n  ')}` : '\nIt printed nothing.'),
  );
}
