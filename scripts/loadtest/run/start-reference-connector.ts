import { join } from 'node:path';
import { builtinConnectorArgs } from '../../../targets/presets/index.ts';
import type { RunContext, StageOutputs } from './run-context.ts';
import type { RunningService } from './service.ts';
import type { StopStack } from './stop-stack.ts';
import { startWatchedService } from './watched-service.ts';

/** `--target builtin`: the reference connector (with its seeded defect), calling the run's mock and Redis. */
export async function startReferenceConnector(
  run: RunContext,
  dependencies: StageOutputs['dependencies'],
  stops: StopStack,
): Promise<RunningService> {
  const { config, scenario } = run;
  const { redis, mockUrl } = dependencies;
  const connector = await startWatchedService(run, stops, {
    name: 'reference connector',
    script: join(run.io.scriptsDir, 'connector.ts'),
    args: [
      ...['--port', '0', '--graph-base-url', mockUrl, '--phone-number-id', scenario.business.phoneNumberId],
      ...['--path-template', scenario.target.pathTemplate],
      ...(config.defect ? ['--defect', config.defect] : []),
      ...builtinConnectorArgs(config.preset?.builtin),
    ],
    // The Redis URL may carry a password: environment, never argv (the child's environment is
    // built from the resolved config, so a REDIS_URL in the shell never reaches it).
    env: {
      WA_APP_SECRET: scenario.target.appSecret,
      WA_VERIFY_TOKEN: scenario.target.verifyToken,
      WA_ACCESS_TOKEN: 'wa-loadtest-token',
      ...(redis || config.redisUrl ? { REDIS_URL: redis?.url ?? (config.redisUrl as string) } : {}),
    },
    secrets: config.redisUrl
      ? [...run.secrets, config.redisUrl, decodeURIComponent(new URL(config.redisUrl).password)]
      : run.secrets,
  });
  run.log(`loadtest: reference connector${config.defect ? ` (defect ${config.defect})` : ''} at ${connector.url}`);
  return connector;
}
