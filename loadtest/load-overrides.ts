import type { LoadProfile } from '../contracts/index.ts';

/**
 * Applies --rate / --duration to any load profile. For shapes with several rates the flag sets
 * the peak and the others scale with it, so a ramp or spike keeps its shape.
 */
export function applyLoadOverrides(load: LoadProfile, overrides: { rate?: number; durationS?: number }): LoadProfile {
  const { rate, durationS } = overrides;
  switch (load.profile) {
    case 'constant':
    case 'soak':
      return { ...load, rate: rate ?? load.rate, durationS: durationS ?? load.durationS };
    case 'spike': {
      const k = rate ? rate / load.spikeRate : 1;
      const t = durationS ? durationS / load.durationS : 1;
      return {
        ...load,
        baseRate: load.baseRate * k,
        spikeRate: load.spikeRate * k,
        durationS: load.durationS * t,
        spikeAtS: load.spikeAtS * t,
        spikeDurationS: load.spikeDurationS * t,
      };
    }
    case 'ramping': {
      const peak = Math.max(load.startRate, ...load.stages.map((s) => s.targetRate));
      const k = rate && peak > 0 ? rate / peak : 1;
      const total = load.stages.reduce((sum, s) => sum + s.durationS, 0);
      const t = durationS ? durationS / total : 1;
      return {
        ...load,
        startRate: load.startRate * k,
        stages: load.stages.map((s) => ({ durationS: s.durationS * t, targetRate: s.targetRate * k })),
      };
    }
  }
}
