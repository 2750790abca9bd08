import { describe, expect, it } from 'vitest';
import { chaosProfileSchema } from '../../mock-graph-api/index.ts';
import { createRedisFaultPicker } from './fault-picker.ts';

const profile = chaosProfileSchema.parse({
  phases: [
    { name: 'calm', durationS: 10, faults: [] },
    {
      name: 'storm',
      faults: [],
      redis: {
        faults: [
          { kind: 'error', probability: 0.3, scope: { families: ['write'] }, attributes: { reply: 'OOM' } },
          { kind: 'latency', probability: 0.5, attributes: { distribution: 'fixed', latencyMs: 7 } },
        ],
      },
    },
  ],
});

describe('redis fault picker', () => {
  it('fires a failure fault with its probability, only on the family in scope, and the same way for the same seed', () => {
    const run = (seed: number) => {
      const picker = createRedisFaultPicker(profile, seed);
      return Array.from({ length: 10_000 }, () => picker.decideCommand(1, 'SET', 'write'));
    };
    const errors = run(4).filter((d) => d.failure?.kind === 'error').length;
    expect(errors / 10_000).toBeGreaterThan(0.28);
    expect(errors / 10_000).toBeLessThan(0.32);
    expect(run(4)).toEqual(run(4));
    const picker = createRedisFaultPicker(profile, 4);
    expect(Array.from({ length: 1000 }, () => picker.decideCommand(1, 'GET', 'read')).some((d) => d.failure)).toBe(
      false,
    );
  });

  it('adds latency from its distribution and spares connection commands unless named', () => {
    const picker = createRedisFaultPicker(profile, 9);
    const delays = Array.from({ length: 4000 }, () => picker.decideCommand(1, 'GET', 'read').delayMs);
    expect(new Set(delays)).toEqual(new Set([0, 7]));
    expect(delays.filter((d) => d === 7).length / 4000).toBeCloseTo(0.5, 1);
    expect(picker.decideCommand(1, 'HELLO', 'connection')).toEqual({ delayMs: 0, failure: null, kinds: [] });
    expect(picker.decideCommand(0, 'SET', 'write')).toEqual({ delayMs: 0, failure: null, kinds: [] });
  });

  it('rejects a phase whose error/reset/slow-drip probabilities add up to more than 1', () => {
    const bad = {
      phases: [
        {
          name: 'x',
          faults: [],
          redis: {
            faults: [
              { kind: 'error', probability: 0.6 },
              { kind: 'reset', probability: 0.6 },
            ],
          },
        },
      ],
    };
    expect(chaosProfileSchema.safeParse(bad).error?.issues[0]?.message).toContain('must not exceed 1');
  });
});
