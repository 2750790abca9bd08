import type { Counters } from '../contracts/run-record.ts';

export interface ErrorTally {
  errors: number;
  attempts: number;
  /** Forged or unsigned attempts that were neither rejected (401/403) nor accepted (2xx): errors. */
  forgedFailed: number;
  /** errors / attempts, 0–1; null when nothing was counted. */
  rate: number | null;
}

/**
 * Webhook errors as the error-rate gate counts them: 4xx (minus forged deliveries correctly
 * answered 401/403), 5xx, timeouts and connection errors. Numerator and denominator cover the
 * same attempts: every attempt except forged ones rejected correctly (not errors) or accepted
 * (their own gate), so a forged attempt that failed counts on both sides and the rate stays
 * ≤ 100 %. Dropped deliveries are a harness-side problem (maxInFlight) and are reported apart.
 */
export function tallyErrors(c: Counters): ErrorTally {
  const errors = Math.max(0, c.status4xx - c.forgedRejected) + c.status5xx + c.timeouts + c.connectionErrors;
  const attempts = Math.max(errors, c.sent - c.forgedRejected - c.forgedAccepted);
  const forgedFailed = Math.max(0, c.forgedSent - c.forgedRejected - c.forgedAccepted);
  return { errors, attempts, forgedFailed, rate: attempts > 0 ? errors / attempts : null };
}
