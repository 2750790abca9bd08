import { describe, expect, it } from 'vitest';
import { planDelivery, type PlanSettings } from './delivery-plan.ts';
import { resolveMixWeights } from './mix.ts';

const fixtures = [
  { name: 'text', weight: 6 },
  { name: 'batch', weight: 1 },
  { name: 'status', weight: 3 },
];

function settings(overrides: Partial<PlanSettings> = {}): PlanSettings {
  return {
    seed: 7,
    cumulativeWeights: resolveMixWeights(fixtures),
    duplicateRatio: 0.1,
    outOfOrderRatio: 0.2,
    forgedRatio: 0.05,
    unsignedRatio: 0.03,
    senderPool: 'unique',
    ...overrides,
  };
}

function plan(n: number, s: PlanSettings) {
  return Array.from({ length: n }, (_, seq) => planDelivery(s, seq));
}

describe('delivery plan', () => {
  it('follows the fixture weights within 2 %', () => {
    const plans = plan(20_000, settings());
    const share = (i: number) => plans.filter((p) => p.fixtureIndexes[0] === i).length / plans.length;
    expect(share(0)).toBeCloseTo(0.6, 1);
    expect(Math.abs(share(1) - 0.1)).toBeLessThan(0.02);
    expect(Math.abs(share(2) - 0.3)).toBeLessThan(0.02);
  });

  it('uses an explicit mix and weighs omitted fixtures 0', () => {
    const plans = plan(2000, settings({ cumulativeWeights: resolveMixWeights(fixtures, { batch: 1 }) }));
    expect(new Set(plans.map((p) => p.fixtureIndexes[0]))).toEqual(new Set([1]));
  });

  it('draws forged, unsigned and duplicate shares within tolerance', () => {
    const plans = plan(20_000, settings());
    const share = (f: (p: (typeof plans)[number]) => boolean) => plans.filter(f).length / plans.length;
    expect(Math.abs(share((p) => p.kind === 'forged') - 0.05)).toBeLessThan(0.01);
    expect(Math.abs(share((p) => p.kind === 'unsigned') - 0.03)).toBeLessThan(0.01);
    expect(Math.abs(share((p) => p.duplicate) - 0.1 * 0.92)).toBeLessThan(0.01);
    expect(Math.abs(share((p) => p.outOfOrder) - 0.2)).toBeLessThan(0.015);
  });

  it('never duplicates a forged or unsigned delivery', () => {
    const plans = plan(5000, settings({ duplicateRatio: 1 }));
    expect(plans.filter((p) => p.kind !== 'signed').every((p) => !p.duplicate)).toBe(true);
  });

  it('gives the same plan for the same seed and seq, a different one for another seed', () => {
    const a = plan(500, settings());
    expect(plan(500, settings())).toEqual(a);
    expect(plan(500, settings({ seed: 8 }))).not.toEqual(a);
    expect(planDelivery(settings(), 123_456_789_012)).toEqual(planDelivery(settings(), 123_456_789_012));
  });

  it('maps senders into the pool', () => {
    expect(plan(100, settings({ senderPool: 7 })).every((p) => p.senderSlot === p.seq % 7)).toBe(true);
    expect(planDelivery(settings(), 42).senderSlot).toBe(42);
  });
});

describe('mix weights', () => {
  it('rejects a mix naming an unknown fixture and an all-zero mix', () => {
    expect(() => resolveMixWeights(fixtures, { nope: 1 })).toThrow(/unknown fixtures: nope/);
    expect(() => resolveMixWeights(fixtures, { text: 0 })).toThrow(/weighs 0/);
  });
});
