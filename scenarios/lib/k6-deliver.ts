import { sleep } from 'k6';
import crypto from 'k6/crypto';
import exec from 'k6/execution';
import http, { type RefinedResponse, type ResponseType } from 'k6/http';
import {
  createDeliveryBuilder,
  deliveryCounters,
  judgeAttempt,
  parseDedupeMs,
  phaseAt,
  redeliveryDelayMs,
  sentCounters,
  type AttemptAnswer,
  type AttemptRole,
  type Delivery,
  type DeliveryBuilderSettings,
} from '../../load-core/index.ts';
import type { K6RunConfig } from './k6-config.ts';
import type { K6Metrics } from './k6-metrics.ts';

/** What one VU prepared in the init context. */
export interface K6Runtime {
  config: K6RunConfig;
  /** The delivery builder's settings but the run id, which setup() may draw. */
  delivery: Omit<DeliveryBuilderSettings, 'runId' | 'hmac'>;
  url: string;
  metrics: K6Metrics;
}

type Tags = Record<string, string>;

/** k6 error code for a request timeout (k6 docs: error codes, 1050). */
export const K6_TIMEOUT_ERROR_CODE = 1050;

/** k6's answer in the load core's terms: status 0 is no answer, a timeout when k6 says 1050. */
export function k6Answer(status: number, errorCode: number): AttemptAnswer {
  if (status !== 0) return { status };
  return { failure: errorCode === K6_TIMEOUT_ERROR_CODE ? 'timeout' : 'connection-error' };
}

const hmac = (secret: string, body: string): string => crypto.hmac('sha256', secret, body, 'hex');
const builders = new Map<string, ReturnType<typeof createDeliveryBuilder>>();

/**
 * One k6 iteration = one planned delivery. seq is `iterationInTest`, unique across distributed
 * instances. Redeliveries happen inside the iteration (sleep, then the same bytes), which keeps
 * the VU busy during the backoff: size maxInFlight for it. A duplicate with delay 0 is sent in
 * parallel with the first attempt through http.batch (the dedupe race). Building the delivery
 * and judging each answer are the load core's, as in the Node engine.
 */
export function deliverIteration(runtime: K6Runtime, runId: string): void {
  const { config, metrics } = runtime;
  const scenario = config.scenario;
  const seq = exec.scenario.iterationInTest;
  const intendedMs = Date.now();
  const phase = phaseAt(config.phases, exec.instance.currentTestRunDuration / 1000);
  const tags: Tags = phase === undefined ? {} : { phase };
  const { delivery, duplicate } = deliveryBuilder(runtime, runId)(seq, intendedMs);
  // redirects: 0, as well as options.maxRedirects: a 307 must not re-send signed bodies elsewhere.
  const params = { headers: delivery.headers, tags, timeout: scenario.delivery.timeoutMs, redirects: 0, responseCallback: http.expectedStatuses({ min: 200, max: 299 }, 401, 403) };
  const state: IterationState = { delivery, acked: false, tags, metrics };
  for (const field of deliveryCounters(delivery.kind)) metrics.counters[field as keyof K6Metrics['counters']].add(1, tags);

  const concurrentDuplicate = duplicate && scenario.delivery.duplicateDelayMs === 0;
  let redeliver: boolean;
  // Redeliveries are due a backoff after the answer that failed, as in the Node engine: a delayed
  // duplicate sent meanwhile does not push them back.
  let answeredMs: number;
  if (concurrentDuplicate) {
    const [first, second] = http.batch([
      { method: 'POST', url: runtime.url, body: delivery.body, params },
      { method: 'POST', url: runtime.url, body: delivery.body, params },
    ]);
    answeredMs = Date.now();
    redeliver = recordAttempt(state, first as RefinedResponse<ResponseType>, 'first', intendedMs);
    recordAttempt(state, second as RefinedResponse<ResponseType>, 'duplicate', intendedMs);
  } else {
    const res = http.post(runtime.url, delivery.body, params);
    answeredMs = Date.now();
    redeliver = recordAttempt(state, res, 'first', intendedMs);
  }
  if (duplicate && !concurrentDuplicate) {
    const dueMs = intendedMs + scenario.delivery.duplicateDelayMs;
    sleepUntil(dueMs);
    recordAttempt(state, http.post(runtime.url, delivery.body, params), 'duplicate', dueMs);
  }
  while (redeliver) {
    const delayMs = redeliveryDelayMs(scenario.delivery.redelivery, delivery.attempts);
    if (delayMs === undefined) {
      metrics.counters.redeliveriesExhausted.add(1, tags);
      return;
    }
    const dueMs = answeredMs + delayMs;
    sleepUntil(dueMs);
    const res = http.post(runtime.url, delivery.body, params);
    answeredMs = Date.now();
    redeliver = recordAttempt(state, res, 'redelivery', dueMs);
  }
}

interface IterationState {
  delivery: Delivery;
  acked: boolean;
  tags: Tags;
  metrics: K6Metrics;
}

/** Files one attempt's answer as the load core judges it; true when a redelivery is due. */
function recordAttempt(state: IterationState, res: RefinedResponse<ResponseType>, role: AttemptRole, intendedMs: number): boolean {
  const { tags, metrics, delivery } = state;
  const c = metrics.counters;
  if (role !== 'duplicate') delivery.attempts++;
  for (const field of sentCounters(role)) c[field as keyof K6Metrics['counters']].add(1, tags);
  const verdict = judgeAttempt(delivery.kind, role, k6Answer(res.status, res.error_code));
  for (const field of verdict.counters) c[field as keyof K6Metrics['counters']].add(1, tags);
  if (verdict.inErrorRate) metrics.errors.add(verdict.error, tags);
  const dedupeMs = parseDedupeMs(res.headers?.['Server-Timing'] ?? res.headers?.['server-timing']);
  if (dedupeMs !== undefined) metrics.dedupe.add(dedupeMs, tags);
  if (verdict.measureLatency) metrics.ack.add(Date.now() - intendedMs, tags);
  if (verdict.acks && !state.acked && delivery.wamidParts > 0) {
    state.acked = true;
    metrics.ackedDeliveries.add(1, tags);
    c.inboundMessagesAcked.add(delivery.wamidParts, tags);
  }
  return verdict.redeliver;
}

function sleepUntil(dueMs: number): void {
  const waitMs = dueMs - Date.now();
  if (waitMs > 0) sleep(waitMs / 1000);
}

function deliveryBuilder(runtime: K6Runtime, runId: string): ReturnType<typeof createDeliveryBuilder> {
  let builder = builders.get(runId);
  if (!builder) {
    builder = createDeliveryBuilder({ ...runtime.delivery, runId, hmac });
    builders.set(runId, builder);
  }
  return builder;
}
