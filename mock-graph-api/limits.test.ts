import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './limits.ts';

describe('createRateLimiter', () => {
  it('lets a burst of 80 through at once and refuses the 81st in the same millisecond', () => {
    const limiter = createRateLimiter({ intervalMs: 1000 / 80, burst: 80 });
    const results = Array.from({ length: 81 }, () => limiter.tryAcquire('pn', 0));
    expect(results.filter(Boolean)).toHaveLength(80);
    expect(results[80]).toBe(false);
  });

  it('admits 80 per second at a sustained rate after the burst is spent', () => {
    const limiter = createRateLimiter({ intervalMs: 1000 / 80, burst: 80 });
    let admitted = 0;
    for (let t = 0; t < 10_000; t += 2) for (let k = 0; k < 2; k++) if (limiter.tryAcquire('pn', t)) admitted++;
    // 80 burst + 80/s × 10 s, within one interval of rounding.
    expect(admitted).toBeGreaterThanOrEqual(878);
    expect(admitted).toBeLessThanOrEqual(881);
  });

  it('keeps keys independent', () => {
    const limiter = createRateLimiter({ intervalMs: 6000, burst: 1 });
    expect(limiter.tryAcquire('a', 0)).toBe(true);
    expect(limiter.tryAcquire('a', 1)).toBe(false);
    expect(limiter.tryAcquire('b', 1)).toBe(true);
    expect(limiter.tryAcquire('a', 6000)).toBe(true);
  });

  it('caps memory by dropping refilled and then oldest keys', () => {
    const limiter = createRateLimiter({ intervalMs: 1000, burst: 1, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) limiter.tryAcquire(`k${i}`, 0);
    expect(limiter.size()).toBeLessThanOrEqual(100);
  });
});
