import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { InfraError } from '../../../common/node/index.ts';
import { scrubText } from '../../../scenarios/model/index.ts';

export interface TargetProcess {
  child: ChildProcess;
  /** Everything it wrote (stdout and stderr interleaved), secrets scrubbed, last 1 MiB. */
  output(): string;
  /** Peak resident memory so far (Linux VmHWM), MB. */
  peakRssMb(): number | undefined;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs: number): Promise<{ exitCode: number | null; signal: string | null; afterMs: number; killed: boolean }>;
}

const MAX_OUTPUT = 1 << 20;

/** Starts `argv` in `cwd` with exactly `env` (nothing else from this process's environment). */
export function startTarget(
  argv: string[],
  cwd: string,
  env: Record<string, string>,
  secrets: string[],
): TargetProcess {
  const [command, ...args] = argv;
  const child = spawn(command!, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > MAX_OUTPUT) output = output.slice(-MAX_OUTPUT);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  child.on('error', (error) => collect(Buffer.from(`could not run ${command}: ${error.message}\n`)));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    child,
    output: () => scrubText(output, secrets),
    peakRssMb: () => readPeakRssMb(child.pid),
    async stop(graceMs) {
      const started = performance.now();
      if (child.exitCode !== null || child.signalCode !== null)
        return { exitCode: child.exitCode, signal: child.signalCode, afterMs: 0, killed: false };
      child.kill('SIGTERM');
      let killed = false;
      const timer = setTimeout(() => ((killed = true), child.kill('SIGKILL')), graceMs);
      await exited;
      clearTimeout(timer);
      return { exitCode: child.exitCode, signal: child.signalCode, afterMs: performance.now() - started, killed };
    },
  };
}

/** Polls `url` until it answers 2xx; an exit of the target or `timeoutMs` is an InfraError with its output. */
export async function waitForHealth(
  target: TargetProcess,
  url: string,
  name: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let last = 'no answer yet';
  while (performance.now() < deadline) {
    if (target.child.exitCode !== null || target.child.signalCode !== null) {
      throw new InfraError(
        `Could not start ${name}: it exited (${target.child.exitCode ?? target.child.signalCode}) before ${url} answered.${tail(target.output())}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return;
      last = `answered ${response.status}`;
    } catch (error) {
      last = ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message;
    }
    await sleep(100);
  }
  throw new InfraError(
    `Could not start ${name}: ${url} did not answer 2xx within ${timeoutMs} ms (${last}).${tail(target.output())}`,
  );
}

function tail(output: string): string {
  const lines = output.trim().split('\n').slice(-15);
  return lines.length && lines[0] ? `\nIts last output:\n  ${lines.join('\n  ')}` : '';
}

function readPeakRssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : undefined;
  } catch {
    return undefined;
  }
}
