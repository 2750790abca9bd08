import { setTimeout as sleep } from 'node:timers/promises';
import type { Rng } from '../../../common/core/index.ts';
import type { Defect } from '../defects.ts';
import type { Logger } from '../logger.ts';
import type { ConnectorMetrics } from '../metrics.ts';
import type { Admission, CircuitBreaker } from './circuit-breaker.ts';
import type { GraphClient, GraphEdge } from './graph-client.ts';
import { classifyFailure, computeBackoffMs, type AttemptResult, type BackoffTuning } from './retry-policy.ts';
import type { createSemaphore } from './semaphore.ts';

export type SendKind = 'read' | 'reply' | 'call';
export type SendOutcome = 'sent' | 'fatal' | 'dropped_no_retry' | 'attempts_exhausted' | 'deadline' | 'abandoned';

export interface SendJob {
  kind: SendKind;
  phoneNumberId: string;
  /** Graph edge under the phone number: messages (default) or calls (voice bridge). */
  edge?: GraphEdge;
  payload: object;
  /** The inbound message id, for logs. */
  messageId: string;
}

export interface SenderDeps {
  client: GraphClient;
  breaker: CircuitBreaker;
  semaphore: ReturnType<typeof createSemaphore>;
  rng: Rng;
  metrics: ConnectorMetrics;
  logger: Logger;
  defect: Defect;
  tuning: BackoffTuning & { retryMaxAttempts: number; retryDeadlineMs: number };
  /** Aborted when the drain deadline passes: pending retries give up as "abandoned". */
  shutdown: AbortSignal;
}

/**
 * Sends one Graph API request with bounded retries: transient failures back off exponentially
 * with jitter, rate limits back off longer (Retry-After wins), other 4xx fail at once. The
 * breaker holds sends while the API is down instead of dropping them.
 */
export async function sendWithRetries(deps: SenderDeps, job: SendJob): Promise<SendOutcome> {
  const deadline = Date.now() + deps.tuning.retryDeadlineMs;
  for (let attempt = 1; attempt <= deps.tuning.retryMaxAttempts; attempt++) {
    const admission = await waitForAdmission(deps, deadline);
    if (admission === 'deadline' || admission === 'abandoned') return giveUp(deps, job, admission);
    const result = await attemptOnce(deps, job, admission);
    if (result.kind === 'ok') {
      deps.metrics.messagesSent.inc({ kind: job.kind });
      return 'sent';
    }
    const decision = decideRetry(deps.defect, result);
    if (decision !== 'retry' && decision !== 'rate-limit') return giveUp(deps, job, decision, result);
    if (attempt === deps.tuning.retryMaxAttempts) return giveUp(deps, job, 'attempts_exhausted', result);
    const retryAfterMs = result.kind === 'http-error' ? result.retryAfterMs : undefined;
    const delayMs = computeBackoffMs(decision, attempt, deps.rng, deps.tuning, retryAfterMs);
    if (Date.now() + delayMs > deadline) return giveUp(deps, job, 'deadline', result);
    deps.metrics.sendRetries.inc({ class: decision });
    try {
      await sleep(delayMs, undefined, { signal: deps.shutdown });
    } catch {
      return giveUp(deps, job, 'abandoned', result);
    }
  }
  return giveUp(deps, job, 'attempts_exhausted');
}

function decideRetry(
  defect: Defect,
  result: Exclude<AttemptResult, { kind: 'ok' }>,
): 'retry' | 'rate-limit' | 'fatal' | 'dropped_no_retry' {
  const errorClass = classifyFailure(result);
  if (defect === 'no-retry' && result.kind === 'http-error' && result.status >= 500) return 'dropped_no_retry';
  if (defect === 'retry-4xx' && errorClass === 'fatal') return 'retry';
  return errorClass;
}

async function waitForAdmission(deps: SenderDeps, deadline: number): Promise<Admission | 'deadline' | 'abandoned'> {
  for (;;) {
    if (deps.shutdown.aborted) return 'abandoned';
    const admission = deps.breaker.admit();
    if (admission !== 'wait') return admission;
    const left = deadline - Date.now();
    if (left <= 0) return 'deadline';
    // Short waits so a shutdown abort is noticed quickly even while the breaker stays open.
    await deps.breaker.waitForChange(Math.min(left, 200));
  }
}

async function attemptOnce(deps: SenderDeps, job: SendJob, admission: Admission): Promise<AttemptResult> {
  const release = await deps.semaphore.acquire();
  const started = performance.now();
  try {
    const result = await deps.client.postMessage(job.phoneNumberId, job.payload, deps.shutdown, job.edge);
    deps.metrics.sendLatency.observe({ kind: job.kind }, (performance.now() - started) / 1000);
    if (result.kind === 'ok' || classifyFailure(result) !== 'retry') deps.breaker.recordSuccess(admission);
    else if (deps.shutdown.aborted) deps.breaker.releaseProbe(admission);
    else deps.breaker.recordFailure(admission);
    return result;
  } finally {
    release();
  }
}

function giveUp(
  deps: SenderDeps,
  job: SendJob,
  reason: Exclude<SendOutcome, 'sent'>,
  last?: AttemptResult,
): SendOutcome {
  deps.metrics.sendsFailed.inc({ kind: job.kind, reason });
  deps.logger.warn('graph send given up', {
    kind: job.kind,
    messageId: job.messageId,
    reason,
    last: describeAttempt(last),
  });
  return reason;
}

function describeAttempt(result: AttemptResult | undefined): string | undefined {
  if (!result) return undefined;
  if (result.kind === 'http-error')
    return `HTTP ${result.status}${result.code === undefined ? '' : ` code ${result.code}`}`;
  if (result.kind === 'network-error') return `network error: ${result.reason}`;
  return result.kind;
}
