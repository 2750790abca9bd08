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

describe('achieved rate', () => {
  it('counts first deliveries only: a 5/s run with copies and redeliveries reads 5/s achieved, the rest apart (issue: "achieved 20.1 msg/s")', () => {
    const counters = buildCounters({ sent: 201, deliveries: 50, duplicatesSent: 40, redeliveries: 111, forgedSent: 2 });
    const load = measureLoad(buildTimeline(10, 5), counters, 10);
    expect(load).toMatchObject({ achievedRate: 5, copiesRate: 4, redeliveriesRate: 11.1, forgedRate: 0.2 });
  });

  it('counts the deliveries started on both engines: a record with a plan never subtracts its drops again', () => {
    const node = buildCounters({ deliveries: 40, dropped: 10, planned: 50, unstarted: 0 });
    const k6 = buildCounters({ deliveries: 40, dropped: 0, planned: 50, unstarted: 10 });
    expect(measureLoad(buildTimeline(10, 5), node, 10).achievedRate).toBe(4);
    expect(measureLoad(buildTimeline(10, 5), k6, 10).achievedRate).toBe(4);
  });

  it('reads a Node record written before the plan as it was then: its deliveries held the dropped ones', () => {
    const old = buildCounters({ deliveries: 50, dropped: 10 });
    expect(measureLoad(buildTimeline(10, 5), old, 10).achievedRate).toBe(4);
  });
});
