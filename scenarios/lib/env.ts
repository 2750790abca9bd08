/**
 * The ONE place that reads k6's `__ENV`. Everything else receives these values as arguments,
 * so the scenario logic stays testable under vitest. Read through globalThis so Node's type-check
 * (which follows imports here) needs no k6 globals.
 */
export type K6Env = Record<string, string | undefined>;

export function readEnv(): K6Env {
  return (globalThis as { __ENV?: K6Env }).__ENV ?? {};
}
