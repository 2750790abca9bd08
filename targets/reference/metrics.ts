import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BreakerState } from './send/circuit-breaker.ts';

/** Gauge values of wa_connector_breaker_state. */
export const BREAKER_STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

const LATENCY_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** One registry per connector, so several in one process (tests) never share counters. */
export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    webhooksReceived: new Counter({
      name: 'wa_connector_webhooks_received_total',
      help: 'Webhook POSTs received, by outcome (accepted, unauthorized, malformed, too_large, unsupported_media_type, store_unavailable, injected_error, stopping).',
      labelNames: ['outcome'],
      registers,
    }),
    updates: new Counter({
      name: 'wa_connector_updates_total',
      help: 'Webhook updates consumed, by kind (message, status, error, other_field).',
      labelNames: ['kind'],
      registers,
    }),
    messagesSent: new Counter({
      name: 'wa_connector_messages_sent_total',
      help: 'Graph API sends that succeeded, by kind (read, reply, call).',
      labelNames: ['kind'],
      registers,
    }),
    sendsFailed: new Counter({
      name: 'wa_connector_sends_failed_total',
      help: 'Graph API sends given up, by kind and reason (fatal, dropped_no_retry, attempts_exhausted, deadline, abandoned).',
      labelNames: ['kind', 'reason'],
      registers,
    }),
    sendRetries: new Counter({
      name: 'wa_connector_send_retries_total',
      help: 'Graph API retries scheduled, by error class (retry, rate-limit).',
      labelNames: ['class'],
      registers,
    }),
    callEvents: new Counter({
      name: 'wa_connector_call_events_total',
      help: 'New calls webhook events handled in calls mode answer, by event (connect, terminate, …).',
      labelNames: ['event'],
      registers,
    }),
    deduped: new Counter({
      name: 'wa_connector_deduped_total',
      help: 'Inbound messages skipped as already seen.',
      registers,
    }),
    unknownTypes: new Counter({
      name: 'wa_connector_unknown_types_total',
      help: 'Inbound messages of a type the connector does not know (acked and answered anyway).',
      registers,
    }),
    sendLatency: new Histogram({
      name: 'wa_connector_send_latency_seconds',
      help: 'Duration of one Graph API attempt.',
      labelNames: ['kind'],
      buckets: LATENCY_BUCKETS_S,
      registers,
    }),
    dedupeLatency: new Histogram({
      name: 'wa_connector_dedupe_latency_seconds',
      help: 'Time spent deduping one webhook request (the Server-Timing dedupe value).',
      buckets: LATENCY_BUCKETS_S,
      registers,
    }),
    breakerState: new Gauge({
      name: 'wa_connector_breaker_state',
      help: 'Graph API circuit breaker: 0 closed, 1 half-open, 2 open.',
      registers,
    }),
    inFlight: new Gauge({
      name: 'wa_connector_in_flight_tasks',
      help: 'Webhook processing tasks not finished yet (including sends waiting to retry).',
      registers,
    }),
  };
}

export type ConnectorMetrics = ReturnType<typeof createMetrics>;
