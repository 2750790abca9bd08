import { describe, expect, it } from 'vitest';
import { Histogram } from './histogram.ts';
import { createCountBins, createLatencyBins } from './second-bins.ts';

describe('per-second bins', () => {
  it('files values under their second since the origin and leaves out what came before it', () => {
    const bins = createCountBins(10_000);
    bins.at(10_999)!.a = 1;
    bins.at(12_000)!.b = 2;
    expect(bins.at(9_999)).toBeUndefined();
    expect(bins.at(Number.NaN)).toBeUndefined();
    expect(bins.serialize((c) => c)).toEqual({
      originMs: 10_000,
      binS: 1,
      bins: [
        [0, { a: 1 }],
        [2, { b: 2 }],
      ],
    });
  });

  it('doubles the bin width when a run outgrows the bound, merging neighbours', () => {
    const bins = createCountBins(0);
    for (let s = 0; s < 1200; s++) bins.at(s * 1000)!.x = 1;
    expect(bins.binS).toBe(1);
    bins.at(1200 * 1000)!.x = 1;
    expect(bins.binS).toBe(2);
    const entries = bins.entries();
    expect(entries).toHaveLength(601);
    expect(entries[0]).toEqual([0, { x: 2 }]);
    expect(entries.at(-1)).toEqual([600, { x: 1 }]);
  });

  it('keeps per-second latency in a sparse histogram that reads like the dense one', () => {
    const bins = createLatencyBins(0);
    const dense = new Histogram();
    for (const ms of [3, 40, 41, 250, 1800]) {
      bins.at(500)!.recordMs(ms);
      dense.recordMs(ms);
    }
    const [[, sparse]] = bins.serialize((h) => h.toJSON()).bins as [[number, ReturnType<Histogram['toJSON']>]];
    expect(sparse).toEqual(dense.toJSON());
  });
});
