import type { LedgerStats, PhaseWindow } from '../../common/contracts/index.ts';
import type { DependencySummary } from '../schema/dependency-schema.ts';
import { mergeLatency } from './latency-stats.ts';
import { judgingByPhase } from './phase-judging.ts';
import { replyGateLatency } from './reply-gate-population.ts';

/**
 * The reply-p99 the final gate would read from this ledger now (the live dashboard's figure),
 * null before a reply of that population. `redisProxy`: the run has the Redis proxy, so its
 * Redis fault phases count as fault phases (the report counts them once commands went through). Pure.
 *
 * @example
 * replyGateP99Ms(ledger, run.phases, { redisProxy: false }); // 158.2
 */
export function replyGateP99Ms(
  ledger: LedgerStats,
  phases: readonly PhaseWindow[],
  options: { redisProxy: boolean },
): number | null {
  const dependency: Pick<DependencySummary, 'phases'> | null = options.redisProxy ? { phases: [] } : null;
  const judging = judgingByPhase(phases, dependency);
  const merged = mergeLatency([replyGateLatency(ledger, phases, judging)]);
  return merged ? Number(merged.stats.p99Ms.toFixed(3)) : null;
}
