import { resolvePhaseJudge, type ChaosProfile } from '../../../mock-graph-api/index.ts';

/**
 * Stretches or shrinks a chaos profile's timed phases by `factor` (the ratio of the run's
 * --duration to the scenario's own), so a 15 s demo still reaches its chaos phase and a 20 s
 * chaos run leaves its storm. The last phase stays open-ended. Pure.
 */
export function scaleChaosProfile(profile: ChaosProfile, factor: number): ChaosProfile {
  if (factor === 1 || !(factor > 0)) return profile;
  return {
    ...profile,
    phases: profile.phases.map((phase) => {
      // A fault phase's recovery time scales with it: a 20 s chaos run still has time to recover.
      const judge = resolvePhaseJudge(phase);
      const scaled = judge.fault
        ? { ...phase, judge: { ...phase.judge, recoveryS: Math.round(judge.recoveryS * factor * 10) / 10 } }
        : phase;
      return phase.durationS === undefined
        ? scaled
        : { ...scaled, durationS: Math.max(0.1, Math.round(phase.durationS * factor * 10) / 10) };
    }),
  };
}

/** "healthy 0–5 s, wobble 5–12 s, recovery 12–20 s" for the run log. Pure. */
export function describePhaseWindows(windows: { name: string; startS: number; endS: number }[]): string {
  const s = (x: number) => String(Math.round(x * 10) / 10);
  return windows.map((w) => `${w.name} ${s(w.startS)}–${s(w.endS)} s`).join(', ');
}
