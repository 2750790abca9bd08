/**
 * Live metrics during a run: the Node engine's progress as Prometheus series on 127.0.0.1, and
 * the names the shipped Grafana dashboard (`grafana-dashboard.json`) reads.
 *
 * @example
 * import { createHarnessMetrics, startMetricsServer } from './index.ts';
 * const metrics = createHarnessMetrics({ runId: 'a1b2c3d4e5f6', scenario: 'load' });
 * const server = await startMetricsServer(metrics.registry, 9464);
 * // onProgress: (p) => metrics.update(p)
 * await server.close();
 */

/**
 * The harness's series in a private prom-client registry, fed from progress snapshots.
 *
 * @example
 * const metrics = createHarnessMetrics({ runId, scenario: scenario.name });
 * metrics.update({ elapsedS: 5, durationS: 60, targetRate: 20, achievedRate: 19.8, sent: 100, errors: 0, dropped: 0, p99Ms: 42 });
 * await metrics.registry.metrics(); // 'wa_loadtest_sent_total{run_id="…",scenario="load"} 100' …
 */
export { createHarnessMetrics, type HarnessMetrics } from './harness-metrics.ts';

/**
 * `GET /metrics` on 127.0.0.1:<port> (0 = any free port); InfraError (exit 3) when the port is busy.
 *
 * @example
 * const { url, close } = await startMetricsServer(metrics.registry, 0); // url: http://127.0.0.1:40123/metrics
 */
export { startMetricsServer, type MetricsServer } from './metrics-server.ts';

/**
 * Metric and label names of the harness series.
 *
 * @example
 * HARNESS_METRICS.ackP99; // 'wa_loadtest_ack_p99_seconds'
 */
export { HARNESS_METRICS, HARNESS_LABELS } from './metric-names.ts';

/**
 * Both of the above for one run, as `loadtest --metrics-port` uses them.
 *
 * @example
 * const live = await startLiveMetrics({ port: 9464, runId, scenario: 'load' });
 * await runNodeEngine({ …, onProgress: (p) => live.update(p) });
 * await live.close();
 */
export { startLiveMetrics, type LiveMetrics } from './live-metrics.ts';
