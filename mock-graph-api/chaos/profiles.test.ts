import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES } from './builtin-profiles.ts';
import { loadChaosProfile } from './load-chaos-profile.ts';
import { profilePhases } from './phases.ts';
import { chaosProfileSchema } from './profile-schema.ts';

describe('chaos profiles', () => {
  it('offers every built-in profile the issue and the demo name', () => {
    expect([...BUILTIN_PROFILES.keys()].sort()).toEqual([
      'brownout',
      'calibration',
      'flaky-5xx',
      'meltdown',
      'mild',
      'none',
      'rate-limit-storm',
      'redis-outage',
      'timeouts',
    ]);
  });

  it('lays out phases as windows, clipped to the run length', () => {
    expect(profilePhases(loadChaosProfile('meltdown'), 60)).toEqual([
      { name: 'healthy', startS: 0, endS: 10 },
      {
        name: 'outage',
        startS: 10,
        endS: 30,
        judge: { fault: true, latency: 'off', errorRate: 'slo', recoveryS: 30, sources: ['graph'] },
      },
      { name: 'recovery', startS: 30, endS: 60 },
    ]);
    expect(profilePhases(loadChaosProfile('meltdown'), 15).map((p) => p.name)).toEqual(['healthy', 'outage']);
    expect(profilePhases(loadChaosProfile('none'))[0]?.endS).toBe(Infinity);
  });

  it('finishes the mild profile within the 60 s demo and the calibration profile at 15 s', () => {
    const mild = profilePhases(loadChaosProfile('mild'));
    expect(mild.at(-1)!.startS).toBeLessThanOrEqual(60);
    expect(profilePhases(loadChaosProfile('calibration'), 20)).toEqual([
      { name: 'warmup', startS: 0, endS: 5 },
      { name: 'unavailable', startS: 5, endS: 10, judge: expect.objectContaining({ fault: true, latency: 'off' }) },
      { name: 'ambiguous', startS: 10, endS: 15, judge: expect.objectContaining({ fault: true, latency: 'off' }) },
      { name: 'cooldown', startS: 15, endS: 20 },
    ]);
  });

  it('marks fault phases with how they are judged: Graph faults latency off, Redis faults error rate off too, an explicit judge on top', () => {
    const judges = Object.fromEntries(
      profilePhases(loadChaosProfile('redis-outage'), 40).map((p) => [p.name, p.judge]),
    );
    expect(judges.warmup).toBeUndefined();
    expect(judges['redis-slow']).toBeUndefined(); // Redis latency alone is not a fault phase
    expect(judges['redis-down']).toEqual({
      fault: true,
      latency: 'off',
      errorRate: 'off',
      recoveryS: 5,
      sources: ['redis'],
    });
    const custom = chaosProfileSchema.parse({
      phases: [
        { name: 'storm', faults: [{ kind: 'reset', probability: 0.1 }], judge: { latency: 'slo', recoveryS: 12 } },
      ],
    });
    expect(profilePhases(custom)[0]?.judge).toEqual({
      fault: true,
      latency: 'slo',
      errorRate: 'slo',
      recoveryS: 12,
      sources: ['graph'],
    });
  });

  it('rejects an unknown key in a phase judge, naming it', () => {
    expect(chaosProfileSchema.safeParse({ phases: [{ name: 'a', judge: { latncy: 'off' } }] }).success).toBe(false);
    expect(chaosProfileSchema.safeParse({ phases: [{ name: 'a', judge: { latency: 'sometimes' } }] }).success).toBe(
      false,
    );
  });

  it('names the file and the field of an invalid profile', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'chaos-')), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        phases: [{ name: 'a', faults: [{ kind: 'rate-limit', probability: 0.5, attributes: { code: 999 } }] }],
      }),
    );
    expect(() => loadChaosProfile(file)).toThrow(
      new RegExp(`Invalid chaos profile in ${file}:[\\s\\S]*\\.phases\\[0\\]\\.faults\\[0\\]\\.attributes\\.code`),
    );
  });

  it('names the nearest valid key of a misspelled phase and fault field', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'chaos-')), 'typo.json');
    writeFileSync(
      file,
      JSON.stringify({ phases: [{ name: 'a', duratonS: 5, faults: [{ kind: 'timeout', probablity: 0.5 }] }] }),
    );
    expect(() => loadChaosProfile(file)).toThrow(
      /\.phases\[0\]: unknown key "duratonS" \(did you mean "durationS"\?\)/,
    );
    expect(() => loadChaosProfile(file)).toThrow(
      /\.phases\[0\]\.faults\[0\]: unknown key "probablity" \(did you mean "probability"\?\)/,
    );
  });

  it('requires a duration on every phase but the last and unique phase names', () => {
    const result = chaosProfileSchema.safeParse({ phases: [{ name: 'a' }, { name: 'a' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['phases.0.durationS', 'phases.1.name']);
  });

  it('refuses an unknown fault kind and a profile whose failure faults exceed 100 %', () => {
    expect(
      chaosProfileSchema.safeParse({ phases: [{ name: 'a', faults: [{ kind: 'gremlin', probability: 1 }] }] }).success,
    ).toBe(false);
    const over = chaosProfileSchema.safeParse({
      phases: [
        {
          name: 'a',
          faults: [
            { kind: 'reset', probability: 0.6 },
            { kind: 'timeout', probability: 0.6 },
          ],
        },
      ],
    });
    expect(over.error?.issues[0]?.message).toMatch(/add up to 1\.200/);
  });

  it('explains an unknown profile name', () => {
    expect(() => loadChaosProfile('chaos-monkey')).toThrow(
      /neither a built-in profile nor an existing file\. Use one of/,
    );
  });

  it('suggests the nearest built-in profile for a typo', () => {
    expect(() => loadChaosProfile('rate-limit-strom')).toThrow(
      'nor an existing file. Did you mean rate-limit-storm? Use one of',
    );
  });
});
