/**
 * The ONE place that reads k6's `__ENV`. Everything else receives these values as arguments,
 * so the scenario logic stays testable under vitest (tests set `globalThis.__ENV`).
 */
export type K6Env = Record<string, string | undefined>;

// Declared here rather than taken from @types/k6 so Node's type-check, which follows imports
// into this file, needs no k6 globals; at runtime it is k6's global.
declare const __ENV: K6Env | undefined;

export function readEnv(): K6Env {
  return typeof __ENV === 'undefined' ? {} : __ENV;
}
