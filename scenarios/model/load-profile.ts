import type { LoadProfile } from '../../common/contracts/scenario.ts';

/**
 * Pure arithmetic over a load profile, shared by the Node engine's arrival clock and the k6
 * executor builder: total duration, the target rate at a second, and the cumulative number of
 * arrivals (the integral of the rate), which the open-model clock inverts into send times.
 */

/** Scheduled duration of the load in seconds (redelivery tails not included). */
export function totalDurationS(load: LoadProfile): number {
  if (load.profile === 'ramping') return load.stages.reduce((sum, stage) => sum + stage.durationS, 0);
  return load.durationS;
}

/** Target deliveries per second at `tS` seconds from the start; 0 outside the profile. */
export function rateAt(load: LoadProfile, tS: number): number {
  if (tS < 0 || tS >= totalDurationS(load)) return 0;
  switch (load.profile) {
    case 'constant':
    case 'soak':
      return load.rate;
    case 'spike':
      return tS >= load.spikeAtS && tS < load.spikeAtS + load.spikeDurationS ? load.spikeRate : load.baseRate;
    case 'ramping': {
      let from = load.startRate ?? 0;
      let start = 0;
      for (const stage of load.stages) {
        if (tS < start + stage.durationS) return from + ((stage.targetRate - from) * (tS - start)) / stage.durationS;
        from = stage.targetRate;
        start += stage.durationS;
      }
      return 0;
    }
  }
}

/** Expected number of arrivals in [0, tS): the integral of rateAt, clamped to the profile. */
export function arrivalsBy(load: LoadProfile, tS: number): number {
  const t = Math.min(Math.max(tS, 0), totalDurationS(load));
  switch (load.profile) {
    case 'constant':
    case 'soak':
      return load.rate * t;
    case 'spike': {
      const spikeEnd = load.spikeAtS + load.spikeDurationS;
      const inSpike = Math.max(0, Math.min(t, spikeEnd) - load.spikeAtS);
      return load.baseRate * (t - inSpike) + load.spikeRate * inSpike;
    }
    case 'ramping': {
      let from = load.startRate ?? 0;
      let start = 0;
      let total = 0;
      for (const stage of load.stages) {
        const span = Math.min(t - start, stage.durationS);
        if (span <= 0) break;
        const rateAtSpan = from + ((stage.targetRate - from) * span) / stage.durationS;
        total += ((from + rateAtSpan) / 2) * span;
        from = stage.targetRate;
        start += stage.durationS;
      }
      return total;
    }
  }
}

/** Highest target rate anywhere in the profile (sizes k6 VU pools). */
export function peakRate(load: LoadProfile): number {
  switch (load.profile) {
    case 'constant':
    case 'soak':
      return load.rate;
    case 'spike':
      return Math.max(load.baseRate, load.spikeRate);
    case 'ramping':
      return Math.max(load.startRate ?? 0, ...load.stages.map((s) => s.targetRate));
  }
}
