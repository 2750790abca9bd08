import { describe, expect, it } from 'vitest';
import { createChaosEngine } from './chaos-engine.ts';
import { chaosProfileSchema, type ChaosProfileInput } from './profile-schema.ts';

const N = 20_000;
/** Binomial 4σ at p = 0.2, n = 20 000 is ±0.011; 0.015 keeps the seeded test far from flaky. */
const TOLERANCE = 0.015;

function engineFor(input: ChaosProfileInput, seed = 42) {
  return createChaosEngine(chaosProfileSchema.parse(input), seed, 429);
}

function observeRates(input: ChaosProfileInput, endpoint: 'messages' | 'calls' = 'messages', phoneNumberId = '1') {
  const engine = engineFor(input);
  const byKind = new Map<string, number>();
  for (let i = 0; i < N; i++) {
    const kind = engine.decide(0, endpoint, phoneNumberId).failure?.kind ?? 'none';
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  return (kind: string) => (byKind.get(kind) ?? 0) / N;
}

describe('createChaosEngine', () => {
  it.each([
    ['rate-limit', {}],
    ['server-error', { httpStatus: 502, code: 131016 }],
    ['reject', { code: 131047 }],
    ['timeout', { holdMs: 5 }],
    ['reset', {}],
    ['malformed', { variant: 'html' }],
  ] as const)('injects %s faults at the configured rate (20 % ± 1.5 points, seed 42)', (kind, attributes) => {
    const rate = observeRates({ phases: [{ name: 'p', faults: [{ kind, probability: 0.2, attributes } as never] }] });
    expect(Math.abs(rate(kind) - 0.2)).toBeLessThan(TOLERANCE);
  });

  it('keeps several failure faults in one phase at their own rates', () => {
    const rate = observeRates({
      phases: [
        {
          name: 'p',
          faults: [
            { kind: 'server-error', probability: 0.3 },
            { kind: 'rate-limit', probability: 0.1 },
            { kind: 'reset', probability: 0.05 },
          ],
        },
      ],
    });
    expect(Math.abs(rate('server-error') - 0.3)).toBeLessThan(TOLERANCE);
    expect(Math.abs(rate('rate-limit') - 0.1)).toBeLessThan(TOLERANCE);
    expect(Math.abs(rate('reset') - 0.05)).toBeLessThan(TOLERANCE);
    expect(Math.abs(rate('none') - 0.55)).toBeLessThan(TOLERANCE);
  });

  it('adds latency at its rate and stacks it with failures', () => {
    const engine = engineFor({
      phases: [
        {
          name: 'p',
          faults: [
            { kind: 'latency', probability: 0.5, attributes: { latencyMs: 40 } },
            { kind: 'reset', probability: 1 },
          ],
        },
      ],
    });
    let delayed = 0;
    for (let i = 0; i < N; i++) {
      const decision = engine.decide(0, 'messages', '1');
      expect(decision.failure?.kind).toBe('reset');
      if (decision.delayMs === 40) delayed++;
    }
    expect(Math.abs(delayed / N - 0.5)).toBeLessThan(TOLERANCE);
  });

  it.each([
    ['uniform', { distribution: 'uniform', minMs: 100, maxMs: 300 }, 200, 5],
    ['normal', { distribution: 'normal', latencyMs: 200, stdDevMs: 20 }, 200, 2],
    ['lognormal (median)', { distribution: 'lognormal', latencyMs: 200, sigma: 0.5 }, 200, 8],
  ] as const)('samples %s latency around its centre', (_name, attributes, centre, tolerance) => {
    const engine = engineFor({ phases: [{ name: 'p', faults: [{ kind: 'latency', probability: 1, attributes }] }] });
    const samples = Array.from({ length: 5000 }, () => engine.decide(0, 'messages', '1').delayMs).sort((a, b) => a - b);
    expect(Math.abs((samples[2500] ?? 0) - centre)).toBeLessThan(tolerance);
    expect(samples[0]).toBeGreaterThanOrEqual(0);
  });

  it('spares endpoints and numbers outside the fault scope', () => {
    const profile = {
      phases: [
        {
          name: 'p',
          faults: [
            {
              kind: 'reset' as const,
              probability: 1,
              scope: { endpoints: ['messages' as const], phoneNumberIds: ['7'] },
            },
          ],
        },
      ],
    };
    expect(observeRates(profile, 'messages', '7')('reset')).toBe(1);
    expect(observeRates(profile, 'calls', '7')('reset')).toBe(0);
    expect(observeRates(profile, 'messages', '8')('reset')).toBe(0);
  });

  it('switches phases on the chaos clock and stays in the last one', () => {
    const engine = engineFor({
      phases: [
        { name: 'a', durationS: 1 },
        { name: 'b', durationS: 2, faults: [{ kind: 'reset', probability: 1 }] },
        { name: 'c', durationS: 1 },
      ],
    });
    expect(engine.decide(999, 'messages', '1')).toMatchObject({ phase: 'a', failure: null });
    expect(engine.decide(1000, 'messages', '1')).toMatchObject({ phase: 'b', failure: { kind: 'reset' } });
    expect(engine.phaseNameAt(3000)).toBe('c');
    expect(engine.phaseNameAt(999_999)).toBe('c');
  });

  it('is deterministic for a seed', () => {
    const profile = { phases: [{ name: 'p', faults: [{ kind: 'server-error' as const, probability: 0.5 }] }] };
    const run = (seed: number) => {
      const engine = engineFor(profile, seed);
      return Array.from({ length: 50 }, () => (engine.decide(0, 'messages', '1').failure ? 1 : 0)).join('');
    };
    expect(run(7)).toBe(run(7));
    expect(run(7)).not.toBe(run(8));
  });

  it('never commits a reject fault, whatever the profile says', () => {
    const engine = engineFor({
      phases: [{ name: 'p', faults: [{ kind: 'reject', probability: 1, commit: 'after' }] }],
    });
    expect(engine.decide(0, 'messages', '1').failure?.commit).toBe('before');
  });
});
