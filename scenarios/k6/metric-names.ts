import type { MeasuredCounter } from '../../common/contracts/run-record.ts';

export type { MeasuredCounter };

/**
 * k6 custom metric names, shared by the metric definitions (k6 only), the thresholds and the
 * summary → run record mapping (both pure). Every sample carries a `phase` tag when the run has
 * chaos phases, so per-phase submetrics can be surfaced.
 */
export const TREND = { ack: 'wa_ack_latency', dedupe: 'wa_dedupe_overhead' } as const;
export const ERROR_RATE = 'wa_errors';

/**
 * Run-record counter → k6 Counter metric; `dropped` is k6's own `dropped_iterations`. k6 never
 * refuses a copy or a redelivery (they wait inside their iteration), so `wa_copies_dropped` stays 0.
 */
export const COUNTER_METRICS: Record<MeasuredCounter, string> = {
  sent: 'wa_attempts',
  status2xx: 'wa_status_2xx',
  status3xx: 'wa_status_3xx',
  status4xx: 'wa_status_4xx',
  status5xx: 'wa_status_5xx',
  timeouts: 'wa_timeouts',
  connectionErrors: 'wa_connection_errors',
  dropped: 'dropped_iterations',
  copiesDropped: 'wa_copies_dropped',
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

/** Inbound messages in planned deliveries of every kind (bounds the count-only lost estimate). */
export const INBOUND_SENT = 'wa_inbound_sent';

/**
 * Counter with one sample per attempt, value = ms from the attempt's intended time to its end,
 * tags `outcome`, `signed` and `phase`: the orchestrator reads it from k6's JSON output.
 */
export const ATTEMPT_MS = 'wa_attempt_ms';

/** Counter with one sample, added by setup(): value = Date.now() when k6 starts iterating (the run's clock). */
export const CLOCK_MS = 'wa_clock_ms';

/**
 * Counter with one sample per calls `connect` event in an acknowledged signed delivery (first ack
 * only), value = ms from the attempt's intended time to its answer, tag `call` = the call id: the
 * calls gate's input (run record `callsConnect`), as the Node engine records it.
 */
export const CONNECT_ACKED = 'wa_connect_acked';
/**
 * Trend with one sample per late copy sent (scenario delivery.late), value = its delay in ms after
 * the first attempt, tag `acked` '1' when the delivery was acknowledged before the copy left.
 */
export const LATE_COPY_MS = 'wa_late_copy_ms';
/** The same samples for acked deliveries only: its max is the verified horizon in handleSummary (no submetric needed). */
export const LATE_COPY_ACKED_MS = 'wa_late_copy_acked_ms';

/** Counter with one sample per acknowledged delivery, value = encodeAckedId(seq, parts). */
export const ACKED_IDS = 'wa_acked_ids';
/** Parts are stored modulo this (a delivery carries fewer inbound messages). */
export const ACKED_ID_PARTS = 65536;

/** seq × 65536 + parts: exact in a float64 for any seq below 2^37. */
export function encodeAckedId(seq: number, parts: number): number {
  return seq * ACKED_ID_PARTS + parts;
}

export function decodeAckedId(value: number): { seq: number; parts: number } {
  return { seq: Math.floor(value / ACKED_ID_PARTS), parts: value % ACKED_ID_PARTS };
}

/** Trend statistics handleSummary needs (k6 `summaryTrendStats`). */
export const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'count', 'p(50)', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)'];
