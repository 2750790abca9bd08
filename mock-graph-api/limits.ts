/**
 * A rate limiter per key using GCRA (one number per key: the theoretical arrival time), so a
 * burst of `burst` passes back to back and then one per `intervalMs`. Memory is capped: keys
 * whose bucket has refilled are swept, and the oldest are dropped past `maxKeys`.
 */
export interface RateLimiter {
  tryAcquire(key: string, nowMs: number): boolean;
  reset(): void;
  size(): number;
}

export function createRateLimiter(options: { intervalMs: number; burst: number; maxKeys?: number }): RateLimiter {
  const { intervalMs, burst } = options;
  const maxKeys = options.maxKeys ?? 1_000_000;
  const tolerance = (burst - 1) * intervalMs;
  const arrivals = new Map<string, number>();

  function sweep(nowMs: number): void {
    for (const [key, tat] of arrivals) if (tat <= nowMs) arrivals.delete(key);
    const excess = arrivals.size - Math.floor(maxKeys * 0.9);
    if (excess <= 0) return;
    let dropped = 0;
    for (const key of arrivals.keys()) {
      if (dropped++ >= excess) break;
      arrivals.delete(key);
    }
  }

  return {
    tryAcquire(key, nowMs) {
      const tat = arrivals.get(key);
      const base = tat === undefined || tat < nowMs ? nowMs : tat;
      if (base - nowMs > tolerance) return false;
      arrivals.set(key, base + intervalMs);
      if (arrivals.size > maxKeys) sweep(nowMs);
      return true;
    },
    reset: () => arrivals.clear(),
    size: () => arrivals.size,
  };
}

/** A limiter that always allows (a limit switched off). */
export const UNLIMITED: RateLimiter = { tryAcquire: () => true, reset: () => undefined, size: () => 0 };
