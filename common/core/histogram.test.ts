import { describe, expect, it } from 'vitest';
import { Histogram, bucketIndex, bucketUpperUs } from './histogram.ts';

describe('log-linear histogram', () => {
  it('keeps percentiles within 1.6 % of the exact value', () => {
    const h = new Histogram();
    const values: number[] = [];
    for (let i = 1; i <= 10_000; i++) {
      const v = i * 137;
      values.push(v);
      h.recordUs(v);
    }
    for (const p of [50, 90, 99, 99.9]) {
      const exact = values[Math.ceil((p / 100) * values.length) - 1] as number;
      expect(Math.abs(h.percentileUs(p) - exact) / exact).toBeLessThan(0.016);
    }
  });

  it('maps every value into a bucket whose upper bound is not below it', () => {
    for (const v of [0, 1, 127, 128, 129, 1000, 65_535, 1e6, 3.6e9]) {
      expect(bucketUpperUs(bucketIndex(v))).toBeGreaterThanOrEqual(v);
    }
  });

  it('merges serialised parts into the same distribution as one histogram', () => {
    const a = new Histogram();
    const b = new Histogram();
    const all = new Histogram();
    for (let i = 0; i < 1000; i++) {
      (i % 2 ? a : b).recordMs(i);
      all.recordMs(i);
    }
    const merged = Histogram.merge([a.toJSON(), b.toJSON()]);
    expect(merged.toJSON()).toEqual(all.toJSON());
    expect(merged.percentileMs(99)).toBe(all.percentileMs(99));
  });

  it('reports the share of values above a threshold', () => {
    const h = new Histogram();
    for (let i = 0; i < 100; i++) h.recordMs(i < 3 ? 2000 : 10);
    expect(h.fractionAboveUs(1_000_000)).toBeCloseTo(0.03, 5);
  });
});
