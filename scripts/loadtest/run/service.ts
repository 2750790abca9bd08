import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { adoptGroup, buildChildEnv, InfraError, signalGroup, type EnvMap } from '../../../common/node/index.ts';
import { scrubText } from '../../../scenarios/model/index.ts';
import type { WatchedChild } from '../../../common/node/index.ts';

const EXIT_WITH_PARENT = fileURLToPath(new URL('../../../common/node/exit-with-parent.ts', import.meta.url));

export interface RunningService extends WatchedChild {
  url: string;
  /** SIGTERM, then SIGKILL after the grace period; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface ServiceSpec {
  name: string;
  /** TypeScript entry file, run with `node --import tsx`. */
  script: string;
  args: string[];
  /**
   * The child's own environment, built from the resolved config (secrets go here, never in argv
   * where `ps` shows them). Besides these it gets only PATH, HOME, TMPDIR, LANG…: never the shell,
   * so a REDIS_URL, WA_DEFECT or WA_SEED there cannot change the child.
   */
  env?: Record<string, string | undefined>;
  /** Where the platform variables come from (default process.env). */
  parentEnv?: EnvMap;
  /** Strings to scrub from any output we repeat. */
  secrets?: string[];
  readyTimeoutMs?: number;
}

/**
 * Starts a child service that prints `{"event":"listening","url":…}` on stdout when ready
 * (the connector and the mock both do). Fails with an InfraError carrying its last stderr lines.
 */
export function startService(spec: ServiceSpec): Promise<RunningService> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', EXIT_WITH_PARENT, spec.script, ...spec.args], {
    env: buildChildEnv(spec.parentEnv ?? process.env, spec.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: a terminal's Ctrl-C reaches only loadtest, which stops us after the ledger is read.
    detached: true,
  });
  adoptGroup(child);
  const stderrTail: string[] = [];
  const outputTail: string[] = [];
  const keep = (tail: string[]) => (chunk: string) => {
    tail.push(...chunk.split('\n').filter(Boolean));
    if (tail.length > 20) tail.splice(0, tail.length - 20);
  };
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    keep(stderrTail)(chunk);
    keep(outputTail)(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping = false;
  const stop = async (graceMs = 35_000) => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const lastLines = () =>
    scrubText(outputTail.join('\n'), spec.secrets ?? [])
      .split('\n')
      .filter(Boolean);
  const explain = (why: string) =>
    new InfraError(
      `Could not start the ${spec.name}: ${why}.${stderrTail.length ? `\nIts last output:\n  ${scrubText(stderrTail.join('\n  '), spec.secrets ?? [])}` : ''}`,
    );
  return new Promise<RunningService>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop(1000);
      reject(explain(`no "listening" line within ${spec.readyTimeoutMs ?? 20_000} ms`));
    }, spec.readyTimeoutMs ?? 20_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      keep(outputTail)(line);
      try {
        const event = JSON.parse(line) as { event?: string; url?: string };
        if (event.event === 'listening' && typeof event.url === 'string') {
          clearTimeout(timer);
          resolve({ name: spec.name, url: event.url, child, stop, isStopping: () => stopping, lastLines });
        }
      } catch {
        // Not a JSON event line: ignore, services may print other output.
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(explain(`it exited early (${signal ?? `code ${code}`})`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(explain(error.message));
    });
  });
}
