import { describe, expect, it } from 'vitest';
import { expectedPeakLateHolds, lateCopyDelaysMs, type LateCopySettings } from './late-copies.ts';
import type { LoadProfile } from '../../common/contracts/index.ts';
import { arrivalsBy, totalDurationS } from './load-profile.ts';

const LATE: LateCopySettings = { fraction: 0.1, copies: 2, minDelayS: 2, horizon: 'run' };

describe('late copies', () => {
  it('picks the seeded fraction of deliveries and gives each `copies` delays, the same for the same seed', () => {
    const plans = Array.from({ length: 20_000 }, (_, seq) => lateCopyDelaysMs(LATE, 7, seq, 0, 60_000));
    const chosen = plans.filter((d) => d.length > 0);
    expect(Math.abs(chosen.length / plans.length - 0.1)).toBeLessThan(0.01);
    expect(chosen.every((d) => d.length === 2 && (d[0] as number) <= (d[1] as number))).toBe(true);
    expect(Array.from({ length: 200 }, (_, seq) => lateCopyDelaysMs(LATE, 7, seq, 0, 60_000))).toEqual(
      plans.slice(0, 200),
    );
    expect(Array.from({ length: 200 }, (_, seq) => lateCopyDelaysMs(LATE, 8, seq, 0, 60_000))).not.toEqual(
      plans.slice(0, 200),
    );
  });

  it('spreads copies from minDelayS to the end of the run, more of them soon than late (Meta: decreasing frequency)', () => {
    const delays = Array.from({ length: 20_000 }, (_, seq) =>
      lateCopyDelaysMs({ ...LATE, fraction: 1 }, 3, seq, 0, 60_000),
    ).flat();
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...delays)).toBeLessThan(60_000);
    expect(Math.max(...delays)).toBeGreaterThan(55_000);
    const under10s = delays.filter((d) => d < 10_000).length / delays.length;
    // Log-uniform on [2 s, 60 s]: P(< 10 s) = ln 5 / ln 30 ≈ 0.47, four times the uniform 0.14.
    expect(under10s).toBeGreaterThan(0.42);
    expect(under10s).toBeLessThan(0.52);
  });

  it('never schedules a copy after the end of the load, and none when too little run is left', () => {
    for (let seq = 0; seq < 2000; seq++) {
      const sentRelMs = (seq * 29) % 60_000;
      for (const d of lateCopyDelaysMs({ ...LATE, fraction: 1 }, 1, seq, sentRelMs, 60_000))
        expect(sentRelMs + d).toBeLessThanOrEqual(60_000);
    }
    expect(lateCopyDelaysMs({ ...LATE, fraction: 1 }, 1, 5, 58_500, 60_000)).toEqual([]);
  });

  it('caps delays at a horizon in seconds and sends nothing at fraction 0', () => {
    const delays = Array.from({ length: 2000 }, (_, seq) =>
      lateCopyDelaysMs({ ...LATE, fraction: 1, horizon: 20 }, 1, seq, 0, 600_000),
    ).flat();
    expect(Math.max(...delays)).toBeLessThanOrEqual(20_000);
    expect(
      Array.from({ length: 2000 }, (_, seq) => lateCopyDelaysMs({ ...LATE, fraction: 0 }, 1, seq, 0, 60_000)).flat(),
    ).toEqual([]);
  });
});

/** The most deliveries of a seeded plan waiting for a late copy at once, each sent at its scheduled time. */
function seededPeak(late: typeof LATE, load: LoadProfile, seed: number): number {
  const endMs = totalDurationS(load) * 1000;
  const edges: [number, number][] = [];
  // The n-th arrival is sent when arrivalsBy reaches n (bisection on the open-model schedule).
  for (let seq = 0; seq < Math.floor(arrivalsBy(load, totalDurationS(load))); seq++) {
    let lo = 0;
    let hi = endMs;
    while (hi - lo > 1) {
      const mid = (lo + hi) / 2;
      if (arrivalsBy(load, mid / 1000) > seq) hi = mid;
      else lo = mid;
    }
    const delays = lateCopyDelaysMs(late, seed, seq, lo, endMs);
    if (delays.length) edges.push([lo, 1], [lo + (delays.at(-1) as number), -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let waiting = 0;
  let peak = 0;
  for (const [, step] of edges) peak = Math.max(peak, (waiting += step));
  return peak;
}

describe('deliveries waiting for a late copy (what k6 holds VUs for)', () => {
  const cases: [string, typeof LATE, LoadProfile][] = [
    ['demo', { ...LATE, fraction: 0.05 }, { profile: 'constant', rate: 20, durationS: 60 }],
    ['dedupe-storm', { ...LATE, fraction: 0.05 }, { profile: 'constant', rate: 50, durationS: 60 }],
    [
      'a 30 s horizon in a 5 min run',
      { ...LATE, fraction: 0.1, horizon: 30 },
      { profile: 'constant', rate: 40, durationS: 300 },
    ],
    [
      'a ramp',
      { ...LATE, fraction: 0.2, copies: 3 },
      {
        profile: 'ramping',
        startRate: 0,
        stages: [
          { durationS: 20, targetRate: 60 },
          { durationS: 20, targetRate: 60 },
        ],
      },
    ],
  ];
  it.each(cases)('expects the peak of the seeded plan: %s', (_name, late, load) => {
    const expected = expectedPeakLateHolds(late, load);
    const peaks = [1, 0x5eed, 0x7fff1234].map((seed) => seededPeak(late, load, seed));
    // The peak of a sum of independent draws: at or above its mean, within a few standard deviations.
    for (const peak of peaks) {
      expect(peak, `expected ${expected.toFixed(1)}, seeded peaks ${peaks.join(', ')}`).toBeGreaterThan(
        expected - 2 * Math.sqrt(expected),
      );
      expect(peak, `expected ${expected.toFixed(1)}, seeded peaks ${peaks.join(', ')}`).toBeLessThan(
        expected + 4 * Math.sqrt(expected) + 4,
      );
    }
  });

  it('is 0 when late copies are off or no copy fits in the run', () => {
    expect(expectedPeakLateHolds({ ...LATE, fraction: 0 }, { profile: 'constant', rate: 100, durationS: 60 })).toBe(0);
    expect(expectedPeakLateHolds({ ...LATE, minDelayS: 10 }, { profile: 'constant', rate: 100, durationS: 8 })).toBe(0);
  });

  it('grows with rate × fraction × how long the last copy waits', () => {
    const demo = expectedPeakLateHolds({ ...LATE, fraction: 0.05 }, { profile: 'constant', rate: 20, durationS: 60 });
    expect(demo).toBeGreaterThan(15);
    expect(demo).toBeLessThan(25);
    expect(
      expectedPeakLateHolds({ ...LATE, fraction: 0.1 }, { profile: 'constant', rate: 20, durationS: 60 }),
    ).toBeCloseTo(2 * demo, 6);
    expect(
      expectedPeakLateHolds({ ...LATE, fraction: 0.05, copies: 4 }, { profile: 'constant', rate: 20, durationS: 60 }),
    ).toBeGreaterThan(demo * 1.2);
    // With a horizon far below the run, Little's law: rate × fraction × the mean last delay.
    const h = expectedPeakLateHolds(
      { fraction: 0.5, copies: 1, minDelayS: 1, horizon: 11 },
      { profile: 'constant', rate: 10, durationS: 600 },
    );
    expect(h).toBeCloseTo(5 * (10 / Math.log(11)), 0);
  });
});
