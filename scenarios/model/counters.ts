import type { Counters } from '../../common/contracts/run-record.ts';

/** A fresh, all-zero run-record counters object (mutated in place while the run lasts); planned and unstarted are the record builder's. */
export function createCounters(): Counters {
  return {
    sent: 0,
    status2xx: 0,
    status3xx: 0,
    status4xx: 0,
    status5xx: 0,
    timeouts: 0,
    connectionErrors: 0,
    dropped: 0,
    copiesDropped: 0,
    deliveries: 0,
    duplicatesSent: 0,
    redeliveries: 0,
    redeliveriesExhausted: 0,
    forgedSent: 0,
    forgedRejected: 0,
    forgedAccepted: 0,
    inboundMessagesAcked: 0,
  };
}

/**
 * Failed attempts as the error-rate gate counts them: every non-2xx answer, timeout and connection
 * error, except forged or unsigned deliveries correctly rejected (401/403); forged deliveries
 * accepted count apart (their own gate). Dropped deliveries are a harness-side problem
 * (maxInFlight) and are reported apart. The same rule as judgeAttempt's `error`, over counters.
 */
export function countErrors(c: Counters): number {
  return c.status3xx + Math.max(0, c.status4xx - c.forgedRejected) + c.status5xx + c.timeouts + c.connectionErrors;
}

export interface ErrorTally {
  errors: number;
  attempts: number;
  /** Forged or unsigned attempts that were neither rejected (401/403) nor accepted (2xx): errors. */
  forgedFailed: number;
  /** errors / attempts, 0–1; null when nothing was counted. */
  rate: number | null;
}

/**
 * Webhook errors over the same attempts: every attempt except forged ones rejected correctly (not
 * errors) or accepted (their own gate), so a forged attempt that failed counts on both sides and
 * the rate stays ≤ 100 % (judgeAttempt's `inErrorRate`, over counters).
 */
export function tallyErrors(c: Counters): ErrorTally {
  const errors = countErrors(c);
  const attempts = Math.max(errors, c.sent - c.forgedRejected - c.forgedAccepted);
  const forgedFailed = Math.max(0, c.forgedSent - c.forgedRejected - c.forgedAccepted);
  return { errors, attempts, forgedFailed, rate: attempts > 0 ? errors / attempts : null };
}

/**
 * Deliveries started (first attempts sent, dropped ones excluded). Records with a plan count
 * exactly that in `deliveries` on both engines; older records (no `planned`) counted the Node
 * engine's dropped arrivals in, and were read as `deliveries − dropped`, as they always were.
 */
export function startedDeliveries(c: Pick<Counters, 'deliveries' | 'dropped' | 'planned'>): number {
  return c.planned === undefined ? Math.max(0, c.deliveries - c.dropped) : c.deliveries;
}
