import { describe, expect, it } from 'vitest';
import { loadChaosProfile, profilePhases } from '../../../mock-graph-api/index.ts';
import { describePhaseWindows, endChaosWithLoad, scaleChaosProfile } from './scale-chaos.ts';

describe('chaos phases scaled with --duration', () => {
  it("lets a 15 s demo reach the mild profile's chaos phase (60 s scenario, factor 0.25)", () => {
    const mild = loadChaosProfile('mild');
    expect(profilePhases(mild, 15).map((p) => p.name)).toEqual(['healthy']);
    const scaled = profilePhases(scaleChaosProfile(mild, 15 / 60), 15);
    expect(scaled.map((p) => p.name)).toEqual(['healthy', 'wobble', 'recovery']);
    expect(describePhaseWindows(scaled)).toBe('healthy 0–3.8 s, wobble 3.8–8.8 s, recovery 8.8–15 s');
    // The stated recovery time shrinks with the phases: 30 s after a 20 s wobble becomes 7.5 s.
    expect(scaled.find((p) => p.name === 'wobble')?.judge?.recoveryS).toBe(7.5);
    expect(scaled.find((p) => p.name === 'healthy')?.judge).toBeUndefined();
  });

  it('keeps the profile unchanged at factor 1 and keeps the last phase open-ended', () => {
    const mild = loadChaosProfile('mild');
    expect(scaleChaosProfile(mild, 1)).toBe(mild);
    const doubled = scaleChaosProfile(mild, 2);
    expect(doubled.phases.map((p) => p.durationS)).toEqual([30, 40, undefined]);
  });
});

describe('chaos ends with the load', () => {
  it("gives the mock and the Redis proxy the profile's recovery after the load, not the phases the run never had", () => {
    // generic-redis at --duration 40: redis-outage scaled ×2 is 60 s of faults, the load 40 s.
    const outage = scaleChaosProfile(loadChaosProfile('redis-outage'), 2);
    const ended = endChaosWithLoad(outage, 40);
    expect(ended.phases.map((p) => p.name)).toEqual([
      'warmup',
      'redis-slow',
      'redis-errors',
      'redis-flaky',
      'recovery',
    ]);
    expect(ended.phases.map((p) => p.durationS)).toEqual([10, 10, 10, 10, undefined]);
    // What the run judges is unchanged.
    expect(profilePhases(ended, 40)).toEqual(profilePhases(outage, 40));
  });

  it('cuts a phase the load ends inside, and leaves a profile the load outlasts as it is', () => {
    const mild = loadChaosProfile('mild'); // healthy 15 s, wobble 20 s, recovery
    expect(endChaosWithLoad(mild, 25).phases.map((p) => [p.name, p.durationS])).toEqual([
      ['healthy', 15],
      ['wobble', 10],
      ['recovery', undefined],
    ]);
    expect(endChaosWithLoad(mild, 35)).toBe(mild);
    expect(endChaosWithLoad(mild, 60)).toBe(mild);
  });
});
