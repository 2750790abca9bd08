import { buildChildEnv, type EnvMap } from '../../common/node/index.ts';
import { resolveEnvNames, type EnvRole, type TargetCommand } from './target-command.ts';

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
 * The explicit environment of one supervised instance: the platform variables every child of
 * the harness gets (lib's buildChildEnv: PATH, HOME, TMPDIR, LANG…), the command's extra `env`
 * (which may not shadow a contract variable), then the contract's variables under the preset's
 * names. Pure; the caller passes its own environment in.
 */
export function buildTargetEnv(
  command: Pick<TargetCommand, 'env' | 'envNames'>,
  values: TargetEnvValues,
  parentEnv: EnvMap,
): Record<string, string> {
  const names = resolveEnvNames(command.envNames);
  const own: Record<EnvRole, string | undefined> = {
    port: String(values.port),
    host: values.host,
    appSecret: values.appSecret,
    verifyToken: values.verifyToken,
    accessToken: values.accessToken,
    graphBaseUrl: values.graphBaseUrl,
    redisUrl: values.redisUrl,
  };
  const reserved = new Set(Object.values(names));
  const extra = Object.fromEntries(Object.entries(command.env).filter(([name]) => !reserved.has(name)));
  const contract = Object.fromEntries(Object.entries(own).map(([role, value]) => [names[role as EnvRole], value]));
  return buildChildEnv(parentEnv, { ...extra, ...contract });
}
