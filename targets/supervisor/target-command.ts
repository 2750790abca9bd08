import { z } from 'zod';

/** The variables the harness hands a supervised target, by role; names overridable per preset. */
export const ENV_ROLES = [
  'port',
  'host',
  'appSecret',
  'verifyToken',
  'accessToken',
  'graphBaseUrl',
  'redisUrl',
] as const;
export type EnvRole = (typeof ENV_ROLES)[number];

/** The shared contract's default names (docs/targets.md "Supervised targets"). */
export const DEFAULT_ENV_NAMES: Record<EnvRole, string> = {
  port: 'PORT',
  host: 'HOST',
  appSecret: 'WHATSAPP_APP_SECRET',
  verifyToken: 'WHATSAPP_VERIFY_TOKEN',
  accessToken: 'WHATSAPP_ACCESS_TOKEN',
  graphBaseUrl: 'GRAPH_BASE_URL',
  redisUrl: 'REDIS_URL',
};

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name such as PORT');

/**
 * `target.command` in a config file or preset; `--target-cmd "<command>"` fills `command`.
 * Runs under /bin/sh -c in `cwd` with an explicit environment (never the harness's shell).
 */
export const targetCommandSchema = z.strictObject({
  command: z.string().trim().min(1, 'give the shell command that starts the connector'),
  cwd: z.string().min(1).optional(),
  /** Extra variables, e.g. LOG_LEVEL; they may not override the harness's own. */
  env: z.record(envName, z.string()).default({}),
  envNames: z
    .strictObject(
      Object.fromEntries(ENV_ROLES.map((r) => [r, envName.optional()])) as Record<
        EnvRole,
        z.ZodOptional<typeof envName>
      >,
    )
    .default({}),
  healthPath: z.string().startsWith('/').default('/health'),
  drainTimeoutS: z.number().positive().max(600).default(30),
  /** How long the first health check may take after the start. */
  startTimeoutS: z.number().positive().max(600).default(30),
});
export type TargetCommandInput = z.input<typeof targetCommandSchema>;
export type TargetCommand = z.output<typeof targetCommandSchema>;

/** Default names overlaid with the preset's. */
export function resolveEnvNames(overrides: Partial<Record<EnvRole, string | undefined>>): Record<EnvRole, string> {
  const out = { ...DEFAULT_ENV_NAMES };
  for (const role of ENV_ROLES) {
    const name = overrides[role];
    if (name) out[role] = name;
  }
  return out;
}
