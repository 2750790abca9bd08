import { describe, expect, it } from 'vitest';
import { downsampleTimeline } from './downsample-timeline.ts';
import { buildTimeline } from '../../test/helpers/reports/test-builders.ts';

describe('downsampleTimeline', () => {
  it('keeps a short timeline as it is', () => {
    const points = buildTimeline(120, 10);
    expect(downsampleTimeline(points)).toEqual({ resolutionS: 1, points });
  });

  it('shrinks an hour to at most 600 points that still read per second', () => {
    const { resolutionS, points } = downsampleTimeline(buildTimeline(3600, 1000));
    expect(resolutionS).toBe(6);
    expect(points).toHaveLength(600);
    expect(points[0]).toMatchObject({ t: 0, targetRate: 1000, sent: 1000 });
    expect(points[599]?.t).toBe(3594);
  });

  it('keeps a one-second latency spike visible', () => {
    const timeline = buildTimeline(1200, 10);
    timeline[601] = { ...timeline[601]!, p99Ms: 9000 };
    expect(Math.max(...downsampleTimeline(timeline).points.map((p) => p.p99Ms))).toBe(9000);
  });
});
