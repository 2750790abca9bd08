import type { HistogramData } from '../../common/contracts/histogram.ts';
import type { Counters, RunRecord } from '../../common/contracts/run-record.ts';
import { redactSecrets } from '../model/index.ts';
import type { K6RunConfig } from './k6-config.ts';
import { k6VuPool } from './k6-options.ts';
import { COUNTER_METRICS, INBOUND_SENT, LATE_COPY_ACKED_MS, LATE_COPY_MS, TREND } from './metric-names.ts';
import type { MeasuredCounter } from './metric-names.ts';

/** The part of k6's handleSummary data we read. */
export interface K6SummaryData {
  metrics: Record<string, { type?: string; values: Record<string, number> } | undefined>;
  state?: { testRunDurationMs?: number; isStdOutTTY?: boolean };
  setup_data?: unknown;
}

const PERCENTILES: [string, string][] = [
  ['p50', 'p(50)'],
  ['p90', 'p(90)'],
  ['p95', 'p(95)'],
  ['p99', 'p(99)'],
  ['p99.9', 'p(99.9)'],
  ['max', 'max'],
];

/**
 * The run record from k6's end-of-test summary (pure). k6 keeps no per-second series or
 * mergeable histograms in handleSummary, so the timeline is empty, histograms carry Trend
 * percentiles (µs) with no buckets, and acked is a count of acknowledged inbound messages plus
 * the number sent, so the reporter's lost estimate can be an upper bound. When `loadtest` runs
 * k6 it replaces all of this with the exact figures from k6's JSON output (engine/k6-samples.ts).
 */
export function buildK6RunRecord(
  data: K6SummaryData,
  config: K6RunConfig,
  runId: string,
  nowMs: number,
  startedAtMs?: number,
): RunRecord {
  const durationMs =
    startedAtMs !== undefined ? Math.max(0, nowMs - startedAtMs) : (data.state?.testRunDurationMs ?? 0);
  const phaseNames = [...new Set(config.phases.map((p) => p.name))];
  const lateSent = Math.round(data.metrics[LATE_COPY_MS]?.values.count ?? 0);
  const lateAcked = data.metrics[LATE_COPY_ACKED_MS]?.values;
  return {
    schemaVersion: 1,
    kind: 'run-record',
    runId,
    scenario: config.scenario.name,
    // k6 scripts cannot read k6's version; `loadtest` fills it in from `k6 version`.
    engine: { name: 'k6', version: 'unknown', vus: k6VuPool(config) },
    // The model's redaction, as the Node engine's record: secret fields, credential and target.secretHeaders headers.
    config: redactSecrets(config.scenario) as unknown as Record<string, unknown>,
    startedAt: new Date(nowMs - durationMs).toISOString(),
    endedAt: new Date(nowMs).toISOString(),
    status: 'completed',
    phases: config.phases,
    timeline: [],
    latency: {
      ack: readTrend(data, TREND.ack),
      ackByPhase: Object.fromEntries(phaseNames.map((p) => [p, readTrend(data, `${TREND.ack}{phase:${p}}`)])),
      dedupe: readTrend(data, TREND.dedupe),
      dedupeByPhase: Object.fromEntries(phaseNames.map((p) => [p, readTrend(data, `${TREND.dedupe}{phase:${p}}`)])),
    },
    counters: readCounters(data, ''),
    countersByPhase: Object.fromEntries(phaseNames.map((p) => [p, readCounters(data, `{phase:${p}}`)])),
    acked: {
      mode: 'count',
      runId,
      count: Math.round(data.metrics[COUNTER_METRICS.inboundMessagesAcked]?.values.count ?? 0),
      inboundSent: Math.round(data.metrics[INBOUND_SENT]?.values.count ?? 0),
    },
    ...(lateSent
      ? { lateCopies: { sent: lateSent, maxDelayMsAfterAck: lateAcked?.count ? Math.round(lateAcked.max ?? 0) : null } }
      : {}),
  };
}

function readCounters(data: K6SummaryData, suffix: string): Counters {
  const counters = {} as Counters;
  for (const [field, metric] of Object.entries(COUNTER_METRICS) as [MeasuredCounter, string][]) {
    counters[field] = field === 'dropped' && suffix ? 0 : Math.round(data.metrics[metric + suffix]?.values.count ?? 0);
  }
  return counters;
}

function readTrend(data: K6SummaryData, name: string): HistogramData {
  const v = data.metrics[name]?.values;
  const count = v?.count ?? 0;
  if (!v || count === 0) return { unit: 'us', count: 0, min: 0, max: 0, sum: 0, buckets: [] };
  const us = (ms: number | undefined): number => Math.max(0, Math.round((ms ?? 0) * 1000));
  return {
    unit: 'us',
    count,
    min: us(v.min),
    max: us(v.max),
    sum: us((v.avg ?? 0) * count),
    buckets: [],
    percentiles: Object.fromEntries(PERCENTILES.map(([key, stat]) => [key, us(v[stat])])),
  };
}

/** The terminal summary k6 prints instead of its default one (plain text, no jslib import). */
export function renderTextSummary(record: RunRecord): string {
  const c = record.counters;
  const p = record.latency.ack.percentiles ?? {};
  const ms = (us: number | undefined): string => `${((us ?? 0) / 1000).toFixed(1)} ms`;
  const lines = [
    `wa-loadtest k6 run ${record.runId} · scenario ${record.scenario}`,
    `  deliveries ${c.deliveries}  attempts ${c.sent}  dropped ${c.dropped}`,
    `  2xx ${c.status2xx}  4xx ${c.status4xx}  5xx ${c.status5xx}  timeouts ${c.timeouts}  connection errors ${c.connectionErrors}`,
    `  redeliveries ${c.redeliveries} (exhausted ${c.redeliveriesExhausted})  duplicates ${c.duplicatesSent}`,
    `  forged sent ${c.forgedSent}  rejected ${c.forgedRejected}  accepted ${c.forgedAccepted}`,
    `  ack latency p50 ${ms(p.p50)}  p90 ${ms(p.p90)}  p99 ${ms(p.p99)}  max ${ms(p.max)}`,
    `  inbound messages acked ${c.inboundMessagesAcked}`,
  ];
  return lines.join('\n') + '\n';
}
