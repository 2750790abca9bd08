import type { Counters } from '../contracts/run-record.ts';

export interface ErrorTally {
  errors: number;
  attempts: number;
  /** errors / attempts, 0–1; null when nothing non-forged was sent. */
  rate: number | null;
}

/**
 * Webhook errors as the error-rate gate counts them: 3xx (redirects, never followed), 4xx (minus forged deliveries correctly
 * answered 401/403), 5xx, timeouts and connection errors, over non-forged attempts. Dropped
 * deliveries are a harness-side problem (maxInFlight) and are reported apart.
 */
export function tallyErrors(c: Counters): ErrorTally {
  const errors = c.status3xx + Math.max(0, c.status4xx - c.forgedRejected) + c.status5xx + c.timeouts + c.connectionErrors;
  const attempts = Math.max(0, c.sent - c.forgedSent);
  return { errors, attempts, rate: attempts > 0 ? errors / attempts : null };
}
