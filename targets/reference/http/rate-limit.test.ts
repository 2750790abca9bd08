import { describe, expect, it } from 'vitest';
import { createSourceRateLimiter, resolveInboundLimit } from './rate-limit.ts';

describe('per-source rate limiter', () => {
  it('lets a burst of 20 through at once, then one every 100 ms at 10/s', () => {
    const limiter = createSourceRateLimiter({ ratePerS: 10, burst: 20 });
    const admitted = Array.from({ length: 21 }, () => limiter.admit('127.0.0.2', 1000));
    expect(admitted.slice(0, 20).every((wait) => wait === 0)).toBe(true);
    expect(admitted[20]).toBeCloseTo(100, 6);
    expect(limiter.admit('127.0.0.2', 1099)).toBeGreaterThan(0);
    expect(limiter.admit('127.0.0.2', 1100)).toBe(0);
  });

  it('keeps a separate bucket per source address', () => {
    const limiter = createSourceRateLimiter({ ratePerS: 1, burst: 1 });
    expect(limiter.admit('127.0.0.2', 0)).toBe(0);
    expect(limiter.admit('127.0.0.2', 0)).toBe(1000);
    expect(limiter.admit('127.0.0.3', 0)).toBe(0);
  });

  it('holds a steady 10/s from one source without refusing any', () => {
    const limiter = createSourceRateLimiter({ ratePerS: 10, burst: 20 });
    const refused = Array.from({ length: 600 }, (_, i) => limiter.admit('a', i * 100)).filter((wait) => wait > 0);
    expect(refused).toHaveLength(0);
  });

  it('defaults the burst to twice the rate and is off without a rate', () => {
    expect(resolveInboundLimit({ rateLimitPerIp: 10 })).toEqual({ ratePerS: 10, burst: 20 });
    expect(resolveInboundLimit({ rateLimitPerIp: 0.2 })).toEqual({ ratePerS: 0.2, burst: 1 });
    expect(resolveInboundLimit({})).toBeNull();
  });
});
