import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { buildChildEnv, InfraError, type EnvMap } from '../lib/index.ts';
import { scrubText } from '../load-core/index.ts';

export interface RunningService {
  name: string;
  url: string;
  child: ChildProcess;
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
  const child = spawn(process.execPath, ['--import', 'tsx', spec.script, ...spec.args], {
    env: buildChildEnv(spec.parentEnv ?? process.env, spec.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderrTail: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderrTail.push(...chunk.split('\n').filter(Boolean));
    if (stderrTail.length > 20) stderrTail.splice(0, stderrTail.length - 20);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (graceMs = 35_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
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
      try {
        const event = JSON.parse(line) as { event?: string; url?: string };
        if (event.event === 'listening' && typeof event.url === 'string') {
          clearTimeout(timer);
          resolve({ name: spec.name, url: event.url, child, stop });
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
