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
  /** VUs to start with for deliveries; default: preAllocatedVUsFor(peak rate, expectedAckMs). Late-copy VUs come on top. */
  preAllocatedVUs?: number;
  /** Mean time a delivery holds its VU (the target's ack time): sizes the default VU pool (EXPECTED_ACK_MS). */
  expectedAckMs?: number;
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
    sizing.preAllocatedVUs ?? preAllocatedVUsFor(peakRate(load), sizing.expectedAckMs ?? EXPECTED_ACK_MS),
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

/** One line on the pool, e.g. `preAllocatedVUs 47 (12 for deliveries + 35 held by late copies), maxVUs 2035 (maxInFlight 2000 + 35)`. */
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
 * Mean ack time the default pool is sized for. A connector that keeps to Meta's high-throughput
 * guidance (median ack ≤ 250 ms) acks far sooner in practice (the reference connector: a few ms);
 * a slower one makes k6 add VUs up to maxVUs (= maxInFlight), and a run whose load generator fell
 * short says so. Pass WA_VUS (loadtest: the config's preAllocatedVUs) for a known slow target.
 */
export const EXPECTED_ACK_MS = 50;
/** Room over the mean in flight (Little's law gives the mean; arrivals and answers bunch up). */
const POOL_MARGIN = 2;
/** VUs a pool keeps free on top, for low rates and bursts of slow answers. */
const POOL_SPARE = 10;

/**
 * VUs k6 starts with, from the work in flight (Little's law: rate × mean time each delivery holds
 * its VU), × 2 + 10. Every pre-allocated VU is initialised before the first request (≈ 1 MB and
 * several ms of CPU each for our scripts), so the old rate × 5 s × 1.25 paid 2,000 VUs from
 * 320/s up (9.6 s, 2.2 GB) for in-flight work a fast target never has. Beyond the pool k6 starts
 * VUs up to maxVUs, dropping the arrivals that found none free while one initialises.
 *
 * @example preAllocatedVUsFor(3000, 50) // 310
 */
export function preAllocatedVUsFor(peakRatePerS: number, expectedAckMs: number): number {
  return Math.ceil(peakRatePerS * (expectedAckMs / 1000) * POOL_MARGIN) + POOL_SPARE;
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
