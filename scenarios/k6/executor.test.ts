import { describe, expect, it } from 'vitest';
import { buildExecutor, describeVuPool, formatS, lateCopyVUsFor, sizeVuPool } from './executor.ts';
import { expectedPeakLateHolds } from '../model/index.ts';
import { arrivalRatePool } from '../../test/doubles/k6-doubles.ts';

const sizing = { maxInFlight: 500, gracefulStopS: 12.5 };

describe('k6 executor from a load profile', () => {
  it('uses constant-arrival-rate for constant and soak profiles', () => {
    expect(buildExecutor({ profile: 'constant', rate: 100, durationS: 60 }, sizing)).toEqual({
      executor: 'constant-arrival-rate',
      rate: 100,
      timeUnit: '1s',
      duration: '60s',
      preAllocatedVUs: 20,
      maxVUs: 500,
      gracefulStop: '12500ms',
    });
  });

  it('pre-allocates the work in flight (rate × mean ack time, × 2 + 10 VUs), not rate × 5 s: 310 VUs at 3,000/s', () => {
    expect(
      buildExecutor({ profile: 'constant', rate: 3000, durationS: 10 }, { ...sizing, maxInFlight: 2000 }),
    ).toMatchObject({ preAllocatedVUs: 310, maxVUs: 2000 });
    expect(buildExecutor({ profile: 'constant', rate: 1, durationS: 10 }, sizing)).toMatchObject({
      preAllocatedVUs: 11,
    });
    // A known slow target: a longer expected ack time, capped at maxInFlight (k6 adds VUs up to maxVUs for bursts).
    expect(
      buildExecutor({ profile: 'constant', rate: 5, durationS: 10 }, { ...sizing, expectedAckMs: 6000 }),
    ).toMatchObject({ preAllocatedVUs: 70 });
    expect(
      buildExecutor({ profile: 'constant', rate: 1000, durationS: 10 }, { ...sizing, expectedAckMs: 5000 }),
    ).toMatchObject({ preAllocatedVUs: 500, maxVUs: 500 });
  });

  it('expresses fractional rates per 100 s', () => {
    expect(buildExecutor({ profile: 'soak', rate: 2.5, durationS: 10 }, sizing)).toMatchObject({
      rate: 250,
      timeUnit: '100s',
    });
  });

  it('maps ramping stages one to one', () => {
    const e = buildExecutor(
      { profile: 'ramping', startRate: 10, stages: [{ durationS: 30, targetRate: 100 }] },
      sizing,
    );
    expect(e).toMatchObject({
      executor: 'ramping-arrival-rate',
      startRate: 10,
      stages: [{ duration: '30s', target: 100 }],
    });
  });

  it('builds a spike from 0 s steps around the spike window', () => {
    const e = buildExecutor(
      { profile: 'spike', baseRate: 50, spikeRate: 300, durationS: 90, spikeAtS: 30, spikeDurationS: 15 },
      sizing,
    );
    expect(e.stages).toEqual([
      { duration: '30s', target: 50 },
      { duration: '0s', target: 300 },
      { duration: '15s', target: 300 },
      { duration: '0s', target: 50 },
      { duration: '45s', target: 50 },
    ]);
  });

  it('caps VUs at maxInFlight so k6 drops beyond it', () => {
    expect(
      buildExecutor({ profile: 'constant', rate: 10_000, durationS: 1 }, { maxInFlight: 20, gracefulStopS: 1 }),
    ).toMatchObject({ preAllocatedVUs: 20, maxVUs: 20 });
    expect(formatS(1.5)).toBe('1500ms');
  });

  it('adds the VUs late copies hold to both preAllocatedVUs and maxVUs, so waiting iterations make k6 drop nothing and maxInFlight still caps deliveries', () => {
    const load = { profile: 'constant' as const, rate: 20, durationS: 60 };
    const late = { fraction: 0.05, copies: 2, minDelayS: 2, horizon: 'run' as const };
    const expected = expectedPeakLateHolds(late, load);
    const lateVUs = lateCopyVUsFor(late, load);
    expect(lateVUs).toBe(Math.ceil(expected + 4 * Math.sqrt(expected) + 4));
    expect(buildExecutor(load, { maxInFlight: 30, expectedAckMs: 50, gracefulStopS: 1, late })).toMatchObject({
      preAllocatedVUs: 12 + lateVUs,
      maxVUs: 30 + lateVUs,
    });
    expect(sizeVuPool(load, { maxInFlight: 30, preAllocatedVUs: 50, gracefulStopS: 1, late })).toEqual({
      preAllocatedVUs: 30 + lateVUs,
      maxVUs: 30 + lateVUs,
      deliveryVUs: 30,
      maxInFlight: 30,
      lateCopyVUs: lateVUs,
    });
    expect(describeVuPool(sizeVuPool(load, { maxInFlight: 30, expectedAckMs: 50, gracefulStopS: 1, late }))).toBe(
      `preAllocatedVUs ${12 + lateVUs} (12 for deliveries + ${lateVUs} held by late copies), maxVUs ${30 + lateVUs} (maxInFlight 30 + ${lateVUs})`,
    );
  });

  it('adds no VU when late copies are off', () => {
    const load = { profile: 'constant' as const, rate: 20, durationS: 60 };
    expect(lateCopyVUsFor({ fraction: 0, copies: 2, minDelayS: 2, horizon: 'run' }, load)).toBe(0);
    expect(lateCopyVUsFor(undefined, load)).toBe(0);
    expect(describeVuPool(sizeVuPool(load, { maxInFlight: 30, gracefulStopS: 1 }))).toBe(
      'preAllocatedVUs 12, maxVUs 30 (maxInFlight)',
    );
  });

  it('drops arrivals while k6 starts VUs when the target acks slower than the pool assumes, and none when the pool is sized for it (K6-FACTS: the arrival that finds no free VU is dropped)', () => {
    // 100/s for 10 s; each iteration busy for the target's ack time.
    const arrivals = (ackMs: number) =>
      Array.from({ length: 1000 }, (_, i) => ({ startMs: i * 10, endMs: i * 10 + ackMs }));
    const poolFor = (expectedAckMs?: number) => {
      const e = buildExecutor({ profile: 'constant', rate: 100, durationS: 10 }, { ...sizing, expectedAckMs });
      return { preAllocatedVUs: e.preAllocatedVUs as number, maxVUs: e.maxVUs as number };
    };
    expect(arrivalRatePool(poolFor(), arrivals(20)).dropped).toBe(0);
    const slow = arrivalRatePool(poolFor(), arrivals(1000));
    expect(slow.dropped).toBeGreaterThan(0);
    expect(slow.vus).toBeGreaterThan(poolFor().preAllocatedVUs);
    expect(arrivalRatePool(poolFor(1000), arrivals(1000)).dropped).toBe(0);
  });
});
