import { describe, expect, it } from 'vitest';
import { lateCopyDelaysMs } from './late-copies.ts';

const LATE = { fraction: 0.1, copies: 2, minDelayS: 2, horizon: 'run' as const };

describe('late copies', () => {
  it('picks the seeded fraction of deliveries and gives each `copies` delays, the same for the same seed', () => {
    const plans = Array.from({ length: 20_000 }, (_, seq) => lateCopyDelaysMs(LATE, 7, seq, 0, 60_000));
    const chosen = plans.filter((d) => d.length > 0);
    expect(Math.abs(chosen.length / plans.length - 0.1)).toBeLessThan(0.01);
    expect(chosen.every((d) => d.length === 2 && (d[0] as number) <= (d[1] as number))).toBe(true);
    expect(Array.from({ length: 200 }, (_, seq) => lateCopyDelaysMs(LATE, 7, seq, 0, 60_000))).toEqual(plans.slice(0, 200));
    expect(Array.from({ length: 200 }, (_, seq) => lateCopyDelaysMs(LATE, 8, seq, 0, 60_000))).not.toEqual(plans.slice(0, 200));
  });

  it('spreads copies from minDelayS to the end of the run, more of them soon than late (Meta: decreasing frequency)', () => {
    const delays = Array.from({ length: 20_000 }, (_, seq) => lateCopyDelaysMs({ ...LATE, fraction: 1 }, 3, seq, 0, 60_000)).flat();
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
      for (const d of lateCopyDelaysMs({ ...LATE, fraction: 1 }, 1, seq, sentRelMs, 60_000)) expect(sentRelMs + d).toBeLessThanOrEqual(60_000);
    }
    expect(lateCopyDelaysMs({ ...LATE, fraction: 1 }, 1, 5, 58_500, 60_000)).toEqual([]);
  });

  it('caps delays at a horizon in seconds and sends nothing at fraction 0', () => {
    const delays = Array.from({ length: 2000 }, (_, seq) => lateCopyDelaysMs({ ...LATE, fraction: 1, horizon: 20 }, 1, seq, 0, 600_000)).flat();
    expect(Math.max(...delays)).toBeLessThanOrEqual(20_000);
    expect(Array.from({ length: 2000 }, (_, seq) => lateCopyDelaysMs({ ...LATE, fraction: 0 }, 1, seq, 0, 60_000)).flat()).toEqual([]);
  });
});
