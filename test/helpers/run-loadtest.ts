import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { expect } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
/** The fake k6 binary's folder (scenarios/test-support/fake-k6), to put first on PATH. */
export const FAKE_K6 = join(ROOT, 'test/doubles/fake-k6');

export interface LoadtestResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived, for failure messages. */
  output: string;
}

export interface LoadtestOptions {
  /** Hard stop: the child gets `hardStopSignal` this long after it started. */
  hardStopMs: number;
  /** SIGINT lets loadtest stop its mock, connector and k6 children; SIGKILL does not wait. */
  hardStopSignal: 'SIGINT' | 'SIGKILL';
  /** Set over the test's own environment. */
  env?: Record<string, string>;
  /** Puts the fake k6 first on PATH, its VUs capped at 6 (a 2-core machine). */
  fakeK6?: boolean;
  /** Sends SIGINT this long after the first progress line (`rate …` on stderr), as Ctrl-C would. */
  interruptAfterMs?: number;
}

/** The real `loadtest` CLI (`node --import tsx scripts/loadtest.ts …`, in the repo root) as a child, bounded in time. */
export function runLoadtest(args: string[], options: LoadtestOptions): Promise<LoadtestResult> {
  const fakeK6 = options.fakeK6 ? { PATH: `${FAKE_K6}${delimiter}${process.env.PATH}`, FAKE_K6_VU_LIMIT: '6' } : {};
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--import', join(ROOT, 'node_modules/tsx/dist/loader.mjs'), join(ROOT, 'scripts/loadtest.ts'), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ...fakeK6, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.on('data', (d) => ((stdout += d), (output += d)));
    child.stderr.on('data', (d) => ((stderr += d), (output += d)));
    const hardStop = setTimeout(() => child.kill(options.hardStopSignal), options.hardStopMs);
    const { interruptAfterMs } = options;
    const watch =
      interruptAfterMs === undefined
        ? undefined
        : setInterval(() => {
            if (!stderr.includes('rate ')) return;
            clearInterval(watch);
            setTimeout(() => child.kill('SIGINT'), interruptAfterMs);
          }, 100);
    child.on('exit', (code) => {
      clearTimeout(hardStop);
      clearInterval(watch);
      done({ code, stdout, stderr, output });
    });
  });
}

/** The one run folder a loadtest wrote under `out` (fails the test when there is not exactly one). */
export function onlyRunFolder(out: string): string {
  const runs = readdirSync(out);
  expect(runs).toHaveLength(1);
  return join(out, runs[0] as string);
}
