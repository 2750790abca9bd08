import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerState } from './circuit-breaker.ts';

function createBreaker() {
  let now = 1_000;
  const changes: BreakerState[] = [];
  const breaker = new CircuitBreaker({
    failureThreshold: 3,
    openMs: 500,
    now: () => now,
    onChange: (s) => changes.push(s),
  });
  return { breaker, changes, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('stays closed below the failure threshold and resets on success', () => {
    const { breaker } = createBreaker();
    breaker.recordFailure('pass');
    breaker.recordFailure('pass');
    breaker.recordSuccess('pass');
    breaker.recordFailure('pass');
    breaker.recordFailure('pass');
    expect(breaker.state).toBe('closed');
    expect(breaker.admit()).toBe('pass');
  });

  it('opens after consecutive failures and makes callers wait', () => {
    const { breaker } = createBreaker();
    for (let i = 0; i < 3; i++) breaker.recordFailure('pass');
    expect(breaker.state).toBe('open');
    expect(breaker.admit()).toBe('wait');
  });

  it('half-opens after the open period with exactly one probe, and closes when it succeeds', () => {
    const { breaker, changes, advance } = createBreaker();
    for (let i = 0; i < 3; i++) breaker.recordFailure('pass');
    advance(500);
    expect(breaker.admit()).toBe('probe');
    expect(breaker.state).toBe('half-open');
    expect(breaker.admit()).toBe('wait');
    breaker.recordSuccess('probe');
    expect(breaker.state).toBe('closed');
    expect(breaker.admit()).toBe('pass');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('reopens for another period when the probe fails', () => {
    const { breaker, advance } = createBreaker();
    for (let i = 0; i < 3; i++) breaker.recordFailure('pass');
    advance(500);
    expect(breaker.admit()).toBe('probe');
    breaker.recordFailure('probe');
    expect(breaker.state).toBe('open');
    advance(499);
    expect(breaker.admit()).toBe('wait');
    advance(1);
    expect(breaker.admit()).toBe('probe');
  });

  it('wakes waiters when the state changes', async () => {
    const { breaker } = createBreaker();
    for (let i = 0; i < 3; i++) breaker.recordFailure('pass');
    const woken = breaker.waitForChange(10_000).then(() => breaker.state);
    breaker.recordSuccess('pass');
    await expect(woken).resolves.toBe('closed');
  });
});
