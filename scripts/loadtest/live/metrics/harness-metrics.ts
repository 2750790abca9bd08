import { Counter, Gauge, Registry } from 'prom-client';
import type { ProgressSnapshot } from '../../../../scenarios/engines/index.ts';
import { HARNESS_LABELS, HARNESS_METRICS } from './metric-names.ts';

export interface HarnessMetrics {
  /** A private registry: nothing of the process's default metrics leaks in. */
  registry: Registry;
  /** Feeds one progress snapshot (cumulative counts; counters only ever move up). */
  update(progress: ProgressSnapshot): void;
}

/**
 * The harness's live series, labelled with the run id and scenario. Counters follow the
 * engine's cumulative totals by their increase since the last snapshot, so a late or repeated
 * snapshot never makes them go down.
 */
export function createHarnessMetrics(labels: { runId: string; scenario: string }): HarnessMetrics {
  const registry = new Registry();
  const registers = [registry];
  const labelNames = [...HARNESS_LABELS];
  const values = { run_id: labels.runId, scenario: labels.scenario };
  const gauge = (name: string, help: string) => new Gauge({ name, help, labelNames, registers });
  const counter = (name: string, help: string) => new Counter({ name, help, labelNames, registers });
  const targetRate = gauge(HARNESS_METRICS.targetRate, 'Deliveries per second the load profile asks for now.');
  const achievedRate = gauge(HARNESS_METRICS.achievedRate, 'Deliveries per second started during the last second.');
  const ackP99 = gauge(
    HARNESS_METRICS.ackP99,
    'Webhook ack latency p99 so far, from intended send times (coordinated-omission corrected).',
  );
  const totals = {
    sent: counter(HARNESS_METRICS.sent, 'Webhook attempts sent (first attempts, redeliveries, duplicates, forged).'),
    errors: counter(
      HARNESS_METRICS.errors,
      'Failed attempts: non-2xx, timeouts, connection errors (forgeries rejected with 401/403 excluded).',
    ),
    dropped: counter(HARNESS_METRICS.dropped, 'Deliveries not started because maxInFlight was reached.'),
  };
  const seen = { sent: 0, errors: 0, dropped: 0 };
  // Series exist from the first scrape, so dashboards show 0 rather than "no data".
  for (const g of [targetRate, achievedRate, ackP99]) g.set(values, 0);
  for (const c of Object.values(totals)) c.inc(values, 0);

  return {
    registry,
    update(p) {
      targetRate.set(values, p.targetRate);
      achievedRate.set(values, p.achievedRate);
      ackP99.set(values, p.p99Ms / 1000);
      for (const key of ['sent', 'errors', 'dropped'] as const) {
        const delta = p[key] - seen[key];
        if (delta > 0) {
          totals[key].inc(values, delta);
          seen[key] = p[key];
        }
      }
    },
  };
}
