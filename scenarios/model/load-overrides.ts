import type { LoadProfile } from '../../common/contracts/scenario.ts';
import { peakRate, totalDurationS } from './load-profile.ts';

/**
 * `--rate` / `WA_RATE` and `--duration` / `WA_DURATION` semantics, one definition for every
 * profile: a rate override scales the whole shape so its peak equals the new rate; a duration
 * override stretches or squeezes every time in the profile proportionally.
 */
export function overrideRate(load: LoadProfile, rate: number): LoadProfile {
  const factor = rate / peakRate(load);
  switch (load.profile) {
    case 'constant':
    case 'soak':
      return { ...load, rate };
    case 'spike':
      return { ...load, baseRate: load.baseRate * factor, spikeRate: load.spikeRate * factor };
    case 'ramping':
      return {
        ...load,
        startRate: (load.startRate ?? 0) * factor,
        stages: load.stages.map((s) => ({ ...s, targetRate: s.targetRate * factor })),
      };
  }
}

export function overrideDuration(load: LoadProfile, durationS: number): LoadProfile {
  const factor = durationS / totalDurationS(load);
  switch (load.profile) {
    case 'constant':
    case 'soak':
      return { ...load, durationS };
    case 'spike':
      return { ...load, durationS, spikeAtS: load.spikeAtS * factor, spikeDurationS: load.spikeDurationS * factor };
    case 'ramping':
      return { ...load, stages: load.stages.map((s) => ({ ...s, durationS: s.durationS * factor })) };
  }
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const UNIT_S: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** Parses `90`, `90s`, `5m`, `1h`, `1500ms` into seconds; undefined when malformed or ≤ 0. */
export function parseDurationS(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * (UNIT_S[match[2] ?? 's'] ?? 1);
  return seconds > 0 ? seconds : undefined;
}
