import { startLiveDashboard, type LiveDashboard } from '../live/live-dashboard.ts';
import { startLiveMetrics, type LiveMetrics } from '../live/metrics/index.ts';
import { inboundMessageShare } from '../resolve/rate-warning.ts';
import type { MockClient } from '../../../mock-graph-api/index.ts';
import type { RunContext } from './run-context.ts';
import type { StopStack } from './stop-stack.ts';

export interface LiveViews {
  metrics?: LiveMetrics;
  dashboard?: LiveDashboard;
}

/**
 * As the load starts: the live metrics (--metrics-port, Node engine) and the live dashboard
 * (--dashboard), which polls the run's final mock (inside the target under --mock in-target).
 */
export async function startLiveViews(run: RunContext, mock: MockClient, stops: StopStack): Promise<LiveViews> {
  const { config, engine, runId, scenario, log } = run;
  const views: LiveViews = {};
  if (config.metricsPort !== undefined && engine === 'node') {
    const metrics = await startLiveMetrics({ port: config.metricsPort, runId, scenario: scenario.name });
    stops.push(() => metrics.close());
    views.metrics = metrics;
    log(`loadtest: live metrics at ${metrics.url}`);
  }
  if (config.dashboardPort !== undefined) {
    const dashboard = await startLiveDashboard({
      port: config.dashboardPort,
      runId,
      scenario: scenario.name,
      mock,
      messageShare: inboundMessageShare(scenario.mix, run.fixtureSet.fixtures),
      phases: run.phases,
      redisProxy: Boolean(run.dependencies?.redis),
    });
    stops.push(() => dashboard.close());
    views.dashboard = dashboard;
    log(`loadtest: live dashboard at ${dashboard.url}`);
  }
  if (config.metricsPort !== undefined && engine !== 'node') {
    log('loadtest: --metrics-port serves the Node engine only; with k6 use K6_OUT (see metrics-export/README.md)');
  }
  return views;
}
