import type { K6VuPool } from '../../common/contracts/run-record.ts';
import type { LoadProfile } from '../../common/contracts/scenario.ts';
import { expectedPeakLateHolds, peakRate, type LateCopySettings } from '../model/index.ts';

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
  /** The concurrency cap on deliveries in flight: k6 counts iterations beyond it (+ the late-copy VUs) as dropped_iterations. */
  maxInFlight: number;
  /** VUs to start with for deliveries; default: preAllocatedVUsFor(peak rate, expectedLatencyMs). Late-copy VUs come on top. */
  preAllocatedVUs?: number;
  /** Ack latency the target may take (the ack p99 gate): sizes the default VU pool. */
  expectedLatencyMs?: number;
  /** Time left for in-iteration redeliveries after the last arrival. */
  gracefulStopS: number;
  /** delivery.late: each delivery waiting for a late copy holds its VU (lateCopyVUsFor). */
  late?: LateCopySettings;
}

/** The VU pool of a run and where its VUs come from (`loadtest --engine k6` prints it; the run record's engine.vus). */
export type VuPool = K6VuPool;

/**
 * k6 VUs for late copies: a k6 iteration sends its late copies itself (k6/timers), so it holds
 * its VU until the last one, up to the end of the load. The expected peak of such iterations
 * (expectedPeakLateHolds), plus 4 standard deviations (the count is a sum of independent draws,
 * variance ≤ mean, and the pool must cover its peak over the whole run) plus 4. 0 when off.
 */
export function lateCopyVUsFor(late: LateCopySettings | undefined, load: LoadProfile): number {
  const expected = late ? expectedPeakLateHolds(late, load) : 0;
  return expected > 0 ? Math.ceil(expected + 4 * Math.sqrt(expected) + 4) : 0;
}

/**
 * The VU pool: VUs for deliveries (pre-allocated for the peak rate × expected latency, capped at
 * maxInFlight) plus, on both preAllocatedVUs and maxVUs, the VUs late copies hold, so waiting
 * iterations never make k6 drop arrivals and maxInFlight still caps deliveries in flight.
 */
export function sizeVuPool(load: LoadProfile, sizing: ExecutorSizing): VuPool {
  const maxInFlight = Math.max(1, sizing.maxInFlight);
  const deliveryVUs = Math.min(
    maxInFlight,
    sizing.preAllocatedVUs ?? preAllocatedVUsFor(peakRate(load), sizing.expectedLatencyMs ?? 500),
  );
  const lateCopyVUs = lateCopyVUsFor(sizing.late, load);
  return {
    preAllocatedVUs: deliveryVUs + lateCopyVUs,
    maxVUs: maxInFlight + lateCopyVUs,
    deliveryVUs,
    maxInFlight,
    lateCopyVUs,
  };
}

/** One line on the pool, e.g. `preAllocatedVUs 160 (125 for deliveries + 35 held by late copies), maxVUs 2035 (maxInFlight 2000 + 35)`. */
export function describeVuPool(pool: VuPool): string {
  if (pool.lateCopyVUs === 0) return `preAllocatedVUs ${pool.preAllocatedVUs}, maxVUs ${pool.maxVUs} (maxInFlight)`;
  return `preAllocatedVUs ${pool.preAllocatedVUs} (${pool.deliveryVUs} for deliveries + ${pool.lateCopyVUs} held by late copies), maxVUs ${pool.maxVUs} (maxInFlight ${pool.maxInFlight} + ${pool.lateCopyVUs})`;
}

/**
 * The k6 open-model executor for a load profile. k6 rates are integers per timeUnit, so
 * fractional rates are expressed per 100 s. A spike is a ramping executor with 0 s steps.
 */
export function buildExecutor(load: LoadProfile, sizing: ExecutorSizing): ArrivalRateScenario {
  const scale = allIntegers(load) ? 1 : 100;
  const { preAllocatedVUs, maxVUs } = sizeVuPool(load, sizing);
  const base = {
    timeUnit: scale === 1 ? '1s' : '100s',
    preAllocatedVUs,
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
      return {
        executor: 'ramping-arrival-rate',
        ...base,
        startRate: r(load.baseRate),
        stages: stages.filter((s, i) => i % 2 === 1 || s.duration !== '0s'),
      };
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
    load.profile === 'ramping'
      ? [load.startRate ?? 0, ...load.stages.map((s) => s.targetRate)]
      : load.profile === 'spike'
        ? [load.baseRate, load.spikeRate]
        : [load.rate];
  return rates.every(Number.isInteger);
}

/** k6 duration string in whole milliseconds. */
export function formatS(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
