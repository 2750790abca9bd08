import { describe, expect, it } from 'vitest';
import { buildRichSummary } from '../../../../test/helpers/reports/render-support.ts';
import { emptyHistory } from './dashboard-history.ts';
import { finalFrame } from './dashboard-final.ts';
import type { DashboardState } from './dashboard-state.ts';

const live: DashboardState = {
  runId: 'r',
  scenario: 'demo',
  elapsedS: 60.2,
  durationS: 60,
  targetRate: 20,
  achievedRate: 19.4,
  sent: 1190,
  errors: 3,
  dropped: 0,
  ackP99Ms: 9,
  replyP99Ms: 1050,
  replies: 300,
  faultsPerS: 2,
  faultsTotal: 40,
  awaitingReply: 18,
  phase: 'recovery',
  phases: [],
  history: emptyHistory(),
};

describe('dashboard final frame', () => {
  it('replaces every live estimate with the final summary’s figure, lost and p99s from the gates', () => {
    const summary = buildRichSummary();
    const gate = (id: string) => summary.gates.find((g) => g.id === id)?.observed;
    const f = finalFrame(live, summary);
    expect(f.final).toEqual({ verdict: summary.verdict, exitCode: summary.exitCode });
    expect(f).toMatchObject({
      achievedRate: summary.load.achievedRate,
      sent: summary.counters.sent,
      errors: summary.errors.errors,
      dropped: summary.errors.dropped,
      ackP99Ms: gate('ack-p99'),
      replyP99Ms: gate('reply-p99'),
      awaitingReply: gate('lost'),
      faultsPerS: 0,
      phase: null,
    });
    expect(f.awaitingReply).not.toBe(18);
  });

  it('reads lost from the reconciliation when the lost gate has no figure', () => {
    const summary = buildRichSummary();
    const noLostGate = { ...summary, gates: summary.gates.filter((g) => g.id !== 'lost') };
    expect(finalFrame(live, noLostGate).awaitingReply).toBe(summary.reconciliation?.lost);
  });
});
