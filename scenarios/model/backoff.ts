/** The redelivery settings of the scenario model (contracts/scenario.ts `delivery.redelivery`). */
export interface RedeliverySettings {
  enabled: boolean;
  maxAttempts: number;
  initialBackoffMs: number;
  backoffFactor: number;
  maxBackoffMs: number;
}

/**
 * Delay before attempt `attempt + 1` after attempt `attempt` (1-based) failed: growing like
 * Meta's (first retry soon, then less and less often), capped; undefined when no attempt is left.
 */
export function redeliveryDelayMs(settings: RedeliverySettings, attempt: number): number | undefined {
  if (!settings.enabled || attempt >= settings.maxAttempts) return undefined;
  return Math.min(settings.maxBackoffMs, settings.initialBackoffMs * settings.backoffFactor ** (attempt - 1));
}

/** Longest time a delivery can stay pending after its first attempt starts (bounds the run's tail). */
export function redeliveryTailMs(settings: RedeliverySettings, timeoutMs: number): number {
  let total = timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const delay = redeliveryDelayMs(settings, attempt);
    if (delay === undefined) return total;
    total += delay + timeoutMs;
  }
}
