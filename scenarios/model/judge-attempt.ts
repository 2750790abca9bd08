import type { MeasuredCounter } from '../../common/contracts/run-record.ts';
import type { DeliveryKind } from './delivery-plan.ts';

/** How one webhook attempt ended. */
export type AttemptOutcome = 'ok' | 'redirect' | 'client-error' | 'server-error' | 'timeout' | 'connection-error';

/** Why an attempt was sent: the planned delivery, a redelivery after a failure, or a spontaneous duplicate. */
export type AttemptRole = 'first' | 'redelivery' | 'duplicate';

/**
 * What came back for one attempt, engine-neutral: an HTTP status, or no answer. Each engine maps
 * its transport errors here (k6: status 0 + error code 1050 = timeout; Node: undici's error codes
 * and the engine's own timer).
 */
export type AttemptAnswer = { status: number } | { failure: 'timeout' | 'connection-error' };

/** The verdict on one answered (or failed) attempt: every decision both engines take from it. */
export interface AttemptJudgement {
  outcome: AttemptOutcome;
  /** Run-record counters this answer adds 1 to: its outcome class, and forgedRejected / forgedAccepted. */
  counters: readonly MeasuredCounter[];
  /** Counts in the webhook error rate: everything but a 2xx, and a forged delivery's 401/403 (correct rejection). */
  error: boolean;
  /**
   * In the error rate at all: a forged or unsigned attempt answered 401/403 (correct) or 2xx (the
   * forged-accepted gate) is not, so errors and attempts cover the same set and the rate stays ≤ 100 %.
   */
  inErrorRate: boolean;
  /** Ack latency is recorded (signed deliveries that got an answer or timed out; not connection errors). */
  measureLatency: boolean;
  /** Acknowledges the delivery's inbound messages (a signed 2xx; count each delivery once). */
  acks: boolean;
  /** A redelivery is due, like Meta's: a signed delivery's non-2xx first attempt or redelivery (when: redeliveryDelayMs). */
  redeliver: boolean;
}

/** Counter of each outcome class. */
export const OUTCOME_COUNTER: Readonly<Record<AttemptOutcome, MeasuredCounter>> = {
  ok: 'status2xx',
  redirect: 'status3xx',
  'client-error': 'status4xx',
  'server-error': 'status5xx',
  timeout: 'timeouts',
  'connection-error': 'connectionErrors',
};

/** Counters a delivery adds once its first attempt started (a dropped one adds `dropped` instead). */
export function deliveryCounters(kind: DeliveryKind): readonly MeasuredCounter[] {
  return kind === 'signed' ? SIGNED_DELIVERY : FORGED_DELIVERY;
}

const SIGNED_DELIVERY: readonly MeasuredCounter[] = ['deliveries'];
const FORGED_DELIVERY: readonly MeasuredCounter[] = ['deliveries', 'forgedSent'];

/** Counters an attempt adds when it is sent (before any answer). */
export function sentCounters(role: AttemptRole): readonly MeasuredCounter[] {
  return SENT_COUNTERS[role];
}

const SENT_COUNTERS: Record<AttemptRole, readonly MeasuredCounter[]> = {
  first: ['sent'],
  redelivery: ['sent', 'redeliveries'],
  duplicate: ['sent', 'duplicatesSent'],
};

/** Outcome class of an HTTP status (1xx are never final answers). */
export function outcomeOfStatus(status: number): AttemptOutcome {
  if (status >= 200 && status < 300) return 'ok';
  // Redirects are never followed (a 307 would re-send signed bodies elsewhere): a 3xx is an outcome.
  if (status >= 300 && status < 400) return 'redirect';
  return status >= 500 ? 'server-error' : 'client-error';
}

/** Judges one attempt of a delivery of `kind` sent as `role`. Returns a shared frozen object: do not mutate. */
export function judgeAttempt(kind: DeliveryKind, role: AttemptRole, answer: AttemptAnswer): AttemptJudgement {
  const outcome = 'failure' in answer ? answer.failure : outcomeOfStatus(answer.status);
  const authRejected = 'status' in answer && (answer.status === 401 || answer.status === 403);
  return JUDGEMENTS[key(kind, role, outcome, authRejected)] as AttemptJudgement;
}

function decide(
  kind: DeliveryKind,
  role: AttemptRole,
  outcome: AttemptOutcome,
  authRejected: boolean,
): AttemptJudgement {
  const signed = kind === 'signed';
  const counters: MeasuredCounter[] = [OUTCOME_COUNTER[outcome]];
  if (!signed && authRejected) counters.push('forgedRejected');
  else if (!signed && outcome === 'ok') counters.push('forgedAccepted');
  return Object.freeze({
    outcome,
    counters: Object.freeze(counters),
    error: outcome !== 'ok' && (signed || !authRejected),
    inErrorRate: signed || !(authRejected || outcome === 'ok'),
    measureLatency: signed && outcome !== 'connection-error',
    acks: signed && outcome === 'ok',
    redeliver: signed && outcome !== 'ok' && role !== 'duplicate',
  });
}

const KINDS: readonly DeliveryKind[] = ['signed', 'forged', 'unsigned'];
const ROLES: readonly AttemptRole[] = ['first', 'redelivery', 'duplicate'];
const OUTCOMES: readonly AttemptOutcome[] = [
  'ok',
  'redirect',
  'client-error',
  'server-error',
  'timeout',
  'connection-error',
];

function key(kind: DeliveryKind, role: AttemptRole, outcome: AttemptOutcome, authRejected: boolean): number {
  return (
    ((KINDS.indexOf(kind) * ROLES.length + ROLES.indexOf(role)) * OUTCOMES.length + OUTCOMES.indexOf(outcome)) * 2 +
    (authRejected ? 1 : 0)
  );
}

// Every (kind, role, outcome, 401/403) combination decided once: judging allocates nothing per attempt.
const JUDGEMENTS: AttemptJudgement[] = [];
for (const kind of KINDS)
  for (const role of ROLES)
    for (const outcome of OUTCOMES)
      for (const rejected of [false, true])
        JUDGEMENTS[key(kind, role, outcome, rejected)] = decide(kind, role, outcome, rejected);
