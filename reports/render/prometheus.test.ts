import { describe, expect, it } from 'vitest';
import { countPromBuckets, parsePromHistogram, quantileFromPromBuckets, subtractPromBuckets } from './prometheus.ts';

const scrape = (counts: [string, number][], extra = ''): string =>
  [
    '# HELP dedupe_seconds Time spent deduplicating.',
    '# TYPE dedupe_seconds histogram',
    ...counts.map(([le, n]) => `dedupe_seconds_bucket{route="/webhook",le="${le}"} ${n}`),
    ...counts.map(([le, n]) => `dedupe_seconds_bucket{route="/other",le="${le}"} ${n}`),
    `dedupe_seconds_sum 1.5`,
    `dedupe_seconds_count ${2 * (counts[counts.length - 1]?.[1] ?? 0)}`,
    'dedupe_seconds_total_bucket{le="+Inf"} 999',
    extra,
  ].join('\n');

describe('Prometheus histograms', () => {
  it('sums bucket counts over label sets other than le', () => {
    const b = parsePromHistogram(
      scrape([
        ['0.01', 5],
        ['0.1', 8],
        ['+Inf', 10],
      ]),
      'dedupe_seconds',
    );
    expect(b && [...b.entries()]).toEqual([
      [0.01, 10],
      [0.1, 16],
      [Infinity, 20],
    ]);
  });

  it('accepts the metric name with its _bucket suffix', () => {
    expect(parsePromHistogram(scrape([['+Inf', 3]]), 'dedupe_seconds_bucket')?.get(Infinity)).toBe(6);
  });

  it('returns undefined when the histogram is absent', () => {
    expect(parsePromHistogram(scrape([['+Inf', 3]]), 'nope_seconds')).toBeUndefined();
  });

  it('takes the p99 of the observations made between two scrapes', () => {
    const before = parsePromHistogram(
      scrape([
        ['0.005', 100],
        ['0.05', 100],
        ['0.5', 100],
        ['+Inf', 100],
      ]),
      'dedupe_seconds',
    );
    const after = parsePromHistogram(
      scrape([
        ['0.005', 100],
        ['0.05', 100],
        ['0.5', 200],
        ['+Inf', 200],
      ]),
      'dedupe_seconds',
    )!;
    const delta = subtractPromBuckets(after, before);
    expect(countPromBuckets(delta)).toBe(200);
    // Every new observation lies in (0.05, 0.5]: p99 interpolates to 0.05 + 0.99 × 0.45.
    expect(quantileFromPromBuckets(delta, 0.99)).toBeCloseTo(0.4955, 6);
  });

  it('answers the highest finite bound when the rank falls in the +Inf bucket', () => {
    const b = new Map([
      [0.1, 1],
      [1, 2],
      [Infinity, 100],
    ]);
    expect(quantileFromPromBuckets(b, 0.99)).toBe(1);
  });

  it('has no quantile for an empty histogram', () => {
    expect(quantileFromPromBuckets(new Map([[Infinity, 0]]), 0.99)).toBeUndefined();
  });
});
