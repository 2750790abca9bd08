/**
 * Random draws as a pure function of (seed, seq, draw): the plan of delivery `seq` is the same
 * whichever engine, VU or k6 instance computes it, so runs are reproducible and distributed
 * k6 instances need no shared generator state.
 */
export function drawUniform(seed: number, seq: number, draw: number): number {
  // seq may exceed 2^32 (k6 iterationInTest on long runs): fold the high word in.
  // The seed is scrambled on its own first: XORing it raw with seq made seed s+1 replay seed s's
  // plan shifted by a few seqs (seed ^ seq collides along lines of neighbouring seeds).
  let h = mix(mix(seed >>> 0) ^ Math.imul(draw + 1, 0x9e3779b9));
  h = mix((h + (seq >>> 0)) >>> 0);
  h = mix(h ^ Math.floor(seq / 4294967296));
  return h / 4294967296;
}

function mix(value: number): number {
  // murmur3 fmix32 finaliser: full avalanche on 32 bits.
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}
