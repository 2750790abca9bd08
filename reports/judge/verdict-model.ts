import type { Gates } from '../../common/contracts/index.ts';
import { MESSAGE_GATE_IDS } from '../schema/gate-schema.ts';

/**
 * The written verdict model (docs/verdicts.md is checked against it): for every gate and every kind
 * of phase, which messages it judges, against which threshold, and why a correct connector can
 * promise it. The gate evaluation reads its thresholds from here; nothing else decides whether a
 * gate is judged in a phase. Pure data.
 */

/**
 * Before any gate: was the run judged on the load it planned? The run record counts planned =
 * started + dropped + unstarted on both engines; a load generator that fell short of its plan by more
 * than `maxShortfall` makes the run exit `exitCode` whatever its gates say (they are still shown).
 */
export const LOAD_DELIVERY_RULE = {
  maxShortfall: 0.01,
  exitCode: 3,
  population:
    'first deliveries the arrival schedule holds for the time the run ran (planned), against those dropped for lack of capacity (Node maxInFlight, k6 dropped_iterations) or never started (a CPU-starved k6)',
  why: "a gate judged on less load than planned can pass a connector that would fail the planned load; the shortfall is the load generator's, not the target's, so the run is neither a pass nor a gate failure",
} as const;

/** The kinds of phase a chaos profile produces, as the reports judge them. */
export const PHASE_KINDS = ['healthy', 'graph-fault', 'redis-latency', 'redis-fault', 'recovery'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

export const PHASE_KIND_TITLES: Record<PhaseKind, string> = {
  healthy: 'Healthy',
  'graph-fault': 'Graph fault',
  'redis-latency': 'Redis latency',
  'redis-fault': 'Redis fault',
  recovery: 'Recovery after faults',
};

export const PHASE_KIND_MEANING: Record<PhaseKind, string> = {
  healthy: 'no fault injected, and not right after a fault phase',
  'graph-fault': 'the mock Graph API injects faults (errors, rate limits, timeouts, resets, latency)',
  'redis-latency': 'the Redis proxy only delays commands; nothing is refused or cut',
  'redis-fault': 'the Redis proxy refuses, errors, cuts or freezes commands (with --redis-proxy only)',
  recovery: 'the first fault-free phase after one or several back-to-back fault phases',
};

/** The gates the model covers: every phase-judged gate of the summary. */
export const MODEL_GATES = [...MESSAGE_GATE_IDS, 'recovery'] as const;
export type ModelGate = (typeof MODEL_GATES)[number];

/** Which configured gate sets the threshold. */
export const GATE_FIELD: Record<ModelGate, keyof Gates> = {
  'ack-p99': 'ackP99Ms',
  'error-rate': 'errorRate',
  'dedupe-p99': 'dedupeP99Ms',
  'reply-p99': 'replyP99Ms',
  duplicates: 'duplicateSideEffects',
  lost: 'lostMessages',
  'forged-accepted': 'forgedAccepted',
  'non-retryable-retries': 'nonRetryableRetries',
  recovery: 'replyP99Ms',
};

/**
 * gate: the configured gate. gate+redis-wire: the gate plus the p99 of one dedupe round trip the
 * Redis proxy timed on the wire in that phase (the latency the fault adds, which no connector can
 * avoid). not-judged: shown, not judged in this kind of phase (the cell says what judges it instead).
 */
export type ThresholdRule = 'gate' | 'gate+redis-wire' | 'not-judged';

export interface VerdictCell {
  threshold: ThresholdRule;
  /** Which messages or attempts are in the gate's population in this kind of phase. */
  population: string;
  /** Why a correct connector can promise it (or why it is not judged here). */
  why: string;
}

const FIRST_SENT = 'messages first sent in the phase (per-message acks: Node engine), and in the whole-run gate';
const ACK_WHY =
  'the connector controls its acknowledgement: it verifies, dedupes, answers 200 and only then calls Graph';

const SAME_EVERYWHERE = (population: string, why: string): Record<PhaseKind, VerdictCell> => ({
  healthy: { threshold: 'gate', population, why },
  'graph-fault': { threshold: 'gate', population, why },
  'redis-latency': { threshold: 'gate', population, why },
  'redis-fault': { threshold: 'gate', population, why },
  recovery: { threshold: 'gate', population, why },
});

export const VERDICT_MODEL: Record<ModelGate, Record<PhaseKind, VerdictCell>> = {
  'ack-p99': {
    healthy: { threshold: 'gate', population: 'signed attempts sent in the phase, every answer', why: ACK_WHY },
    'graph-fault': {
      threshold: 'gate',
      population: 'signed attempts sent in the phase, every answer',
      why: `${ACK_WHY}, so no Graph fault reaches the ack; a bot that acks after its Graph calls fails here`,
    },
    'redis-latency': {
      threshold: 'gate+redis-wire',
      population: 'signed attempts sent in the phase, every answer (left out of the whole-run gate)',
      why: 'the dedupe runs before the ack, so the ack carries one Redis round trip of the injected latency',
    },
    'redis-fault': {
      threshold: 'gate',
      population: 'signed attempts sent in the phase, every answer (a 503 is an answer)',
      why: 'failing closed is quick: a Redis command timeout far below the gate, then 503; a bot that waits on Redis forever fails',
    },
    recovery: { threshold: 'gate', population: 'signed attempts sent in the phase, every answer', why: ACK_WHY },
  },
  'error-rate': {
    healthy: { threshold: 'gate', population: 'signed attempts sent in the phase', why: 'nothing is broken' },
    'graph-fault': {
      threshold: 'gate',
      population: 'signed attempts sent in the phase',
      why: 'Graph faults are absorbed after the ack (retry queue), never passed on to Meta as a webhook error',
    },
    'redis-latency': {
      threshold: 'gate',
      population: 'signed attempts sent in the phase',
      why: 'a slower Redis still answers',
    },
    'redis-fault': {
      threshold: 'not-judged',
      population: `attempts from 1 s before the phase to its recovery time after (also left out of the whole-run gate)`,
      why: 'failing closed (5xx, Meta redelivers) is the promise; the phase lost and duplicates gates judge it',
    },
    recovery: {
      threshold: 'gate',
      population:
        'signed attempts sent once the recovery time has passed; right after a Redis fault the phase gate leaves out 5xx, timeouts and connection errors (redeliveries of fail-closed messages run into it) and the whole-run gate counts them from the recovery time on',
      why: 'the dependency is back; redeliveries of fail-closed messages are answered',
    },
  },
  'dedupe-p99': {
    healthy: { threshold: 'gate', population: 'dedupe timings of acknowledged attempts', why: 'nothing is broken' },
    'graph-fault': {
      threshold: 'gate',
      population: 'dedupe timings of acknowledged attempts',
      why: 'the dedupe never calls Graph',
    },
    'redis-latency': {
      threshold: 'gate+redis-wire',
      population: 'dedupe timings of acknowledged attempts (left out of the whole-run gate)',
      why: 'one atomic claim is one Redis round trip, and the proxy adds its latency to that round trip',
    },
    'redis-fault': {
      threshold: 'not-judged',
      population: 'shown; left out of the whole-run gate',
      why: 'the fault decides how long Redis takes (slow drip, freeze up to the command timeout); lost and duplicates judge the phase',
    },
    recovery: { threshold: 'gate', population: 'dedupe timings of acknowledged attempts', why: 'Redis is back' },
  },
  'reply-p99': {
    healthy: {
      threshold: 'gate',
      population: 'first replies to messages sent in the phase',
      why: 'Graph answers at once',
    },
    'graph-fault': {
      threshold: 'not-judged',
      population: 'shown; left out of the whole-run gate',
      why: 'replies are late by design (Retry-After, backoff); lost, duplicates and recovery judge the phase',
    },
    'redis-latency': {
      threshold: 'gate',
      population: 'first replies to messages sent in the phase',
      why: 'the injected milliseconds are far below a reply gate in seconds',
    },
    'redis-fault': {
      threshold: 'not-judged',
      population: 'shown; left out of the whole-run gate',
      why: 'a fail-closed message is answered after Meta redelivers it, seconds later by design',
    },
    recovery: {
      threshold: 'gate',
      population:
        'first replies to messages sent once the recovery time after the last fault phase has passed (earlier ones are shown as settling)',
      why: 'the retry queue has drained',
    },
  },
  duplicates: {
    healthy: { threshold: 'gate', population: 'every message, in the whole-run gate', why: 'dedupe by message id' },
    'graph-fault': {
      threshold: 'gate',
      population: `${FIRST_SENT}; after-commit faults make a duplicate ambiguous (shown, not counted)`,
      why: 'a retry after a fault the connector could see is its own to dedupe',
    },
    'redis-latency': {
      threshold: 'gate',
      population: 'every message, in the whole-run gate',
      why: 'a slower claim is still atomic',
    },
    'redis-fault': {
      threshold: 'gate',
      population:
        'messages first sent in the phase, in the dependency section (claims whose reply the proxy cut are ambiguous, shown apart)',
      why: 'failing closed never processes without a claim, so no fallback store can answer twice',
    },
    recovery: { threshold: 'gate', population: 'every message, in the whole-run gate', why: 'dedupe by message id' },
  },
  lost: {
    healthy: {
      threshold: 'gate',
      population: 'every acknowledged message, in the whole-run gate',
      why: 'an acknowledged message is processed',
    },
    'graph-fault': {
      threshold: 'gate',
      population: `${FIRST_SENT}; a do-not-retry rejection is not a loss`,
      why: 'transient errors and rate limits are retried until they succeed',
    },
    'redis-latency': {
      threshold: 'gate',
      population: 'every acknowledged message, in the whole-run gate',
      why: 'a slower Redis still answers',
    },
    'redis-fault': {
      threshold: 'gate',
      population: 'messages first sent in the phase, in the dependency section',
      why: 'a fail-closed connector acknowledges only what it claimed; the rest Meta redelivers',
    },
    recovery: {
      threshold: 'gate',
      population: 'every acknowledged message, in the whole-run gate',
      why: 'an acknowledged message is processed',
    },
  },
  'forged-accepted': SAME_EVERYWHERE(
    'forged and unsigned attempts sent in the phase',
    'the signature check needs neither Graph nor Redis',
  ),
  'non-retryable-retries': SAME_EVERYWHERE(
    'messages whose send Graph refused with a do-not-retry code and that were sent again; a message whose other side effects were also repeated was processed twice (judged by duplicates) and is not counted',
    'a do-not-retry code is final in every phase',
  ),
  recovery: {
    healthy: { threshold: 'not-judged', population: '-', why: 'nothing to recover from' },
    'graph-fault': {
      threshold: 'gate',
      population:
        'on the last of back-to-back fault phases only: first replies to messages sent in the next fault-free phase once the recovery time has passed',
      why: 'after the fault the retry queue drains within the recovery time (default 30 s after Graph faults)',
    },
    'redis-latency': { threshold: 'not-judged', population: '-', why: 'nothing was broken' },
    'redis-fault': {
      threshold: 'gate',
      population:
        'on the last of back-to-back fault phases only: first replies to messages sent in the next fault-free phase once the recovery time has passed',
      why: 'the Redis client reconnects within the recovery time (default 5 s after Redis faults)',
    },
    recovery: {
      threshold: 'not-judged',
      population: '-',
      why: 'judged on the fault phase before (its recovery gate)',
    },
  },
};

/** How one phase is judged beyond its kind: the profile's judge and the Redis round trip timed there. */
export interface PhaseContext {
  judge?: { latency: 'slo' | 'off'; errorRate: 'slo' | 'off' };
  /** p99 of one dedupe round trip the Redis proxy timed on the wire in this phase (0 without one). */
  redisWireP99Ms?: number;
}

/** The threshold of `gate` in a phase of `kind`, or undefined when it is not judged there. */
export function thresholdOf(
  gate: ModelGate,
  kind: PhaseKind,
  gates: Gates,
  phase: PhaseContext = {},
): number | undefined {
  const rule = ruleFor(gate, kind, phase.judge);
  if (rule === 'not-judged') return undefined;
  const base = gates[GATE_FIELD[gate]] as number;
  return rule === 'gate+redis-wire' ? Number((base + (phase.redisWireP99Ms ?? 0)).toFixed(3)) : base;
}

/** Whether samples of a phase feed the whole-run gate (judged at the plain configured gate there). */
export function feedsWholeRun(gate: ModelGate, kind: PhaseKind, judge?: PhaseContext['judge']): boolean {
  return ruleFor(gate, kind, judge) === 'gate';
}

/** The judging a phase of `kind` has when its chaos profile sets no `judge` (mock-graph-api resolvePhaseJudge). */
const DEFAULT_JUDGE: Record<PhaseKind, { latency: 'slo' | 'off'; errorRate: 'slo' | 'off' }> = {
  healthy: { latency: 'slo', errorRate: 'slo' },
  'graph-fault': { latency: 'off', errorRate: 'slo' },
  'redis-latency': { latency: 'slo', errorRate: 'slo' },
  'redis-fault': { latency: 'off', errorRate: 'off' },
  recovery: { latency: 'slo', errorRate: 'slo' },
};

/**
 * The rule for `gate` in a phase of `kind`, with the chaos profile's `judge` on top where it
 * departs from the kind's default: `latency` switches reply-p99 (and dedupe-p99 in a Redis fault)
 * on or off, `errorRate` switches error-rate. Nothing switches ack-p99 off.
 */
export function ruleFor(
  gate: ModelGate,
  kind: PhaseKind,
  judge?: { latency: 'slo' | 'off'; errorRate: 'slo' | 'off' },
): ThresholdRule {
  const rule = VERDICT_MODEL[gate][kind].threshold;
  if (!judge) return rule;
  const byDefault = DEFAULT_JUDGE[kind];
  const latencyOverride = gate === 'reply-p99' || (gate === 'dedupe-p99' && kind === 'redis-fault');
  if (latencyOverride && judge.latency !== byDefault.latency) return judge.latency === 'slo' ? 'gate' : 'not-judged';
  if (gate === 'error-rate' && judge.errorRate !== byDefault.errorRate)
    return judge.errorRate === 'slo' ? 'gate' : 'not-judged';
  return rule;
}
