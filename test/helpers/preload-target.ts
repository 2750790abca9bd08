import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { runLoadtest } from './run-loadtest.ts';

const ROOT = resolve(import.meta.dirname, '../..');

export interface PreloadedTarget {
  /** The preload's admin URL, from its `mock-admin-listening` stderr line. */
  adminUrl: Promise<string>;
  /** The first stderr JSON line with `event: "listening"` (the target's own, e.g. the SDK bot). */
  listening: Promise<string>;
  exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
  alive(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * `node --import tsx --import ./mock-graph-api/preload.ts <script>` as a real child, exactly as
 * the README says to start a connector, with `env` on top of the test's environment.
 */
export function spawnPreloaded(script: string, env: Record<string, string>): PreloadedTarget {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './mock-graph-api/preload.ts', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const lineEvent = (event: string, timeoutMs = 45_000) =>
    new Promise<string>((done, fail) => {
      setTimeout(
        () => fail(new Error(`target printed no "${event}" line within ${timeoutMs} ms: ${stderr}`)),
        timeoutMs,
      ).unref();
      createInterface({ input: child.stderr }).on('line', (line) => {
        let parsed: { event?: string; url?: string } = {};
        try {
          parsed = JSON.parse(line) as typeof parsed;
        } catch {
          return;
        }
        if (parsed?.event === event && parsed.url) done(parsed.url);
      });
      void exited.then((code) => fail(new Error(`target exited with ${code} before "${event}": ${stderr}`)));
    });
  const adminUrl = lineEvent('mock-admin-listening');
  const listening = lineEvent('listening');
  adminUrl.catch(() => undefined);
  listening.catch(() => undefined);
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    adminUrl,
    listening,
    exited,
    output: () => ({ stdout, stderr }),
    alive,
    async stop(graceMs = 10_000) {
      if (!alive()) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** The real `loadtest` CLI (`node --import tsx scripts/loadtest.ts …`) as a child, bounded. */
export function runLoadtestCli(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 90_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runLoadtest(args, { hardStopMs: timeoutMs, hardStopSignal: 'SIGINT', env });
}
