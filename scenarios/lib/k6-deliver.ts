import { sleep } from 'k6';
import crypto from 'k6/crypto';
import exec from 'k6/execution';
import http, { type RefinedResponse, type ResponseType } from 'k6/http';
import { setTimeout } from 'k6/timers';
import { buildSignatureHeader, forgeSignatureHeader } from '../../core/signature.ts';
import { classifyOutcome, isErrorOutcome, type Outcome } from './attempt-outcome.ts';
import { redeliveryDelayMs } from './backoff.ts';
import { createBatchBodyBuilder } from './delivery-body.ts';
import { planDelivery, type PlanSettings } from './delivery-plan.ts';
import type { K6RunConfig } from './k6-config.ts';
import type { K6Fixture } from './k6-fixtures.ts';
import type { K6Metrics } from './k6-metrics.ts';
import { ACKED_ID_PARTS, encodeAckedId } from './metric-names.ts';
import { phaseAt } from './phases.ts';
import { parseDedupeMs } from './server-timing.ts';

/** What one VU prepared in the init context. */
export interface K6Runtime {
  config: K6RunConfig;
  /** A k6 SharedArray: built once, each element parsed on access. */
  fixtures: readonly K6Fixture[];
  plan: PlanSettings;
  url: string;
  metrics: K6Metrics;
}

type Role = 'first' | 'redelivery' | 'duplicate';
type Tags = Record<string, string>;

/** What setup() hands every iteration. */
export interface K6SetupData {
  runId: string;
  /** Date.now() when setup() ended: the run's clock (phases, timeline) starts here. */
  startedAtMs?: number;
}

interface IterationState {
  seq: number;
  signed: boolean;
  wamidParts: number;
  acked: boolean;
  /** Tags of the planned delivery (its phase); every attempt is tagged with its own phase. */
  tags: Tags;
  phases: K6RunConfig['phases'];
  startedAtMs: number | undefined;
}

const hmac = (secret: string, body: string): string => crypto.hmac('sha256', secret, body, 'hex');
const builders = new Map<string, ReturnType<typeof createBatchBodyBuilder>>();

/**
 * One k6 iteration = one planned delivery. seq is `iterationInTest`, unique across distributed
 * instances. Redeliveries happen inside the iteration (sleep, then the same bytes), which keeps
 * the VU busy during the backoff: size maxInFlight for it. A duplicate with delay 0 is sent in
 * parallel with the first attempt through http.batch (the dedupe race).
 */
export function deliverIteration(runtime: K6Runtime, data: K6SetupData): void | Promise<void> {
  const { config, metrics } = runtime;
  const { runId } = data;
  const scenario = config.scenario;
  const seq = exec.scenario.iterationInTest;
  const intendedMs = Date.now();
  const startedAtMs = data.startedAtMs;
  const tags = tagsAt(config.phases, startedAtMs, intendedMs);
  const planned = planDelivery(runtime.plan, seq);
  // SharedArray items are parsed on access: read each fixture once per iteration.
  const templates = planned.fixtureIndexes.map((i) => (runtime.fixtures[i] as K6Fixture).template);
  const { body, wamidParts } = bodyBuilder(runId, config)(templates, { seq, sentAtMs: intendedMs, senderSlot: planned.senderSlot, outOfOrder: planned.outOfOrder });
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'facebookexternalua', ...scenario.target.headers };
  if (planned.kind !== 'unsigned') {
    const valid = buildSignatureHeader(hmac, scenario.target.appSecret, body);
    headers['X-Hub-Signature-256'] = planned.kind === 'forged' ? forgeSignatureHeader(valid) : valid;
  }
  const params = { headers, tags, timeout: scenario.delivery.timeoutMs, responseCallback: http.expectedStatuses({ min: 200, max: 299 }, 401, 403) };
  const state: IterationState = { seq, signed: planned.kind === 'signed', wamidParts, acked: false, tags, phases: config.phases, startedAtMs };
  metrics.counters.deliveries.add(1, tags);
  if (!state.signed) metrics.counters.forgedSent.add(1, tags);
  if (wamidParts > 0) metrics.inboundSent.add(wamidParts, tags);

  const concurrentDuplicate = planned.duplicate && scenario.delivery.duplicateDelayMs === 0;
  let outcome: Outcome;
  if (concurrentDuplicate) {
    const [first, duplicate] = http.batch([
      { method: 'POST', url: runtime.url, body, params },
      { method: 'POST', url: runtime.url, body, params },
    ]);
    outcome = recordAttempt(metrics, state, first as RefinedResponse<ResponseType>, 'first', intendedMs);
    recordAttempt(metrics, state, duplicate as RefinedResponse<ResponseType>, 'duplicate', intendedMs);
  } else if (planned.duplicate) {
    return deliverWithDelayedDuplicate(runtime, state, body, params, intendedMs);
  } else {
    outcome = recordAttempt(metrics, state, http.post(runtime.url, body, params), 'first', intendedMs);
  }
  if (!state.signed) return;
  for (let attempt = 1; outcome !== 'ok'; attempt++) {
    const delayMs = redeliveryDelayMs(scenario.delivery.redelivery, attempt);
    if (delayMs === undefined) {
      metrics.counters.redeliveriesExhausted.add(1, tagsAt(state.phases, state.startedAtMs, Date.now()));
      return;
    }
    const dueMs = Date.now() + delayMs;
    sleepUntil(dueMs);
    outcome = recordAttempt(metrics, state, http.post(runtime.url, body, params), 'redelivery', dueMs);
  }
}

type Params = Parameters<typeof http.post>[2];

/**
 * A duplicate `duplicateDelayMs` after the first attempt leaves at its planned time even while the
 * first attempt is still waiting for its answer: both go through http.asyncRequest, and the
 * iteration waits on k6's timers instead of sleep (which would block the answer's callback).
 */
async function deliverWithDelayedDuplicate(runtime: K6Runtime, state: IterationState, body: string, params: Params, intendedMs: number): Promise<void> {
  const { metrics, config } = runtime;
  const first = http.asyncRequest('POST', runtime.url, body, params).then((res) => recordAttempt(metrics, state, res, 'first', intendedMs));
  const dueMs = intendedMs + config.scenario.delivery.duplicateDelayMs;
  await waitUntil(dueMs);
  recordAttempt(metrics, state, await http.asyncRequest('POST', runtime.url, body, params), 'duplicate', dueMs);
  let outcome = await first;
  for (let attempt = 1; outcome !== 'ok'; attempt++) {
    const delayMs = redeliveryDelayMs(config.scenario.delivery.redelivery, attempt);
    if (delayMs === undefined) {
      metrics.counters.redeliveriesExhausted.add(1, tagsAt(state.phases, state.startedAtMs, Date.now()));
      return;
    }
    const redeliveryDueMs = Date.now() + delayMs;
    await waitUntil(redeliveryDueMs);
    outcome = recordAttempt(metrics, state, await http.asyncRequest('POST', runtime.url, body, params), 'redelivery', redeliveryDueMs);
  }
}

function waitUntil(dueMs: number): Promise<void> {
  const waitMs = dueMs - Date.now();
  return waitMs > 0 ? new Promise((resolve) => setTimeout(resolve, waitMs)) : Promise.resolve();
}

/** The phase tag of an instant: from setup()'s clock when known, else k6's test-run clock. */
function tagsAt(phases: K6RunConfig['phases'], startedAtMs: number | undefined, atMs: number): Tags {
  if (phases.length === 0) return {};
  const elapsedS = startedAtMs === undefined ? exec.instance.currentTestRunDuration / 1000 : (atMs - startedAtMs) / 1000;
  const phase = phaseAt(phases, elapsedS);
  return phase === undefined ? {} : { phase };
}

function recordAttempt(metrics: K6Metrics, state: IterationState, res: RefinedResponse<ResponseType>, role: Role, intendedMs: number): Outcome {
  // Every attempt is filed under the phase of its own intended time, as the Node engine does.
  const tags = role === 'first' ? state.tags : tagsAt(state.phases, state.startedAtMs, intendedMs);
  const outcome = classifyOutcome(res.status, res.error_code);
  const elapsedMs = Math.max(0, Date.now() - intendedMs);
  // One sample per attempt (value: ms since its intended time): the orchestrator rebuilds the
  // per-second timeline and mergeable histograms from k6's JSON output of this metric.
  metrics.attemptMs.add(elapsedMs, { ...tags, outcome, signed: state.signed ? '1' : '0' });
  const c = metrics.counters;
  c.sent.add(1, tags);
  if (role === 'redelivery') c.redeliveries.add(1, tags);
  if (role === 'duplicate') c.duplicatesSent.add(1, tags);
  const counter = { ok: c.status2xx, 'client-error': c.status4xx, 'server-error': c.status5xx, timeout: c.timeouts, 'connection-error': c.connectionErrors }[outcome];
  counter.add(1, tags);
  metrics.errors.add(isErrorOutcome(outcome, state.signed, res.status), tags);
  const dedupeMs = parseDedupeMs(res.headers?.['Server-Timing'] ?? res.headers?.['server-timing']);
  if (dedupeMs !== undefined) metrics.dedupe.add(dedupeMs, tags);
  if (!state.signed) {
    if (res.status === 401 || res.status === 403) c.forgedRejected.add(1, tags);
    else if (outcome === 'ok') c.forgedAccepted.add(1, tags);
    return outcome;
  }
  if (outcome !== 'connection-error') metrics.ack.add(elapsedMs, tags);
  if (outcome === 'ok' && !state.acked && state.wamidParts > 0) {
    state.acked = true;
    metrics.ackedDeliveries.add(1, tags);
    // The acknowledged set, exactly: one sample per acked delivery whose value encodes seq and parts.
    metrics.ackedIds.add(encodeAckedId(state.seq, Math.min(state.wamidParts, ACKED_ID_PARTS - 1)), tags);
    c.inboundMessagesAcked.add(state.wamidParts, tags);
  }
  return outcome;
}

function sleepUntil(dueMs: number): void {
  const waitMs = dueMs - Date.now();
  if (waitMs > 0) sleep(waitMs / 1000);
}

function bodyBuilder(runId: string, config: K6RunConfig): ReturnType<typeof createBatchBodyBuilder> {
  let builder = builders.get(runId);
  if (!builder) {
    builder = createBatchBodyBuilder({ runId, ...config.scenario.business });
    builders.set(runId, builder);
  }
  return builder;
}
