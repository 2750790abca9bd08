import type { LedgerRun, LedgerStats, Acked, PhaseWindow } from '../../common/contracts/index.ts';
import { decodeBytes, encodeBytes } from '../../common/node/index.ts';
import type { MergedRun } from './merge-run-records.ts';
import { reconcile } from './reconcile.ts';
import type { Reconciliation } from '../schema/summary-schema.ts';

/**
 * Delivery seq ranges per phase. The engine numbers planned deliveries in send order and counts
 * `deliveries` under the phase of their intended send time, so phase k owns the seqs that follow
 * the deliveries of the phases before it.
 */
export function seqRangesByPhase(
  phases: readonly PhaseWindow[],
  countersByPhase: MergedRun['countersByPhase'],
): Map<string, [number, number]> {
  const ranges = new Map<string, [number, number]>();
  let next = 0;
  for (const p of [...phases].sort((a, b) => a.startS - b.startS)) {
    const n = countersByPhase[p.name]?.deliveries ?? 0;
    ranges.set(p.name, [next, next + n]);
    next += n;
  }
  return ranges;
}

function maskBits(encoded: Acked & { mode: 'bitset' }, lo: number, hi: number, exclude: ReadonlySet<number>): Acked {
  const bits = decodeBytes(encoded.seqs);
  const out = new Uint8Array(bits.length);
  for (let seq = lo; seq < Math.min(hi, bits.length * 8); seq++)
    if (!exclude.has(seq) && (bits[seq >>> 3] ?? 0) & (1 << (seq & 7)))
      out[seq >>> 3] = (out[seq >>> 3] ?? 0) | (1 << (seq & 7));
  return { ...encoded, seqs: encodeBytes(out), multiPart: encoded.multiPart.filter(([seq]) => seq >= lo && seq < hi) };
}

function maskCounts(run: LedgerRun, lo: number, hi: number): LedgerRun {
  const slice = (e: LedgerRun['replies']) => {
    const bytes = decodeBytes(e);
    const out = new Uint8Array(bytes.length);
    out.set(bytes.subarray(Math.min(lo, bytes.length), Math.min(hi, bytes.length)), Math.min(lo, bytes.length));
    return encodeBytes(out);
  };
  return {
    ...run,
    replies: slice(run.replies),
    reads: slice(run.reads),
    flags: slice(run.flags),
    extraParts: run.extraParts.filter(([seq]) => seq >= lo && seq < hi),
  };
}

/**
 * Lost and duplicated messages among those first sent in one phase (the whole-run reconciliation
 * restricted to the phase's seqs; seqs in `exclude` count as not acknowledged). Undefined when acks are only counted (k6), which cannot be split.
 */
export function reconcilePhase(
  run: MergedRun,
  ledger: LedgerStats | undefined,
  range: [number, number],
  exclude: ReadonlySet<number> = new Set(),
): Reconciliation | undefined {
  if (!ledger || run.acked.length === 0 || run.acked.some((a) => a.mode !== 'bitset')) return undefined;
  const [lo, hi] = range;
  const acked = run.acked.map((a) => maskBits(a as Acked & { mode: 'bitset' }, lo, hi, exclude));
  const masked: LedgerStats = { ...ledger, runs: ledger.runs.map((r) => maskCounts(r, lo, hi)) };
  return reconcile(acked, masked) ?? undefined;
}
