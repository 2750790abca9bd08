import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { EncodedBytes } from '../contracts/index.ts';

/** Packs a byte array (counts or bit sets) compactly for JSON: raw deflate, then base64. */
export function encodeBytes(bytes: Uint8Array): EncodedBytes {
  return { encoding: 'deflate-base64', length: bytes.length, data: deflateRawSync(bytes).toString('base64') };
}

/** Inverse of encodeBytes; throws when the payload does not inflate to the announced length. */
export function decodeBytes(encoded: EncodedBytes): Uint8Array {
  const out = new Uint8Array(inflateRawSync(Buffer.from(encoded.data, 'base64')));
  if (out.length !== encoded.length)
    throw new Error(`encoded bytes: expected ${encoded.length} bytes, got ${out.length}`);
  return out;
}

/** A growable bit set over non-negative integers (delivery sequence numbers). */
export class BitSet {
  private bytes = new Uint8Array(1024);
  private highest = -1;

  add(n: number): void {
    const byte = n >>> 3;
    if (byte >= this.bytes.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bytes.length * 2));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[byte] = (this.bytes[byte] ?? 0) | (1 << (n & 7));
    if (n > this.highest) this.highest = n;
  }

  has(n: number): boolean {
    const byte = n >>> 3;
    return byte < this.bytes.length && ((this.bytes[byte] ?? 0) & (1 << (n & 7))) !== 0;
  }

  /** Number of set bits. */
  size(): number {
    let total = 0;
    for (const b of this.bytes.subarray(0, (this.highest >>> 3) + 1)) {
      let v = b;
      while (v) {
        v &= v - 1;
        total++;
      }
    }
    return total;
  }

  *values(): Generator<number> {
    for (let n = 0; n <= this.highest; n++) if (this.has(n)) yield n;
  }

  encode(): EncodedBytes {
    return encodeBytes(this.bytes.subarray(0, (this.highest >>> 3) + 1));
  }

  static decode(encoded: EncodedBytes): BitSet {
    const set = new BitSet();
    const bytes = decodeBytes(encoded);
    set.bytes = bytes.length ? bytes.slice() : new Uint8Array(1024);
    for (let i = bytes.length - 1; i >= 0; i--) {
      const b = bytes[i] ?? 0;
      if (b) {
        set.highest = i * 8 + (31 - Math.clz32(b));
        break;
      }
    }
    return set;
  }
}
