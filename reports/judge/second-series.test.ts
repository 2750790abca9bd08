import { describe, expect, it } from 'vitest';
import { buildHistogram } from '../../test/helpers/reports/test-builders.ts';
import { buildFaultTimeline, buildReplyTimeline, mergeCountSeconds, rebinSeconds } from './second-series.ts';

const START = Date.parse('2026-01-15T02:00:00.000Z');

describe('per-second series for the report', () => {
  it('places ledger bins on the run clock, rounding the few ms between the mock reset and the run start', () => {
    const ledger = {
      originMs: START - 40,
      binS: 1,
      bins: [
        [
          0,
          buildHistogram([
            [100, 9],
            [900, 1],
          ]),
        ],
        [3, buildHistogram([[2000, 4]])],
      ] as [number, ReturnType<typeof buildHistogram>][],
    };
    const timeline = buildReplyTimeline(ledger, START, { resolutionS: 1, seconds: 5 })!;
    expect(timeline.points.map((p) => [p.t, p.count])).toEqual([
      [0, 10],
      [1, 0],
      [2, 0],
      [3, 4],
      [4, 0],
    ]);
    expect(timeline.points[0]!.p50Ms).toBeCloseTo(100, -1);
    expect(timeline.points[0]!.p99Ms).toBeCloseTo(900, -1.5);
    expect(timeline.points[3]!.p99Ms).toBeCloseTo(2000, -2);
  });

  it('merges the histograms of grouped seconds exactly when the run timeline is downsampled', () => {
    const ledger = {
      originMs: START,
      binS: 1,
      bins: [
        [0, buildHistogram([[100, 99]])],
        [1, buildHistogram([[5000, 1]])],
      ] as [number, ReturnType<typeof buildHistogram>][],
    };
    const [point] = buildReplyTimeline(ledger, START, { resolutionS: 2, seconds: 2 })!.points;
    expect(point).toMatchObject({ t: 0, count: 100 });
    expect(point!.p99Ms).toBeCloseTo(100, -1);
    expect(buildReplyTimeline(undefined, START, { resolutionS: 1, seconds: 2 })).toBeUndefined();
  });

  it('counts faults per second by kind, Redis ones as "redis <kind>", and reads grouped seconds per second', () => {
    const graph = {
      originMs: START,
      binS: 1,
      bins: [
        [1, { 'rate-limit': 4 }],
        [2, { 'rate-limit': 2, 'server-error': 1 }],
      ] as [number, Record<string, number>][],
    };
    // The proxy's clock started 2 s before the run (k6 initialising VUs): its second 3 is the run's second 1.
    const redis = {
      originMs: START - 2000,
      binS: 1,
      bins: [
        [0, { outage: 9 }],
        [3, { outage: 5 }],
      ] as [number, Record<string, number>][],
    };
    const perSecond = buildFaultTimeline({ graph, redis }, START, { resolutionS: 1, seconds: 4 })!;
    expect(perSecond.kinds).toEqual(['rate-limit', 'redis outage', 'server-error']);
    expect(perSecond.points.map((p) => p.perS)).toEqual([
      { 'rate-limit': 0, 'redis outage': 0, 'server-error': 0 },
      { 'rate-limit': 4, 'redis outage': 5, 'server-error': 0 },
      { 'rate-limit': 2, 'redis outage': 0, 'server-error': 1 },
      { 'rate-limit': 0, 'redis outage': 0, 'server-error': 0 },
    ]);
    const grouped = buildFaultTimeline({ graph }, START, { resolutionS: 2, seconds: 4 })!;
    expect(grouped.points.map((p) => p.perS['rate-limit'])).toEqual([2, 1]);
    expect(buildFaultTimeline({}, START, { resolutionS: 1, seconds: 4 })).toBeUndefined();
  });

  it('keeps a series that outgrew its bound within the chart limit', () => {
    const graph = {
      originMs: START,
      binS: 4,
      bins: Array.from({ length: 1000 }, (_, i): [number, Record<string, number>] => [i, { timeout: 4 }]),
    };
    const timeline = buildFaultTimeline({ graph }, START, { resolutionS: 1, seconds: 10 })!;
    expect(timeline.resolutionS % 4).toBe(0);
    expect(timeline.points.length).toBeLessThanOrEqual(600);
    expect(timeline.points[10]!.perS.timeout).toBeCloseTo(1, 1);
  });

  it('merges replicas with different origins and widths into the widest bins', () => {
    const a = {
      originMs: START,
      binS: 1,
      bins: [
        [0, { reset: 1 }],
        [3, { reset: 1 }],
      ] as [number, Record<string, number>][],
    };
    const b = { originMs: START + 1000, binS: 2, bins: [[1, { reset: 5 }]] as [number, Record<string, number>][] };
    expect(mergeCountSeconds([a, b])).toEqual({
      originMs: START,
      binS: 2,
      bins: [
        [0, { reset: 1 }],
        [1, { reset: 6 }],
      ],
    });
    expect([...rebinSeconds([a], START + 3000, 1, (x: number | undefined, c) => (x ?? 0) + (c.reset ?? 0))]).toEqual([
      [0, 1],
    ]);
  });
});
