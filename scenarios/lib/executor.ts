import type { LoadProfile } from '../../contracts/scenario.ts';
import { peakRate } from '../../load-core/index.ts';

/** A k6 arrival-rate scenario (the subset of k6's options we build). */
export interface ArrivalRateScenario {
  executor: 'constant-arrival-rate' | 'ramping-arrival-rate';
  timeUnit: string;
  preAllocatedVUs: number;
  maxVUs: number;
  gracefulStop: string;
  rate?: number;
  duration?: string;
  startRate?: number;
  stages?: { duration: string; target: number }[];
}

export interface ExecutorSizing {
  /** The concurrency cap: k6 counts iterations beyond it as dropped_iterations. */
  maxInFlight: number;
  /** VUs to start with; default: preAllocatedVUsFor(peak rate, expectedLatencyMs). */
  preAllocatedVUs?: number;
  /** Ack latency the target may take (the ack p99 gate): sizes the default VU pool. */
  expectedLatencyMs?: number;
  /** Time left for in-iteration redeliveries after the last arrival. */
  gracefulStopS: number;
}

/**
 * The k6 open-model executor for a load profile. k6 rates are integers per timeUnit, so
 * fractional rates are expressed per 100 s. A spike is a ramping executor with 0 s steps.
 */
export function buildExecutor(load: LoadProfile, sizing: ExecutorSizing): ArrivalRateScenario {
  const scale = allIntegers(load) ? 1 : 100;
  const maxVUs = Math.max(1, sizing.maxInFlight);
  const base = {
    timeUnit: scale === 1 ? '1s' : '100s',
    preAllocatedVUs: Math.min(maxVUs, sizing.preAllocatedVUs ?? preAllocatedVUsFor(peakRate(load), sizing.expectedLatencyMs ?? 500)),
    maxVUs,
    gracefulStop: formatS(sizing.gracefulStopS),
  };
  const r = (rate: number) => Math.round(rate * scale);
  switch (load.profile) {
    case 'constant':
    case 'soak':
      return { executor: 'constant-arrival-rate', ...base, rate: r(load.rate), duration: formatS(load.durationS) };
    case 'ramping':
      return {
        executor: 'ramping-arrival-rate',
        ...base,
        startRate: r(load.startRate ?? 0),
        stages: load.stages.map((s) => ({ duration: formatS(s.durationS), target: r(s.targetRate) })),
      };
    case 'spike': {
      const after = load.durationS - load.spikeAtS - load.spikeDurationS;
      const stages = [
        { duration: formatS(load.spikeAtS), target: r(load.baseRate) },
        { duration: '0s', target: r(load.spikeRate) },
        { duration: formatS(load.spikeDurationS), target: r(load.spikeRate) },
        { duration: '0s', target: r(load.baseRate) },
      ];
      if (after > 0) stages.push({ duration: formatS(after), target: r(load.baseRate) });
      return { executor: 'ramping-arrival-rate', ...base, startRate: r(load.baseRate), stages: stages.filter((s, i) => i % 2 === 1 || s.duration !== '0s') };
    }
  }
}

/**
 * VUs k6 starts with: peak rate × expected latency, + 25 %, at least 10. k6 only adds a VU when
 * an arrival finds none free, and drops that arrival while the VU initialises, so a pool sized
 * for the latency the gates allow keeps a slow-but-passing target from causing drops.
 */
export function preAllocatedVUsFor(peakRatePerS: number, expectedLatencyMs: number): number {
  return Math.max(10, Math.ceil(peakRatePerS * (expectedLatencyMs / 1000) * 1.25));
}

function allIntegers(load: LoadProfile): boolean {
  const rates =
    load.profile === 'ramping' ? [load.startRate ?? 0, ...load.stages.map((s) => s.targetRate)] : load.profile === 'spike' ? [load.baseRate, load.spikeRate] : [load.rate];
  return rates.every(Number.isInteger);
}

/** k6 duration string in whole milliseconds. */
export function formatS(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
