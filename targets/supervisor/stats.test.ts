import { describe, expect, it } from 'vitest';
import { summarizeHealth } from './health-stats.ts';
import { summarizeResources } from './resource-stats.ts';

const samples = (n: number, rss: (t: number) => number) =>
  Array.from({ length: n }, (_, t) => ({
    t,
    rssMb: rss(t) * 2,
    maxInstanceRssMb: rss(t),
    cpuPct: t % 2 ? 50 : 10,
    processes: 2,
  }));

describe('summarizeResources', () => {
  it('reports the largest instance peak, the total peak and the mean CPU', () => {
    const s = summarizeResources(
      samples(10, (t) => 100 + t),
      { warmupS: 0, minWindowS: 300 },
    );
    expect(s).toMatchObject({
      samples: 10,
      peakRssMb: 109,
      peakTotalRssMb: 218,
      meanCpuPct: 30,
      peakCpuPct: 50,
      growthMbPer10Min: null,
    });
  });

  it('measures growth per 10 min after the warm-up only, once the window is long enough', () => {
    // Flat 300 MB during a 60 s warm-up spike, then +1 MB per minute.
    const s = summarizeResources(
      samples(700, (t) => (t < 60 ? 300 : 100 + (t - 60) / 60)),
      { warmupS: 60, minWindowS: 300 },
    );
    expect(s.growthMbPer10Min).toBeCloseTo(10, 5);
    expect(s.growthWindowS).toBe(639);
    expect(
      summarizeResources(
        samples(200, (t) => t),
        { warmupS: 60, minWindowS: 300 },
      ).growthMbPer10Min,
    ).toBeNull();
  });
});

describe('summarizeHealth', () => {
  it('counts non-2xx, unanswered and slow probes as failures', () => {
    const probes = [
      { t: 1, instance: 0, status: 200, ms: 3 },
      { t: 2, instance: 0, status: 503, ms: 2 },
      { t: 3, instance: 0, status: null, ms: 6000, error: 'no answer within 6000 ms' },
      { t: 4, instance: 1, status: 200, ms: 5200 },
    ];
    const h = summarizeHealth(probes, 5000);
    expect(h).toMatchObject({ probes: 4, ok: 1, failures: 3, availabilityPct: 25, maxMs: 6000 });
    expect(h.firstFailures.map((p) => p.t)).toEqual([2, 3, 4]);
    expect(summarizeHealth([], 5000).availabilityPct).toBeNull();
  });
});
