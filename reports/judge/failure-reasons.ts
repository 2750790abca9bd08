import { formatObserved, formatThreshold } from '../render/format.ts';
import { isFailing } from './gate-result.ts';
import type { Summary } from '../schema/summary-schema.ts';

/**
 * Why a run failed, one line per failing gate (overall first, then per chaos phase, then per
 * dependency-fault phase, then baseline regressions), for the first lines of every report. Empty for a passing run.
 *
 * @example failureReasons(summary) // ['lost: 198 (≤ 0). Why: 198 acknowledged but no side effect; …']
 */
export function failureReasons(s: Summary): string[] {
  const reasons = s.gates
    .filter(isFailing)
    .map((g) => `${g.id}: ${formatObserved(g)} (${formatThreshold(g)}). ${g.note}`.trim());
  for (const p of s.phaseGates)
    for (const g of p.gates.filter(isFailing))
      reasons.push(`phase ${p.phase}: ${g.id} ${formatObserved(g)} (${formatThreshold(g)}). ${g.note}`.trim());
  for (const p of s.dependency?.phases ?? [])
    for (const g of p.gates.filter(isFailing))
      reasons.push(
        `dependency phase ${p.phase}: ${g.id} ${formatObserved(g)} (${formatThreshold(g)}). ${g.note}`.trim(),
      );
  for (const m of s.baseline?.metrics ?? [])
    if (m.verdict === 'regressed') reasons.push(`baseline: ${m.title} regressed beyond tolerance.`);
  return reasons;
}
