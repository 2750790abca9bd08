import { describe, expect, it } from 'vitest';
import { measureLoad } from './load-level.ts';
import { buildCounters, buildTimeline } from '../../test/helpers/reports/test-builders.ts';

describe('load line', () => {
  it('averages the target over the scheduled seconds, not the redelivery tail', () => {
    const timeline = [
      ...buildTimeline(20, 5),
      ...buildTimeline(8, 0).map((p, i) => ({ ...p, t: 20 + i, targetRate: 0, sent: 1 })),
    ];
    const load = measureLoad(timeline, buildCounters({ sent: 108 }), 28);
    expect(load.targetRate).toBe(5);
    expect(load.peakTargetRate).toBe(5);
  });
});
