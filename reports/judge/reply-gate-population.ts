import type { HistogramData, LedgerStats, PhaseJudge, PhaseWindow } from '../../common/contracts/index.ts';
import { mergeHistograms } from './merge-ledger-stats.ts';
import { classifyPhases } from './phase-kinds.ts';
import { feedsWholeRun, type PhaseKind } from './verdict-model.ts';

/**
 * The phases whose replies the whole-run reply-p99 gate leaves to their own phase gates (a fault
 * phase: replies are late by design), by the verdict model.
 */
export function replyPhasesApart(
  phases: readonly PhaseWindow[],
  judging: ReadonlyMap<string, PhaseJudge>,
  kinds: ReadonlyMap<string, PhaseKind> = classifyPhases(phases, judging),
): string[] {
  return phases
    .filter((w) => !feedsWholeRun('reply-p99', kinds.get(w.name) ?? 'healthy', judging.get(w.name)))
    .map((w) => w.name);
}

/**
 * The first replies (webhook send → first committed reply, from the mock's ledger) the whole-run
 * reply-p99 gate reads: every reply while no phase is set apart; otherwise the replies to
 * messages sent in the other phases, without those sent while recovering (filed as settling). Pure.
 */
export function replyGateLatency(
  ledger: LedgerStats,
  phases: readonly PhaseWindow[],
  judging: ReadonlyMap<string, PhaseJudge>,
  kinds: ReadonlyMap<string, PhaseKind> = classifyPhases(phases, judging),
): HistogramData {
  const apart = replyPhasesApart(phases, judging, kinds);
  if (!apart.length) return ledger.latency.reply;
  const kept = phases.map((w) => w.name).filter((name) => !apart.includes(name));
  const parts = kept.flatMap((name) => ledger.latency.replyByPhase[name] ?? []);
  return parts.length ? mergeHistograms(parts) : ledger.latency.reply;
}
