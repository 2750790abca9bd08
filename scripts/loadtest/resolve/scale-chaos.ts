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

/**
 * The profile the mock and the Redis proxy run: its phases as far as the load goes, then the
 * profile's own open-ended last phase (its recovery) for ever after. Without this, a profile
 * longer than the run went on injecting its later phases after the load ended, while the target
 * drained and redelivered: the generic-redis preset at --duration 40 ends in redis-flaky, and its
 * redis-down phase (40–50 s) then failed every redelivery of a message sent at 39 s, so the
 * correct fail-closed connector "lost" it in a phase the run never had. Returns `profile` itself
 * when the load reaches the last phase. Pure.
 */
export function endChaosWithLoad(profile: ChaosProfile, loadS: number): ChaosProfile {
  const phases = profile.phases;
  const last = phases[phases.length - 1];
  let startS = 0;
  const kept: ChaosProfile['phases'] = [];
  for (const phase of phases.slice(0, -1)) {
    if (startS >= loadS) break;
    const endS = startS + (phase.durationS ?? 0);
    kept.push(endS > loadS ? { ...phase, durationS: Math.max(0.1, Math.round((loadS - startS) * 10) / 10) } : phase);
    startS = endS;
  }
  const trimmed = kept.length < phases.length - 1 || kept.some((phase, i) => phase !== phases[i]);
  if (!last || !trimmed) return profile;
  return { ...profile, phases: [...kept, last] };
}

/** "healthy 0–5 s, wobble 5–12 s, recovery 12–20 s" for the run log. Pure. */
export function describePhaseWindows(windows: { name: string; startS: number; endS: number }[]): string {
  const s = (x: number) => String(Math.round(x * 10) / 10);
  return windows.map((w) => `${w.name} ${s(w.startS)}–${s(w.endS)} s`).join(', ');
}
