import { describe, expect, it } from 'vitest';
import { Timeline } from './timeline.ts';

describe('per-second timeline', () => {
  it('files outcomes under the intended second and summarises latency percentiles', () => {
    const t = new Timeline(3, () => 10);
    for (let i = 0; i < 10; i++) {
      t.countSent(0);
      t.countOutcome(0, 'ok', (i + 1) * 1000);
    }
    t.countSent(2);
    t.countOutcome(2, 'serverErrors', 5000);
    t.countDropped(2);
    const points = t.finish(3);
    expect(points.map((p) => p.t)).toEqual([0, 1, 2]);
    expect(points[0]).toMatchObject({ sent: 10, ok: 10, targetRate: 10, maxMs: 10 });
    expect(points[0]!.p50Ms).toBeCloseTo(5, 0);
    expect(points[1]).toMatchObject({ sent: 0, p99Ms: 0 });
    expect(points[2]).toMatchObject({ sent: 1, serverErrors: 1, dropped: 1 });
  });

  it('keeps memory bounded by closing seconds that fall out of the open window', () => {
    const t = new Timeline(2, () => 1);
    for (let s = 0; s < 100; s++) t.countSent(s);
    const points = t.finish(100);
    expect(points).toHaveLength(100);
    expect(points.every((p) => p.sent === 1)).toBe(true);
  });

  it('ignores outcomes for a second already closed instead of corrupting a later one', () => {
    const t = new Timeline(2, () => 1);
    t.countSent(0);
    t.closeThrough(0);
    t.countOutcome(0, 'ok', 1000);
    t.countSent(3);
    expect(t.finish(4)[3]).toMatchObject({ sent: 1, ok: 0 });
  });
});
