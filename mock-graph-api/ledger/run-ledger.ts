/** Flag bits kept per message; the low four are LEDGER_FLAG, the rest are internal. */
export const FLAG = {
  ambiguous: 1,
  rejected: 2,
  retriedNonRetryable: 4,
  refused: 8,
  rejectedReply: 16,
  rejectedRead: 32,
} as const;
export const PUBLIC_FLAG_MASK = 15;

const CHUNK = 1 << 16;
/** Above this seq the dense arrays would be wasteful; such sends count as uncorrelated. */
export const MAX_DENSE_SEQ = 1 << 26;

export type Counter = 'replies' | 'reads' | 'flags';

/**
 * Side effects of one run: saturating u8 counts and flag bits indexed by delivery seq (part 0),
 * grown in 64 Ki chunks, so 10 M deliveries cost 30 MB; batched parts ≥ 1 live in a Map.
 */
export class RunLedger {
  replies = new Uint8Array(0);
  reads = new Uint8Array(0);
  flags = new Uint8Array(0);
  /** Highest seq touched in the dense arrays, -1 when none. */
  highest = -1;
  /** (seq * 65536 + part) → [replies, reads, flags] for parts ≥ 1. */
  readonly extra = new Map<number, [number, number, number]>();

  constructor(readonly runId: string) {}

  private ensure(seq: number): void {
    if (seq > this.highest) this.highest = seq;
    if (seq < this.replies.length) return;
    const wanted = Math.max(seq + 1, Math.floor(this.replies.length * 1.5));
    const capacity = Math.ceil(wanted / CHUNK) * CHUNK;
    for (const key of ['replies', 'reads', 'flags'] as const) {
      const grown = new Uint8Array(capacity);
      grown.set(this[key]);
      this[key] = grown;
    }
  }

  private extraEntry(seq: number, part: number): [number, number, number] {
    const key = seq * 65536 + part;
    let entry = this.extra.get(key);
    if (!entry) this.extra.set(key, (entry = [0, 0, 0]));
    return entry;
  }

  get(seq: number, part: number, counter: Counter): number {
    if (part > 0) {
      const entry = this.extra.get(seq * 65536 + part);
      return entry ? entry[counter === 'replies' ? 0 : counter === 'reads' ? 1 : 2] : 0;
    }
    return seq < this.replies.length ? (this[counter][seq] ?? 0) : 0;
  }

  /** Adds one to a count (saturating at 255) and returns the new value. */
  increment(seq: number, part: number, counter: 'replies' | 'reads'): number {
    if (part > 0) {
      const entry = this.extraEntry(seq, part);
      const i = counter === 'replies' ? 0 : 1;
      entry[i] = Math.min(255, entry[i] + 1);
      return entry[i];
    }
    this.ensure(seq);
    const array = this[counter];
    const next = Math.min(255, (array[seq] ?? 0) + 1);
    array[seq] = next;
    return next;
  }

  setFlag(seq: number, part: number, bit: number): void {
    if (part > 0) {
      const entry = this.extraEntry(seq, part);
      entry[2] |= bit;
      return;
    }
    this.ensure(seq);
    this.flags[seq] = (this.flags[seq] ?? 0) | bit;
  }
}
