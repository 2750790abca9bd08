import { createKeyedRateLimiter } from '../common/core/index.ts';

/** The mock's view of a keyed limiter (GCRA in common/core/rate-limiter.ts): allowed or not. */
export interface RateLimiter {
  tryAcquire(key: string, nowMs: number): boolean;
  reset(): void;
  size(): number;
}

export function createRateLimiter(options: { intervalMs: number; burst: number; maxKeys?: number }): RateLimiter {
  const limiter = createKeyedRateLimiter({ maxKeys: 1_000_000, ...options });
  return { tryAcquire: (key, nowMs) => limiter.admit(key, nowMs) === 0, reset: limiter.reset, size: limiter.size };
}

/** A limiter that always allows (a limit switched off). */
export const UNLIMITED: RateLimiter = { tryAcquire: () => true, reset: () => undefined, size: () => 0 };
