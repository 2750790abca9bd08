/**
 * A rate limiter per key using GCRA (one number per key: the theoretical arrival time), so a
 * burst of `burst` passes back to back and then one per `intervalMs`. Memory is capped: keys
 * whose bucket has refilled are swept, and the oldest are dropped past `maxKeys`. Shared by the
 * mock Graph API's limits and the reference connector's per-IP limit.
 */
export interface KeyedRateLimiter {
  /** 0 when the request may pass (and is counted), else the milliseconds until one would. */
  admit(key: string, nowMs: number): number;
  reset(): void;
  size(): number;
}

export function createKeyedRateLimiter(options: {
  intervalMs: number;
  burst: number;
  maxKeys?: number;
}): KeyedRateLimiter {
  const { intervalMs, burst } = options;
  const maxKeys = options.maxKeys ?? 100_000;
  const tolerance = (burst - 1) * intervalMs;
  const arrivals = new Map<string, number>();

  function sweep(nowMs: number): void {
    for (const [key, tat] of arrivals) if (tat <= nowMs) arrivals.delete(key);
    let excess = arrivals.size - Math.floor(maxKeys * 0.9);
    for (const key of arrivals.keys()) {
      if (excess-- <= 0) break;
      arrivals.delete(key);
    }
  }

  return {
    admit(key, nowMs) {
      const tat = arrivals.get(key);
      const base = tat === undefined || tat < nowMs ? nowMs : tat;
      const over = base - nowMs - tolerance;
      if (over > 0) return over;
      arrivals.set(key, base + intervalMs);
      if (arrivals.size > maxKeys) sweep(nowMs);
      return 0;
    },
    reset: () => arrivals.clear(),
    size: () => arrivals.size,
  };
}
