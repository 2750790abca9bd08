import { sleep } from 'k6';
import crypto from 'k6/crypto';
import exec from 'k6/execution';
import http, { type RefinedResponse, type ResponseType } from 'k6/http';
import { setTimeout } from 'k6/timers';
import {
  attemptBytes,
  connectCallIds,
  createDeliveryBuilder,
  deliveryCounters,
  judgeAttempt,
  parseDedupeMs,
  phaseAt,
  sentCounters,
  AttemptSchedule,
  type AttemptAnswer,
  type AttemptPolicy,
  type PlannedAttempt,
  type AttemptRole,
  type Delivery,
  type DeliveryBuilderSettings,
} from '../model/index.ts';
import type { K6RunConfig } from './k6-config.ts';
import type { K6Metrics } from './k6-metrics.ts';
import { ACKED_ID_PARTS, encodeAckedId } from './metric-names.ts';

/** What one VU prepared in the init context. */
export interface K6Runtime {
  config: K6RunConfig;
  /** The delivery builder's settings but the run id, which setup() may draw (templates come from a SharedArray). */
  delivery: Omit<DeliveryBuilderSettings, 'runId' | 'hmac'>;
  url: string;
  metrics: K6Metrics;
  /** When each attempt leaves (attemptPolicyOf the scenario). */
  policy: AttemptPolicy;
}

type Tags = Record<string, string>;

/** What setup() hands every iteration. */
export interface K6SetupData {
  runId: string;
  /** Date.now() when setup() ended: the run's clock (phases, timeline) starts here. */
  startedAtMs?: number;
}

/** k6 error code for a request timeout (k6 docs: error codes, 1050). */
export const K6_TIMEOUT_ERROR_CODE = 1050;

/** k6's answer in the load core's terms: status 0 is no answer, a timeout when k6 says 1050. */
export function k6Answer(status: number, errorCode: number): AttemptAnswer {
  if (status !== 0) return { status };
  return { failure: errorCode === K6_TIMEOUT_ERROR_CODE ? 'timeout' : 'connection-error' };
}

interface IterationState {
  delivery: Delivery;
  acked: boolean;
  /** The delivery's calls `connect` events were reported acknowledged. */
  connectAcked: boolean;
  /** Tags of the planned delivery (its phase); every attempt is tagged with its own phase. */
  tags: Tags;
  metrics: K6Metrics;
  phases: K6RunConfig['phases'];
  startedAtMs: number | undefined;
  /** What every attempt after the first sends (attemptBytes: rebatched when the plan says so). */
  copy: { body: string; params: Params };
}

type Params = Parameters<typeof http.post>[2];

const hmac = (secret: string, body: string): string => crypto.hmac('sha256', secret, body, 'hex');
let expected: ReturnType<typeof http.expectedStatuses> | undefined;
/** The response callback, made once per VU: each http.expectedStatuses call crosses into Go. */
const expectedStatuses = () => (expected ??= http.expectedStatuses({ min: 200, max: 299 }, 401, 403));
const builders = new Map<string, ReturnType<typeof createDeliveryBuilder>>();

/**
 * One k6 iteration = one planned delivery. seq is `iterationInTest`, unique across distributed
 * instances. What leaves when is the model's AttemptSchedule, as in the Node engine; the iteration
 * only waits and sends. Redeliveries and late copies wait inside the iteration, which keeps the VU
 * busy: size maxInFlight for it. A duplicate with delay 0 is sent in parallel with the first
 * attempt through http.batch (the dedupe race); a delayed duplicate leaves at its planned time
 * (asyncRequest + k6 timers). Building the delivery and judging each answer are the model's too.
 */
export function deliverIteration(runtime: K6Runtime, data: K6SetupData): void | Promise<void> {
  const { config, metrics } = runtime;
  const scenario = config.scenario;
  const seq = exec.scenario.iterationInTest;
  const intendedMs = Date.now();
  const startedAtMs = data.startedAtMs;
  const tags = tagsAt(config.phases, startedAtMs, intendedMs);
  const { delivery, duplicate } = deliveryBuilder(runtime, data.runId)(seq, intendedMs);
  // redirects: 0, as well as options.maxRedirects: a 307 must not re-send signed bodies elsewhere.
  const params = {
    headers: delivery.headers,
    tags,
    timeout: scenario.delivery.timeoutMs,
    redirects: 0,
    responseCallback: expectedStatuses(),
  };
  const state: IterationState = {
    delivery,
    acked: false,
    connectAcked: false,
    tags,
    metrics,
    phases: config.phases,
    startedAtMs,
    copy: copyAttempt(delivery, params),
  };
  for (const field of deliveryCounters(delivery.kind))
    metrics.counters[field as keyof K6Metrics['counters']].add(1, tags);
  if (delivery.wamidParts > 0) metrics.inboundSent.add(delivery.wamidParts, tags);

  const runRelMs = startedAtMs === undefined ? exec.instance.currentTestRunDuration : intendedMs - startedAtMs;
  const schedule = new AttemptSchedule(runtime.policy, { seq, kind: delivery.kind, duplicate }, intendedMs, runRelMs);
  schedule.take(); // the first attempt, due now
  const withFirst = schedule.takeWithFirst();
  if (duplicate && !withFirst) return deliverWithDelayedDuplicate(runtime, state, schedule, params, intendedMs);
  if (withFirst) {
    // The dedupe race: both copies leave at once.
    const [first, second] = http.batch([
      { method: 'POST', url: runtime.url, body: delivery.body, params },
      { method: 'POST', url: runtime.url, body: state.copy.body, params: state.copy.params },
    ]);
    const answeredMs = Date.now();
    const redeliver = recordAttempt(state, first as RefinedResponse<ResponseType>, 'first', intendedMs);
    recordAttempt(state, second as RefinedResponse<ResponseType>, 'duplicate', intendedMs);
    fileAnswer(state, schedule, redeliver, answeredMs);
  } else {
    const res = http.post(runtime.url, delivery.body, params);
    fileAnswer(state, schedule, recordAttempt(state, res, 'first', intendedMs), Date.now());
  }
  sendRest(runtime, state, schedule, intendedMs);
}

/**
 * The rest of the schedule once nothing is in flight, in due order: redeliveries a backoff after a
 * failed answer, late copies at their planned delays. The iteration sleeps between them (the VU
 * stays busy: late copies are planned inside the load window).
 */
function sendRest(runtime: K6Runtime, state: IterationState, schedule: AttemptSchedule, intendedMs: number): void {
  for (let attempt = schedule.take(); attempt; attempt = schedule.take()) {
    sleepUntil(attempt.dueMs);
    const res = http.post(runtime.url, state.copy.body, state.copy.params);
    if (attempt.lateDelayMs !== undefined) recordLateCopy(state, res, intendedMs, attempt.lateDelayMs);
    else if (attempt.role === 'duplicate') recordAttempt(state, res, 'duplicate', attempt.dueMs);
    else fileAnswer(state, schedule, recordAttempt(state, res, attempt.role, attempt.dueMs), Date.now());
  }
}

/** Files an answered first attempt or redelivery with the schedule (a redelivery queued, or none left). */
function fileAnswer(state: IterationState, schedule: AttemptSchedule, redeliver: boolean, answeredMs: number): void {
  if (schedule.answered(redeliver, state.delivery.attempts, answeredMs).next === 'exhausted')
    state.metrics.counters.redeliveriesExhausted.add(1, tagsAt(state.phases, state.startedAtMs, Date.now()));
}

/** A late copy: judged as a duplicate, and its delay recorded (acked: the verified dedupe horizon). */
function recordLateCopy(
  state: IterationState,
  res: RefinedResponse<ResponseType>,
  intendedMs: number,
  delayMs: number,
): void {
  const acked = state.acked;
  recordAttempt(state, res, 'duplicate', intendedMs + delayMs);
  const tags = { acked: acked ? '1' : '0' };
  state.metrics.lateCopy.add(delayMs, tags);
  if (acked) state.metrics.lateCopyAcked.add(delayMs);
}

/**
 * A duplicate `duplicateDelayMs` after the first attempt leaves at its planned time even while the
 * first attempt is still waiting for its answer: both go through http.asyncRequest, and the
 * iteration waits on k6's timers instead of sleep (which would block the answer's callback). Once
 * both are answered nothing is in flight, and the rest of the schedule runs as in the plain path.
 */
async function deliverWithDelayedDuplicate(
  runtime: K6Runtime,
  state: IterationState,
  schedule: AttemptSchedule,
  params: Params,
  intendedMs: number,
): Promise<void> {
  const { delivery } = state;
  const first = http.asyncRequest('POST', runtime.url, delivery.body, params).then((res) => {
    fileAnswer(state, schedule, recordAttempt(state, res, 'first', intendedMs), Date.now());
  });
  const duplicate = schedule.take() as PlannedAttempt;
  await waitUntil(duplicate.dueMs);
  const res = await http.asyncRequest('POST', runtime.url, state.copy.body, state.copy.params);
  recordAttempt(state, res, 'duplicate', duplicate.dueMs);
  await first;
  sendRest(runtime, state, schedule, intendedMs);
}

function waitUntil(dueMs: number): Promise<void> {
  const waitMs = dueMs - Date.now();
  return waitMs > 0 ? new Promise((resolve) => setTimeout(resolve, waitMs)) : Promise.resolve();
}

/** The phase tag of an instant: from setup()'s clock when known, else k6's test-run clock. */
function tagsAt(phases: K6RunConfig['phases'], startedAtMs: number | undefined, atMs: number): Tags {
  if (phases.length === 0) return {};
  const elapsedS =
    startedAtMs === undefined ? exec.instance.currentTestRunDuration / 1000 : (atMs - startedAtMs) / 1000;
  const phase = phaseAt(phases, elapsedS);
  return phase === undefined ? {} : { phase };
}

/** Files one attempt's answer as the load core judges it; true when a redelivery is due. */
function recordAttempt(
  state: IterationState,
  res: RefinedResponse<ResponseType>,
  role: AttemptRole,
  intendedMs: number,
): boolean {
  const { metrics, delivery } = state;
  // Every attempt is filed under the phase of its own intended time, as the Node engine does.
  const tags = role === 'first' ? state.tags : tagsAt(state.phases, state.startedAtMs, intendedMs);
  const c = metrics.counters;
  if (role !== 'duplicate') delivery.attempts++;
  for (const field of sentCounters(role)) c[field as keyof K6Metrics['counters']].add(1, tags);
  const verdict = judgeAttempt(delivery.kind, role, k6Answer(res.status, res.error_code));
  const elapsedMs = Math.max(0, Date.now() - intendedMs);
  // One sample per attempt (value: ms since its intended time): the orchestrator rebuilds the
  // per-second timeline and mergeable histograms from k6's JSON output of this metric.
  metrics.attemptMs.add(elapsedMs, {
    ...tags,
    outcome: verdict.outcome,
    signed: delivery.kind === 'signed' ? '1' : '0',
  });
  for (const field of verdict.counters) c[field as keyof K6Metrics['counters']].add(1, tags);
  if (verdict.inErrorRate) metrics.errors.add(verdict.error, tags);
  const dedupeMs = parseDedupeMs(res.headers?.['Server-Timing'] ?? res.headers?.['server-timing']);
  if (dedupeMs !== undefined) metrics.dedupe.add(dedupeMs, tags);
  if (verdict.measureLatency) metrics.ack.add(elapsedMs, tags);
  if (verdict.acks && !state.acked && delivery.wamidParts > 0) {
    state.acked = true;
    metrics.ackedDeliveries.add(1, tags);
    // The acknowledged set, exactly: one sample per acked delivery whose value encodes seq and parts.
    metrics.ackedIds.add(encodeAckedId(delivery.seq, Math.min(delivery.wamidParts, ACKED_ID_PARTS - 1)), tags);
    c.inboundMessagesAcked.add(delivery.wamidParts, tags);
  }
  if (verdict.acks && !state.connectAcked && delivery.kind === 'signed') {
    state.connectAcked = true;
    // A call id per sample (tag): only calls webhooks carry one, so the tag stays rare.
    for (const call of connectCallIds(delivery.body)) metrics.connectAcked.add(elapsedMs, { ...tags, call });
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

/** Body and params of the attempts after the first (the load core's attemptBytes: rebatched when planned). */
function copyAttempt(delivery: Delivery, params: Params): IterationState['copy'] {
  const { body, headers } = attemptBytes(delivery, 'duplicate');
  return { body, params: { ...params, headers } };
}
