import { Counter, Rate, Trend } from 'k6/metrics';
import {
  ACKED_DELIVERIES,
  ACKED_IDS,
  ATTEMPT_MS,
  CLOCK_MS,
  CONNECT_ACKED,
  COUNTER_METRICS,
  ERROR_RATE,
  INBOUND_SENT,
  LATE_COPY_ACKED_MS,
  LATE_COPY_MS,
  TREND,
} from './metric-names.ts';
import type { MeasuredCounter } from './metric-names.ts';

/** The custom metrics of a k6 run; create once per VU, in the init context. */
export interface K6Metrics {
  ack: Trend;
  dedupe: Trend;
  errors: Rate;
  ackedDeliveries: Counter;
  ackedIds: Counter;
  connectAcked: Counter;
  attemptMs: Counter;
  inboundSent: Counter;
  clock: Counter;
  lateCopy: Trend;
  lateCopyAcked: Trend;
  /** k6 counts drops itself (dropped_iterations) and never refuses a copy. */
  counters: Record<Exclude<MeasuredCounter, 'dropped' | 'copiesDropped'>, Counter>;
}

export function createK6Metrics(): K6Metrics {
  const counters = {} as K6Metrics['counters'];
  for (const [field, name] of Object.entries(COUNTER_METRICS)) {
    if (field !== 'dropped' && field !== 'copiesDropped')
      counters[field as keyof K6Metrics['counters']] = new Counter(name);
  }
  return {
    ack: new Trend(TREND.ack, true),
    dedupe: new Trend(TREND.dedupe, true),
    errors: new Rate(ERROR_RATE),
    ackedDeliveries: new Counter(ACKED_DELIVERIES),
    ackedIds: new Counter(ACKED_IDS),
    connectAcked: new Counter(CONNECT_ACKED),
    attemptMs: new Counter(ATTEMPT_MS),
    inboundSent: new Counter(INBOUND_SENT),
    clock: new Counter(CLOCK_MS),
    lateCopy: new Trend(LATE_COPY_MS, true),
    lateCopyAcked: new Trend(LATE_COPY_ACKED_MS, true),
    counters,
  };
}
