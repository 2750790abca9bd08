import { join } from 'node:path';
import { describePhaseWindows } from '../resolve/scale-chaos.ts';
import { IN_TARGET_GRAPH_BASE_URL, prepareInTargetMock } from './in-target-mock.ts';
import { createMockClient } from '../../../mock-graph-api/index.ts';
import { startRunRedis } from './redis-dependency.ts';
import type { RunContext } from './run-context.ts';
import type { StopStack } from './stop-stack.ts';
import { startWatchedService } from './watched-service.ts';

/** Stage: what the target talks to: the run's Redis dependency and the mock Graph API. */
export async function startDependencies(run: RunContext, stops: StopStack): Promise<void> {
  const { config, scenario, profile, runId, log } = run;
  const redis = await startRunRedis(config, profile, log);
  if (redis) stops.push(() => redis.stop());
  const mockUrl = await startMock(run, stops);
  const inTarget =
    config.mock.mode === 'in-target'
      ? await prepareInTargetMock({
          runDir: run.runDir,
          runId,
          scenario,
          profile,
          nodeOptions: config.supervised?.command.env.NODE_OPTIONS,
        })
      : undefined;
  // The user's own mock (--mock-url) may lock its admin API (off loopback it must); ours is open on loopback.
  const mock = createMockClient(mockUrl, adminTokenFor(run));
  // A spawned mock loads the named profile from --profile: it needs this one only when --duration
  // scaled it or the load ends before the profile does (endChaosWithLoad).
  if (config.mock.mode === 'external' || (config.mock.mode === 'spawn' && run.profileAdjusted))
    await mock.putChaos(profile);
  log(
    `loadtest: run ${runId}: scenario ${scenario.name}${config.preset ? `, preset ${config.preset.name}` : ''}, engine ${run.engine}, chaos ${scenario.chaos}, mock Graph API ${inTarget ? 'inside the target (msw preload)' : `at ${mockUrl}`}`,
  );
  if (run.phases.length > 1)
    log(
      `loadtest: chaos phases${(config.chaosScale ?? 1) !== 1 ? ` (scaled ×${(config.chaosScale ?? 1).toFixed(2)} with --duration)` : ''}: ${describePhaseWindows(run.phases)}`,
    );
  run.dependencies = { redis, mock, mockUrl, inTarget };
}

/** WA_MOCK_ADMIN_TOKEN for a mock the user runs (--mock-url); none for the one loadtest starts. */
export function adminTokenFor(run: Pick<RunContext, 'config' | 'parentEnv'>): string | undefined {
  return run.config.mock.mode === 'external' ? run.parentEnv.WA_MOCK_ADMIN_TOKEN || undefined : undefined;
}

/** The mock's base URL: one loadtest starts, the user's (--mock-url), or, in-target, what the target will call. */
async function startMock(run: RunContext, stops: StopStack): Promise<string> {
  const { config, scenario } = run;
  if (config.mock.mode === 'external') return config.mock.url;
  // The target hosts the mock (msw preload): its admin URL is known once the target runs.
  if (config.mock.mode === 'in-target') return IN_TARGET_GRAPH_BASE_URL;
  const mock = await startWatchedService(run, stops, {
    name: 'mock Graph API',
    script: join(run.io.scriptsDir, 'mock.ts'),
    args: [
      ...['--port', String(config.mock.port), '--profile', scenario.chaos, '--correlation', scenario.correlation],
      ...['--run-id', run.runId, '--seed', String(scenario.seed)],
    ],
  });
  return mock.url;
}
