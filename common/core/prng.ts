/** A seeded pseudo-random source: same seed, same sequence, in k6 and Node alike. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

/** mulberry32: tiny, fast, good enough for fault dice and traffic mixes (not crypto). */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Derives an independent seed from a base seed and a label (FNV-1a). */
export function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Picks an index by non-negative weights; returns -1 when all weights are zero. */
export function pickWeighted(rng: Rng, cumulative: readonly number[]): number {
  return pickWeightedIndex(cumulative, rng.next());
}

/** Index whose cumulative-weight interval holds `u` (uniform in [0, 1)); -1 when all weights are zero. */
export function pickWeightedIndex(cumulative: readonly number[], u: number): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  if (total <= 0) return -1;
  const x = u * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
