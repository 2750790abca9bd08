import type { Summary } from '../schema/summary-schema.ts';

/**
 * One sentence under the per-phase table naming the fault phases and what was judged there
 * (docs/verdicts.md); undefined when no phase was judged as a fault phase.
 *
 * @example faultPhasesNote(summary) // 'Fault phases storm (recovery time 30 s): judged by …'
 */
export function faultPhasesNote(s: Pick<Summary, 'phaseGates'>): string | undefined {
  const faults = s.phaseGates.filter((p) => p.judge?.fault);
  if (!faults.length) return undefined;
  // "recovery time" (not "recovery"): a profile's next phase is often itself named "recovery".
  const list = faults
    .map(
      (p) =>
        `${p.phase} (${p.judge?.latency === 'slo' ? 'latency judged, ' : ''}recovery time ${p.judge?.recoveryS ?? 0} s)`,
    )
    .join(', ');
  return `Fault phases ${list}: judged by what a correct connector can promise there (nothing lost, nothing answered twice, no retry of a do-not-retry error, acks within their threshold, replies back under the SLO for messages sent once the recovery time after the last fault phase has passed), not by the reply latency SLO inside the fault; see docs/verdicts.md, and set phases[].judge in the chaos profile to change it.`;
}
