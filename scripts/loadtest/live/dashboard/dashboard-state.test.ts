import { describe, expect, it } from 'vitest';
import { Histogram } from '../../../../common/core/index.ts';
import type { LedgerStats } from '../../../../common/contracts/index.ts';
import { encodeBytes } from '../../../../common/node/index.ts';
import { buildDashboardState } from './dashboard-state.ts';

const reply = new Histogram();
reply.recordMs(120, 99);
reply.recordMs(900, 1);
const ledger = {
  committedByType: { text: 7, read: 9, typing: 2 },
  faults: { 'wobble/error': 5, 'wobble/latency': 3 },
  latency: { reply: reply.toJSON() },
  runs: [{ replies: encodeBytes(new Uint8Array([1, 0, 2, 1, 0, 1, 1, 1])) }],
} as unknown as LedgerStats;
const progress = {
  elapsedS: 12,
  durationS: 60,
  targetRate: 20,
  achievedRate: 19.5,
  sent: 240,
  errors: 2,
  dropped: 1,
  p99Ms: 8,
};

describe('dashboard frame', () => {
  it('shows replies, webhook→reply p99, faults in the last second and messages still awaiting a reply', () => {
    const s = buildDashboardState({
      runId: 'r',
      scenario: 'demo',
      progress,
      phase: 'wobble',
      ledger,
      previousFaults: 5,
      messageShare: 0.05,
      phases: [],
      redisProxy: false,
    });
    expect(s).toMatchObject({ replies: 7, faultsPerS: 3, phase: 'wobble', ackP99Ms: 8, sent: 240, dropped: 1 });
    expect(s.replyP99Ms).toBeGreaterThan(100);
    expect(s.replyP99Ms).toBeLessThan(200);
    // 238 acked × 5 % = 12 messages, 6 with a reply
    expect(s.awaitingReply).toBe(6);
  });

  it('computes webhook→reply p99 on the final gate’s population: replies to messages sent in a fault phase are left out', () => {
    const quick = new Histogram();
    quick.recordMs(150, 100);
    const late = new Histogram();
    late.recordMs(150, 90);
    late.recordMs(1050, 10);
    const all = Histogram.merge([quick.toJSON(), late.toJSON()]);
    const chaos = {
      ...ledger,
      latency: { reply: all.toJSON(), replyByPhase: { healthy: quick.toJSON(), wobble: late.toJSON() } },
    } as unknown as LedgerStats;
    const wobble = { fault: true, latency: 'off', errorRate: 'slo', recoveryS: 30, sources: ['graph'] } as const;
    const s = buildDashboardState({
      runId: 'r',
      scenario: 'demo',
      ledger: chaos,
      messageShare: 1,
      phases: [
        { name: 'healthy', startS: 0, endS: 15 },
        { name: 'wobble', startS: 15, endS: Infinity, judge: { ...wobble, sources: ['graph'] } },
      ],
      redisProxy: false,
    });
    expect(s.phases).toEqual([
      { name: 'healthy', startS: 0, endS: 15, fault: false },
      { name: 'wobble', startS: 15, endS: null, fault: true },
    ]);
    expect(all.percentileMs(99)).toBeGreaterThan(1000);
    expect(s.replyP99Ms).toBeGreaterThan(140);
    expect(s.replyP99Ms).toBeLessThan(160);
  });

  it('shows zeros and no reply latency before the first ledger poll', () => {
    const s = buildDashboardState({ runId: 'r', scenario: 'demo', messageShare: 1, phases: [], redisProxy: false });
    expect(s).toMatchObject({ sent: 0, replyP99Ms: null, faultsPerS: 0, awaitingReply: 0, phase: null });
  });
});
