import { resolveEnvNames, type EnvRole, type TargetCommand } from './target-command.ts';

/** The only variables of the harness's own environment a target inherits. */
export const INHERITED_ENV = ['PATH', 'HOME', 'LANG', 'TMPDIR'] as const;

export interface TargetEnvValues {
  port: number;
  host: string;
  appSecret: string;
  verifyToken: string;
  accessToken: string;
  graphBaseUrl: string;
  redisUrl?: string;
}

/**
 * The explicit environment of one supervised instance: PATH, HOME, LANG, TMPDIR from the
 * harness, the contract's variables, then the command's extra `env` (which may not shadow a
 * contract variable). Pure; the caller passes its own environment in.
 * (A twin of core's lib/child-env allowlist, kept local until the branches merge.)
 */
export function buildTargetEnv(command: Pick<TargetCommand, 'env' | 'envNames'>, values: TargetEnvValues, parentEnv: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const names = resolveEnvNames(command.envNames);
  const env: Record<string, string> = {};
  for (const key of INHERITED_ENV) {
    const v = parentEnv[key];
    if (v !== undefined && v !== '') env[key] = v;
  }
  const own: Partial<Record<EnvRole, string>> = {
    port: String(values.port),
    host: values.host,
    appSecret: values.appSecret,
    verifyToken: values.verifyToken,
    accessToken: values.accessToken,
    graphBaseUrl: values.graphBaseUrl,
    ...(values.redisUrl ? { redisUrl: values.redisUrl } : {}),
  };
  const reserved = new Set(Object.values(names));
  for (const [k, v] of Object.entries(command.env)) if (!reserved.has(k)) env[k] = v;
  for (const [role, value] of Object.entries(own)) if (value !== undefined) env[names[role as EnvRole]] = value;
  return env;
}
