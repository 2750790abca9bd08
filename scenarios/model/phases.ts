import type { PhaseWindow } from '../../common/contracts/run-record.ts';

/** Name of the chaos phase covering `tS` seconds from the run start, or undefined between phases. */
export function phaseAt(phases: readonly PhaseWindow[], tS: number): string | undefined {
  for (const phase of phases) if (tS >= phase.startS && tS < phase.endS) return phase.name;
  return undefined;
}
