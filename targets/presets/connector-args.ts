import type { BuiltinTarget } from './preset-schema.ts';

/**
 * Reference-connector flags that make `--target builtin` match a preset (connector/README.md).
 * Redis is not here: it travels as the run's redisUrl (`--redis-url` overrides it), handed to the
 * child in its REDIS_URL environment, never argv, since the URL may carry a password.
 */
export function builtinConnectorArgs(builtin: BuiltinTarget | undefined): string[] {
  if (!builtin) return [];
  return [
    ...(builtin.rateLimitPerIp === undefined ? [] : ['--rate-limit-per-ip', String(builtin.rateLimitPerIp)]),
    ...(builtin.rateLimitBurst === undefined ? [] : ['--rate-limit-burst', String(builtin.rateLimitBurst)]),
    ...(builtin.callsMode === undefined ? [] : ['--calls-mode', builtin.callsMode]),
  ];
}
