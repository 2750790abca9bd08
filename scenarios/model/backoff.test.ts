import { describe, expect, it } from 'vitest';
import { redeliveryDelayMs, redeliveryTailMs } from './backoff.ts';

const settings = { enabled: true, maxAttempts: 4, initialBackoffMs: 500, backoffFactor: 2, maxBackoffMs: 1500 };

describe('redelivery backoff', () => {
  it('grows by the factor, caps at the maximum and stops after maxAttempts', () => {
    expect([1, 2, 3, 4].map((a) => redeliveryDelayMs(settings, a))).toEqual([500, 1000, 1500, undefined]);
    expect(redeliveryDelayMs({ ...settings, enabled: false }, 1)).toBeUndefined();
  });

  it('bounds the tail of a run by every timeout and backoff', () => {
    expect(redeliveryTailMs(settings, 100)).toBe(100 * 4 + 500 + 1000 + 1500);
  });
});
