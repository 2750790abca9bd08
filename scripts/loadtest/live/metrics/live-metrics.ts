import type { ProgressSnapshot } from '../../../../scenarios/engines/index.ts';
import { createHarnessMetrics } from './harness-metrics.ts';
import { startMetricsServer } from './metrics-server.ts';

export interface LiveMetrics {
  url: string;
  update(progress: ProgressSnapshot): void;
  close(): Promise<void>;
}

/** The harness series served on 127.0.0.1:<port>/metrics for one run (what `--metrics-port` starts). */
export async function startLiveMetrics(options: {
  port: number;
  runId: string;
  scenario: string;
}): Promise<LiveMetrics> {
  const metrics = createHarnessMetrics({ runId: options.runId, scenario: options.scenario });
  const server = await startMetricsServer(metrics.registry, options.port);
  return { url: server.url, update: (p) => metrics.update(p), close: () => server.close() };
}
