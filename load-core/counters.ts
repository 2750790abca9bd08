import type { Counters } from '../contracts/run-record.ts';

/** A fresh, all-zero run-record counters object (mutated in place while the run lasts). */
export function createCounters(): Counters {
  return {
    sent: 0,
    status2xx: 0,
    status4xx: 0,
    status5xx: 0,
    timeouts: 0,
    connectionErrors: 0,
    dropped: 0,
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
  return Math.max(0, c.status4xx - c.forgedRejected) + c.status5xx + c.timeouts + c.connectionErrors;
}

export interface ErrorTally {
  errors: number;
  attempts: number;
  /** errors / attempts, 0–1; null when nothing non-forged was sent. */
  rate: number | null;
}

/** Webhook errors over non-forged attempts (forged deliveries are never redelivered nor duplicated). */
export function tallyErrors(c: Counters): ErrorTally {
  const errors = countErrors(c);
  const attempts = Math.max(0, c.sent - c.forgedSent);
  return { errors, attempts, rate: attempts > 0 ? errors / attempts : null };
}
