import { describe, expect, it } from 'vitest';
import { buildExecutor, formatS } from './executor.ts';

const sizing = { maxInFlight: 500, gracefulStopS: 12.5 };

describe('k6 executor from a load profile', () => {
  it('uses constant-arrival-rate for constant and soak profiles', () => {
    expect(buildExecutor({ profile: 'constant', rate: 100, durationS: 60 }, sizing)).toEqual({
      executor: 'constant-arrival-rate',
      rate: 100,
      timeUnit: '1s',
      duration: '60s',
      preAllocatedVUs: 63,
      maxVUs: 500,
      gracefulStop: '12500ms',
    });
  });

  it('pre-allocates peak rate × expected latency (+25 %) VUs, so a slow target does not make k6 drop arrivals', () => {
    expect(buildExecutor({ profile: 'constant', rate: 5, durationS: 10 }, { ...sizing, expectedLatencyMs: 6000 })).toMatchObject({ preAllocatedVUs: 38 });
    expect(buildExecutor({ profile: 'constant', rate: 1, durationS: 10 }, sizing)).toMatchObject({ preAllocatedVUs: 10 });
    expect(buildExecutor({ profile: 'constant', rate: 1000, durationS: 10 }, { ...sizing, expectedLatencyMs: 5000 })).toMatchObject({ preAllocatedVUs: 500 });
  });

  it('expresses fractional rates per 100 s', () => {
    expect(buildExecutor({ profile: 'soak', rate: 2.5, durationS: 10 }, sizing)).toMatchObject({ rate: 250, timeUnit: '100s' });
  });

  it('maps ramping stages one to one', () => {
    const e = buildExecutor({ profile: 'ramping', startRate: 10, stages: [{ durationS: 30, targetRate: 100 }] }, sizing);
    expect(e).toMatchObject({ executor: 'ramping-arrival-rate', startRate: 10, stages: [{ duration: '30s', target: 100 }] });
  });

  it('builds a spike from 0 s steps around the spike window', () => {
    const e = buildExecutor({ profile: 'spike', baseRate: 50, spikeRate: 300, durationS: 90, spikeAtS: 30, spikeDurationS: 15 }, sizing);
    expect(e.stages).toEqual([
      { duration: '30s', target: 50 },
      { duration: '0s', target: 300 },
      { duration: '15s', target: 300 },
      { duration: '0s', target: 50 },
      { duration: '45s', target: 50 },
    ]);
  });

  it('caps VUs at maxInFlight so k6 drops beyond it', () => {
    expect(buildExecutor({ profile: 'constant', rate: 10_000, durationS: 1 }, { maxInFlight: 20, gracefulStopS: 1 })).toMatchObject({ preAllocatedVUs: 20, maxVUs: 20 });
    expect(formatS(1.5)).toBe('1500ms');
  });
});
