import { describe, expect, it } from 'vitest';
import { ArrivalClock } from './arrival-clock.ts';

function collect(clock: ArrivalClock, polls: number[]): number[] {
  const times: number[] = [];
  for (const t of polls) clock.advance(t, (_n, intended) => times.push(intended));
  return times;
}

describe('arrival clock', () => {
  it('spaces constant-rate arrivals exactly, however late the polls come', () => {
    const times = collect(new ArrivalClock({ profile: 'constant', rate: 10, durationS: 1 }), [0, 350, 351, 1000, 2000]);
    expect(times).toHaveLength(10);
    times.forEach((t, n) => expect(t).toBeCloseTo(n * 100, 6));
  });

  it('never issues more than the profile holds and reports done', () => {
    const clock = new ArrivalClock({ profile: 'constant', rate: 3, durationS: 2 });
    expect(collect(clock, [0, 5000, 9000])).toHaveLength(6);
    expect(clock.done).toBe(true);
  });

  it('follows a ramp: arrivals get denser as the rate grows', () => {
    const times = collect(
      new ArrivalClock({ profile: 'ramping', startRate: 0, stages: [{ durationS: 10, targetRate: 20 }] }),
      Array.from({ length: 1001 }, (_, i) => i * 10),
    );
    expect(times).toHaveLength(100);
    expect(times[1]! - times[0]!).toBeGreaterThan(times[99]! - times[98]!);
  });
});
