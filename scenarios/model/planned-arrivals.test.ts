import { describe, expect, it } from 'vitest';
import type { LoadProfile } from '../../common/contracts/index.ts';
import { plannedArrivals } from './planned-arrivals.ts';

const ramp: LoadProfile = {
  profile: 'ramping',
  startRate: 0,
  stages: [
    { durationS: 10, targetRate: 100 },
    { durationS: 10, targetRate: 100 },
  ],
};

describe('plannedArrivals: first deliveries the arrival schedule holds for the time the run ran', () => {
  it('holds rate × duration for a completed constant run', () => {
    expect(plannedArrivals({ profile: 'constant', rate: 20, durationS: 60 }, 'completed', 61_500)).toBe(1200);
  });

  it('holds the integral of the rate for a completed ramp, rounded up as the arrival clock issues it', () => {
    // 0 → 100/s over 10 s (500) then 100/s for 10 s (1000).
    expect(plannedArrivals(ramp, 'completed', 20_000)).toBe(1500);
    expect(plannedArrivals({ profile: 'constant', rate: 3, durationS: 2.5 }, 'completed', 2500)).toBe(8);
  });

  it('holds only the arrivals due by the stop when aborted mid-run (the first one is due at 0 s)', () => {
    expect(plannedArrivals({ profile: 'constant', rate: 20, durationS: 60 }, 'aborted', 10_000)).toBe(201);
    expect(plannedArrivals({ profile: 'constant', rate: 20, durationS: 60 }, 'aborted', 10_020)).toBe(201);
    expect(plannedArrivals({ profile: 'constant', rate: 20, durationS: 60 }, 'aborted', 0)).toBe(1);
    // Halfway up the first ramp stage the rate is 50/s: 125 arrivals due after 0 s, plus the one at 0 s.
    expect(plannedArrivals(ramp, 'aborted', 5000)).toBe(126);
  });

  it('never holds more than the whole plan, even when the stop comes after the schedule', () => {
    expect(plannedArrivals({ profile: 'constant', rate: 20, durationS: 60 }, 'aborted', 90_000)).toBe(1200);
  });
});
