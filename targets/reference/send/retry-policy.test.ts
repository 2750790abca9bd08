import { describe, expect, it } from 'vitest';
import { createRng } from '../../../common/core/index.ts';
import { classifyFailure, computeBackoffMs, parseRetryAfterMs } from './retry-policy.ts';

const http = (status: number, code?: number) => ({
  kind: 'http-error' as const,
  status,
  code,
  retryAfterMs: undefined,
});
const tuning = { retryBaseMs: 200, retryMaxDelayMs: 5_000, rateLimitBaseMs: 1_000, rateLimitMaxDelayMs: 30_000 };

describe('classifyFailure', () => {
  it('retries 5xx, timeouts and network errors', () => {
    expect(classifyFailure(http(503))).toBe('retry');
    expect(classifyFailure(http(500, 131000))).toBe('retry');
    expect(classifyFailure({ kind: 'timeout' })).toBe('retry');
    expect(classifyFailure({ kind: 'network-error', reason: 'ECONNRESET' })).toBe('retry');
  });

  it('treats 429 and Meta rate-limit codes as rate limits whatever the HTTP status', () => {
    expect(classifyFailure(http(429))).toBe('rate-limit');
    for (const code of [130429, 131056, 80007, 4]) expect(classifyFailure(http(400, code))).toBe('rate-limit');
  });

  it('retries transient codes even under a 4xx status', () => {
    for (const code of [1, 2, 131000, 131016]) expect(classifyFailure(http(400, code))).toBe('retry');
  });

  it('never retries the other 4xx codes', () => {
    for (const code of [100, 131008, 131009, 131026, 131047, 131051, 190])
      expect(classifyFailure(http(400, code))).toBe('fatal');
    expect(classifyFailure(http(401, 190))).toBe('fatal');
    expect(classifyFailure(http(404))).toBe('fatal');
  });
});

describe('computeBackoffMs', () => {
  it('doubles the cap per attempt, keeps jitter within [cap/2, cap] and stops at the maximum', () => {
    const rng = createRng(7);
    for (let attempt = 1; attempt <= 10; attempt++) {
      const cap = Math.min(5_000, 200 * 2 ** (attempt - 1));
      for (let i = 0; i < 50; i++) {
        const delay = computeBackoffMs('retry', attempt, rng, tuning);
        expect(delay).toBeGreaterThanOrEqual(cap / 2);
        expect(delay).toBeLessThanOrEqual(cap);
      }
    }
  });

  it('backs off longer for rate limits and honours Retry-After up to the cap', () => {
    const rng = createRng(1);
    expect(computeBackoffMs('rate-limit', 1, rng, tuning)).toBeGreaterThanOrEqual(500);
    expect(computeBackoffMs('rate-limit', 1, rng, tuning, 7_000)).toBe(7_000);
    expect(computeBackoffMs('rate-limit', 1, rng, tuning, 120_000)).toBe(30_000);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads delta seconds and HTTP dates, and ignores garbage', () => {
    expect(parseRetryAfterMs('3', 0)).toBe(3_000);
    expect(parseRetryAfterMs('Thu, 01 Jan 1970 00:00:10 GMT', 4_000)).toBe(6_000);
    expect(parseRetryAfterMs('soon', 0)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, 0)).toBeUndefined();
  });
});
