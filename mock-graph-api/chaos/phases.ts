import { PHASE_RECOVERY_S, type PhaseJudge, type PhaseWindow } from '../../common/contracts/index.ts';
import type { ChaosProfile, Phase } from './profile-schema.ts';

export type { PhaseWindow };

/** A phase's judging with the defaults its faults imply, and the profile's `judge` on top. Pure. */
export function resolvePhaseJudge(phase: Pick<Phase, 'faults' | 'redis' | 'judge'>): PhaseJudge {
  const graph = phase.faults.length > 0;
  const redisFaults = (phase.redis?.faults ?? []).some((f) => f.kind !== 'latency');
  const fault = graph || redisFaults;
  return {
    fault,
    latency: phase.judge?.latency ?? (fault ? 'off' : 'slo'),
    errorRate: phase.judge?.errorRate ?? (redisFaults ? 'off' : 'slo'),
    recoveryS: phase.judge?.recoveryS ?? (graph ? PHASE_RECOVERY_S.graph : redisFaults ? PHASE_RECOVERY_S.redis : 0),
    sources: [...(graph ? ['graph' as const] : []), ...(redisFaults ? ['redis' as const] : [])],
  };
}

/**
 * The profile's phases as time windows from the chaos clock's start. The last phase lasts
 * until `totalS` (or forever); phases starting at or after `totalS` are left out.
 */
export function profilePhases(profile: ChaosProfile, totalS?: number): PhaseWindow[] {
  const windows: PhaseWindow[] = [];
  let startS = 0;
  profile.phases.forEach((phase, i) => {
    if (totalS !== undefined && startS >= totalS && i > 0) return;
    const isLast = i === profile.phases.length - 1;
    let endS = isLast ? (totalS ?? Infinity) : startS + (phase.durationS ?? 0);
    if (totalS !== undefined) endS = Math.min(endS, totalS);
    const judge = resolvePhaseJudge(phase);
    windows.push({ name: phase.name, startS, endS, ...(judge.fault || phase.judge ? { judge } : {}) });
    startS += phase.durationS ?? 0;
  });
  return windows;
}

/** Index of the phase active `elapsedMs` after the chaos clock started. */
export function findPhaseIndex(endsMs: readonly number[], elapsedMs: number): number {
  for (let i = 0; i < endsMs.length - 1; i++) if (elapsedMs < (endsMs[i] ?? 0)) return i;
  return endsMs.length - 1;
}

/** Cumulative end times in ms, the last one open. */
export function computePhaseEndsMs(profile: ChaosProfile): number[] {
  let end = 0;
  return profile.phases.map((p, i) =>
    i === profile.phases.length - 1 ? Infinity : (end += (p.durationS ?? 0) * 1000),
  );
}
