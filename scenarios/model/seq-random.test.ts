import { describe, expect, it } from 'vitest';
import { drawUniform } from './seq-random.ts';

const draws = (seed: number, from: number, n: number, draw = 0) =>
  Array.from({ length: n }, (_, i) => drawUniform(seed, from + i, draw));

describe('drawUniform', () => {
  it('is a pure function of (seed, seq, draw) in [0, 1)', () => {
    for (const x of draws(7, 0, 1000)) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    expect(draws(7, 10, 50)).toEqual(draws(7, 10, 50));
  });

  it('gives neighbouring seeds unrelated plans, not the same plan shifted by a few seqs', () => {
    for (const [a, b] of [
      [1, 2],
      [1, 3],
      [2, 3],
      [4, 5],
      [1, 5],
    ] as const) {
      for (let shift = -8; shift <= 8; shift++) {
        const same = draws(a, 100, 200).filter((x, i) => x === drawUniform(b, 100 + i + shift, 0)).length;
        expect(same, `seed ${b} at shift ${shift} repeats seed ${a}`).toBeLessThan(5);
      }
    }
  });

  it('keeps draws of one seq independent of each other and of the high word of seq', () => {
    expect(drawUniform(1, 5, 0)).not.toBe(drawUniform(1, 5, 1));
    expect(drawUniform(1, 5, 0)).not.toBe(drawUniform(1, 5 + 4294967296, 0));
  });
});
