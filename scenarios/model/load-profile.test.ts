import { describe, expect, it } from 'vitest';
import type { LoadProfile } from '../../common/contracts/index.ts';
import { arrivalsBy, peakRate, rateAt, totalDurationS } from './load-profile.ts';
import { overrideDuration, overrideRate, parseDurationS } from './load-overrides.ts';

const ramp: LoadProfile = {
  profile: 'ramping',
  startRate: 0,
  stages: [
    { durationS: 10, targetRate: 100 },
    { durationS: 10, targetRate: 100 },
  ],
};
const spike: LoadProfile = {
  profile: 'spike',
  baseRate: 10,
  spikeRate: 100,
  durationS: 30,
  spikeAtS: 10,
  spikeDurationS: 5,
};

describe('load profile arithmetic', () => {
  it('sums ramping stages into the total duration', () => {
    expect(totalDurationS(ramp)).toBe(20);
    expect(totalDurationS({ profile: 'constant', rate: 5, durationS: 12 })).toBe(12);
  });

  it('interpolates the rate linearly inside a ramping stage', () => {
    expect(rateAt(ramp, 5)).toBeCloseTo(50);
    expect(rateAt(ramp, 15)).toBe(100);
    expect(rateAt(ramp, 20)).toBe(0);
  });

  it('raises the rate only inside the spike window', () => {
    expect(rateAt(spike, 9.9)).toBe(10);
    expect(rateAt(spike, 12)).toBe(100);
    expect(rateAt(spike, 15)).toBe(10);
  });

  it('integrates the rate into cumulative arrivals', () => {
    expect(arrivalsBy(ramp, 10)).toBeCloseTo(500);
    expect(arrivalsBy(ramp, 20)).toBeCloseTo(1500);
    expect(arrivalsBy(spike, 30)).toBeCloseTo(10 * 25 + 100 * 5);
    expect(arrivalsBy({ profile: 'soak', rate: 7, durationS: 10 }, 99)).toBe(70);
  });

  it('finds the peak rate of every profile', () => {
    expect(peakRate(ramp)).toBe(100);
    expect(peakRate(spike)).toBe(100);
  });
});

describe('rate and duration overrides', () => {
  it('scales a spike so its peak equals the new rate', () => {
    const scaled = overrideRate(spike, 200);
    expect(scaled).toMatchObject({ baseRate: 20, spikeRate: 200 });
  });

  it('stretches every time of a profile proportionally', () => {
    expect(overrideDuration(spike, 60)).toMatchObject({ durationS: 60, spikeAtS: 20, spikeDurationS: 10 });
    expect(totalDurationS(overrideDuration(ramp, 10))).toBeCloseTo(10);
  });

  it('parses durations with units and rejects garbage', () => {
    expect(parseDurationS('90')).toBe(90);
    expect(parseDurationS('5m')).toBe(300);
    expect(parseDurationS('1500ms')).toBe(1.5);
    expect(parseDurationS('abc')).toBeUndefined();
    expect(parseDurationS('0s')).toBeUndefined();
  });
});
