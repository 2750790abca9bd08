import { fileURLToPath } from 'node:url';
import { beforeEach, vi } from 'vitest';
import {
  cryptoDouble,
  dataDouble,
  httpDouble,
  k6,
  metricsDouble,
  openDouble,
  sleepDouble,
  timersDouble,
} from './k6-doubles.ts';

/**
 * The k6 runtime for vitest, set up once for every test file that runs k6 scripts in-process:
 * importing this module replaces k6's modules with the doubles (k6-doubles.ts) for the whole test
 * file; `useK6Runtime()` resets the doubles before each test (and, by default, puts Date.now on
 * the fake clock); `loadK6Script()` evaluates a script's init context the way k6 does for a VU.
 */
vi.mock('k6', () => ({ sleep: (s: number) => sleepDouble(s) }));
vi.mock('k6/http', () => ({ default: httpDouble }));
vi.mock('k6/crypto', () => ({ default: cryptoDouble }));
vi.mock('k6/metrics', () => metricsDouble);
vi.mock('k6/execution', () => ({ default: k6.execution }));
vi.mock('k6/data', () => dataDouble);
vi.mock('k6/timers', () => timersDouble);

/** What a scenario entry file (scenarios/<name>.ts) exports; every entry file has this shape. */
export type K6ScriptModule = typeof import('../../scenarios/smoke.ts');

/**
 * Resets the doubles before each test. `fakeClock: false` leaves Date.now real (tests that also
 * run the Node engine spy on it only while k6 iterates).
 */
export function useK6Runtime({ fakeClock = true }: { fakeClock?: boolean } = {}): void {
  beforeEach(() => {
    k6.reset();
    if (fakeClock) vi.spyOn(Date, 'now').mockImplementation(() => k6.nowMs);
  });
}

/**
 * One evaluation of a k6 script's init context (k6: once for options, then once per VU): fresh
 * modules, `__ENV` and `open()` as k6 provides them. `script` is a built-in scenario name or a path.
 */
export async function loadK6Script(
  script: string,
  env: Record<string, string>,
  open: (path: string) => string = openDouble,
): Promise<K6ScriptModule> {
  vi.resetModules();
  Object.assign(globalThis, { __ENV: env, open });
  const path = script.includes('/') ? script : fileURLToPath(new URL(`../../scenarios/${script}.ts`, import.meta.url));
  return (await import(path)) as K6ScriptModule;
}
