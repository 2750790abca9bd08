import { describe, expect, it } from 'vitest';
import {
  GRAPH_ERROR_CODES,
  graphErrorClass,
  graphErrorCodesOf,
  isDoNotRetryCode,
  isRateLimitCode,
  isRetryableGraphCode,
} from './graph-error-codes.ts';

describe('the Graph error-code taxonomy', () => {
  it('classes Meta’s documented codes as DESIGN.md lists them', () => {
    expect(graphErrorCodesOf('throughput-limit')).toEqual([130429]);
    expect(graphErrorCodesOf('pair-rate')).toEqual([131056]);
    expect(graphErrorCodesOf('account-limit')).toEqual([4, 80007]);
    expect(graphErrorCodesOf('transient')).toEqual([1, 2, 131000, 131016]);
    expect(graphErrorCodesOf('do-not-retry')).toEqual([100, 190, 131008, 131009, 131026, 131047, 131051]);
    expect(Object.keys(GRAPH_ERROR_CODES)).toHaveLength(15);
  });

  it('retries rate limits and transient errors, never a do-not-retry code', () => {
    for (const code of [130429, 131056, 80007, 4]) {
      expect(isRateLimitCode(code), String(code)).toBe(true);
      expect(isRetryableGraphCode(code), String(code)).toBe(true);
    }
    for (const code of [1, 2, 131000, 131016]) {
      expect(isRateLimitCode(code), String(code)).toBe(false);
      expect(isRetryableGraphCode(code), String(code)).toBe(true);
    }
    for (const code of [100, 131008, 131009, 131026, 131047, 131051, 190]) {
      expect(isDoNotRetryCode(code), String(code)).toBe(true);
      expect(isRetryableGraphCode(code), String(code)).toBe(false);
    }
  });

  it('knows nothing of an undocumented code, so callers fall back to the HTTP status', () => {
    expect(graphErrorClass(2500)).toBeUndefined();
    expect(isRetryableGraphCode(2500)).toBe(false);
    expect(isDoNotRetryCode(2500)).toBe(false);
  });

  it('puts every code in exactly one class', () => {
    const all = graphErrorCodesOf('throughput-limit', 'pair-rate', 'account-limit', 'transient', 'do-not-retry');
    expect(all).toEqual(
      Object.keys(GRAPH_ERROR_CODES)
        .map(Number)
        .sort((a, b) => a - b),
    );
  });
});
