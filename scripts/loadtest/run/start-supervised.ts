import { join } from 'node:path';
import type { TargetPool } from '../../../targets/supervisor/index.ts';
import { startSupervisedTarget, type SupervisedConfig } from '../resolve/supervised-target.ts';
import { waitForAdminUrl } from './in-target-mock.ts';
import { createMockClient } from '../../../mock-graph-api/index.ts';
import type { RunContext, StageOutputs } from './run-context.ts';
import type { StopStack } from './stop-stack.ts';

/**
 * A target command (`--target-cmd`, a preset's, or the reference connector with replicas or
 * drills): its instances behind the harness's balancer, their drills' standbys ready. Under
 * --mock in-target the mock inside it becomes the run's mock once the target runs.
 */
export async function startSupervised(
  run: RunContext,
  supervised: SupervisedConfig,
  dependencies: StageOutputs['dependencies'],
  stops: StopStack,
): Promise<TargetPool> {
  const { config, runDir, log } = run;
  const { redis, inTarget } = dependencies;
  const pool = await startSupervisedTarget(supervised, {
    runId: run.runId,
    runDir,
    scenario: run.scenario,
    mockUrl: dependencies.mockUrl,
    redisUrl: redis?.url ?? config.redisUrl,
    redisProxyUrl: redis?.url,
    parentEnv: run.parentEnv,
    log,
    extraEnv: inTarget?.env,
  });
  stops.push(() => pool.close());
  if (inTarget) {
    dependencies.mockUrl = await waitForAdminUrl(inTarget.urlFile, { logFile: join(runDir, 'target.log') });
    dependencies.mock = createMockClient(dependencies.mockUrl);
    await dependencies.mock.putChaos(run.profile);
    log(`loadtest: mock Graph API inside the target (msw preload) at ${dependencies.mockUrl}`);
  }
  await pool.prepareDrills(supervised.drills);
  const s = supervised;
  log(
    `loadtest: supervised target${s.reference ? ' (reference connector' + (config.defect ? `, defect ${config.defect}` : '') + ')' : ''}: ${s.replicas} instance(s) behind ${pool.url}${s.drills.length ? `, drills ${s.drills.map((d) => `${d.kind}@${d.atS}s`).join(', ')}` : ''}; logs in ${runDir}`,
  );
  return pool;
}
