import { describe, expect, it } from 'vitest';
import { loadChaosProfile, profilePhases } from '../../../mock-graph-api/index.ts';
import { describePhaseWindows, scaleChaosProfile } from './scale-chaos.ts';

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
