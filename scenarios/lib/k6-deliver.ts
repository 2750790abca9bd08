import { sleep } from 'k6';
import crypto from 'k6/crypto';
import exec from 'k6/execution';
import http, { type RefinedResponse, type ResponseType } from 'k6/http';
import { buildSignatureHeader, forgeSignatureHeader } from '../../core/signature.ts';
import { classifyOutcome, isErrorOutcome, type Outcome } from './attempt-outcome.ts';
import { redeliveryDelayMs } from './backoff.ts';
import { createBatchBodyBuilder } from './delivery-body.ts';
import { planDelivery, type PlanSettings } from './delivery-plan.ts';
import type { K6RunConfig } from './k6-config.ts';
import type { K6Fixture } from './k6-fixtures.ts';
import type { K6Metrics } from './k6-metrics.ts';
import { phaseAt } from './phases.ts';
import { parseDedupeMs } from './server-timing.ts';

/** What one VU prepared in the init context. */
export interface K6Runtime {
  config: K6RunConfig;
  fixtures: K6Fixture[];
  plan: PlanSettings;
  url: string;
  metrics: K6Metrics;
}

type Role = 'first' | 'redelivery' | 'duplicate';
type Tags = Record<string, string>;

interface IterationState {
  signed: boolean;
  wamidParts: number;
  acked: boolean;
  tags: Tags;
}

const hmac = (secret: string, body: string): string => crypto.hmac('sha256', secret, body, 'hex');
const builders = new Map<string, ReturnType<typeof createBatchBodyBuilder>>();

/**
 * One k6 iteration = one planned delivery. seq is `iterationInTest`, unique across distributed
 * instances. Redeliveries happen inside the iteration (sleep, then the same bytes), which keeps
 * the VU busy during the backoff: size maxInFlight for it. A duplicate with delay 0 is sent in
 * parallel with the first attempt through http.batch (the dedupe race).
 */
export function deliverIteration(runtime: K6Runtime, runId: string): void {
  const { config, metrics } = runtime;
  const scenario = config.scenario;
  const seq = exec.scenario.iterationInTest;
  const intendedMs = Date.now();
  const phase = phaseAt(config.phases, exec.instance.currentTestRunDuration / 1000);
  const tags: Tags = phase === undefined ? {} : { phase };
  const planned = planDelivery(runtime.plan, seq);
  const templates = planned.fixtureIndexes.map((i) => (runtime.fixtures[i] as K6Fixture).template);
  const { body, wamidParts } = bodyBuilder(runId, config)(templates, { seq, sentAtMs: intendedMs, senderSlot: planned.senderSlot, outOfOrder: planned.outOfOrder });
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'facebookexternalua', ...scenario.target.headers };
  if (planned.kind !== 'unsigned') {
    const valid = buildSignatureHeader(hmac, scenario.target.appSecret, body);
    headers['X-Hub-Signature-256'] = planned.kind === 'forged' ? forgeSignatureHeader(valid) : valid;
  }
  // redirects: 0, as well as options.maxRedirects: a 307 must not re-send signed bodies elsewhere.
  const params = { headers, tags, timeout: scenario.delivery.timeoutMs, redirects: 0, responseCallback: http.expectedStatuses({ min: 200, max: 299 }, 401, 403) };
  const state: IterationState = { signed: planned.kind === 'signed', wamidParts, acked: false, tags };
  metrics.counters.deliveries.add(1, tags);
  if (!state.signed) metrics.counters.forgedSent.add(1, tags);

  const concurrentDuplicate = planned.duplicate && scenario.delivery.duplicateDelayMs === 0;
  let outcome: Outcome;
  if (concurrentDuplicate) {
    const [first, duplicate] = http.batch([
      { method: 'POST', url: runtime.url, body, params },
      { method: 'POST', url: runtime.url, body, params },
    ]);
    outcome = recordAttempt(metrics, state, first as RefinedResponse<ResponseType>, 'first', intendedMs);
    recordAttempt(metrics, state, duplicate as RefinedResponse<ResponseType>, 'duplicate', intendedMs);
  } else {
    outcome = recordAttempt(metrics, state, http.post(runtime.url, body, params), 'first', intendedMs);
  }
  if (planned.duplicate && !concurrentDuplicate) {
    const dueMs = intendedMs + scenario.delivery.duplicateDelayMs;
    sleepUntil(dueMs);
    recordAttempt(metrics, state, http.post(runtime.url, body, params), 'duplicate', dueMs);
  }
  if (!state.signed) return;
  for (let attempt = 1; outcome !== 'ok'; attempt++) {
    const delayMs = redeliveryDelayMs(scenario.delivery.redelivery, attempt);
    if (delayMs === undefined) {
      metrics.counters.redeliveriesExhausted.add(1, tags);
      return;
    }
    const dueMs = Date.now() + delayMs;
    sleepUntil(dueMs);
    outcome = recordAttempt(metrics, state, http.post(runtime.url, body, params), 'redelivery', dueMs);
  }
}

function recordAttempt(metrics: K6Metrics, state: IterationState, res: RefinedResponse<ResponseType>, role: Role, intendedMs: number): Outcome {
  const { tags } = state;
  const outcome = classifyOutcome(res.status, res.error_code);
  const c = metrics.counters;
  c.sent.add(1, tags);
  if (role === 'redelivery') c.redeliveries.add(1, tags);
  if (role === 'duplicate') c.duplicatesSent.add(1, tags);
  const counter = { ok: c.status2xx, redirect: c.status3xx, 'client-error': c.status4xx, 'server-error': c.status5xx, timeout: c.timeouts, 'connection-error': c.connectionErrors }[outcome];
  counter.add(1, tags);
  metrics.errors.add(isErrorOutcome(outcome, state.signed, res.status), tags);
  const dedupeMs = parseDedupeMs(res.headers?.['Server-Timing'] ?? res.headers?.['server-timing']);
  if (dedupeMs !== undefined) metrics.dedupe.add(dedupeMs, tags);
  if (!state.signed) {
    if (res.status === 401 || res.status === 403) c.forgedRejected.add(1, tags);
    else if (outcome === 'ok') c.forgedAccepted.add(1, tags);
    return outcome;
  }
  if (outcome !== 'connection-error') metrics.ack.add(Date.now() - intendedMs, tags);
  if (outcome === 'ok' && !state.acked && state.wamidParts > 0) {
    state.acked = true;
    metrics.ackedDeliveries.add(1, tags);
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
