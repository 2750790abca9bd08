import type { Summary } from '../../../../reports/index.ts';
import type { DashboardState } from './dashboard-state.ts';

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/**
 * The last frame: the tiles' live estimates replaced by the final summary's figures (the gates'
 * observed values where a gate reads them, so "lost" is the lost gate's count, not the messages
 * still awaiting a reply when the load stopped), with the verdict. Pure.
 *
 * @example
 * dashboard.finish(finalFrame(lastFrame, summary), reportHtml);
 */
export function finalFrame(live: DashboardState, summary: Summary): DashboardState {
  const observed = (id: string) => summary.gates.find((g) => g.id === id)?.observed ?? null;
  const ledger = summary.ledger;
  const read = (type: string) => ledger?.committedByType[type] ?? 0;
  return {
    ...live,
    elapsedS: summary.durationS,
    targetRate: summary.load.targetRate,
    achievedRate: summary.load.achievedRate,
    sent: summary.counters.sent,
    errors: summary.errors.errors,
    dropped: summary.errors.dropped,
    ackP99Ms: observed('ack-p99') ?? summary.latency.ack?.p99Ms ?? live.ackP99Ms,
    replyP99Ms: observed('reply-p99'),
    replies: ledger ? sum(ledger.committedByType) - read('read') - read('typing') : live.replies,
    faultsTotal: ledger ? sum(ledger.faults) : live.faultsTotal,
    faultsPerS: 0,
    awaitingReply: observed('lost') ?? summary.reconciliation?.lost ?? live.awaitingReply,
    phase: null,
    final: { verdict: summary.verdict, exitCode: summary.exitCode },
  };
}
