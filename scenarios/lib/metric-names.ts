import type { Counters } from '../../contracts/run-record.ts';

/**
 * k6 custom metric names, shared by the metric definitions (k6 only), the thresholds and the
 * summary → run record mapping (both pure). Every sample carries a `phase` tag when the run has
 * chaos phases, so per-phase submetrics can be surfaced.
 */
export const TREND = { ack: 'wa_ack_latency', dedupe: 'wa_dedupe_overhead' } as const;
export const ERROR_RATE = 'wa_errors';

/** Run-record counter → k6 Counter metric; `dropped` is k6's own `dropped_iterations`. */
export const COUNTER_METRICS: Record<keyof Counters, string> = {
  sent: 'wa_attempts',
  status2xx: 'wa_status_2xx',
  status3xx: 'wa_status_3xx',
  status4xx: 'wa_status_4xx',
  status5xx: 'wa_status_5xx',
  timeouts: 'wa_timeouts',
  connectionErrors: 'wa_connection_errors',
  dropped: 'dropped_iterations',
  deliveries: 'wa_deliveries',
  duplicatesSent: 'wa_duplicates_sent',
  redeliveries: 'wa_redeliveries',
  redeliveriesExhausted: 'wa_redeliveries_exhausted',
  forgedSent: 'wa_forged_sent',
  forgedRejected: 'wa_forged_rejected',
  forgedAccepted: 'wa_forged_accepted',
  inboundMessagesAcked: 'wa_inbound_acked',
};

/** Signed deliveries with ≥ 1 inbound message that the target acknowledged (acked.count). */
export const ACKED_DELIVERIES = 'wa_acked_deliveries';

/** Trend statistics handleSummary needs (k6 `summaryTrendStats`). */
export const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'count', 'p(50)', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)'];
