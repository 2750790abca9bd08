import type { Counters } from '../contracts/run-record.ts';

/** A fresh, all-zero run-record counters object (mutated in place while the run lasts). */
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
 * Failed attempts: every non-2xx answer, timeout and connection error, except forged or unsigned
 * deliveries correctly rejected (401/403); forged deliveries accepted count apart (their own gate).
 */
export function countErrors(c: Counters): number {
  return c.status3xx + c.status4xx - c.forgedRejected + c.status5xx + c.timeouts + c.connectionErrors;
}
