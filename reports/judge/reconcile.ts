import { LEDGER_FLAG, type LedgerRun, type LedgerStats } from '../../common/contracts/index.ts';
import type { Acked } from '../../common/contracts/index.ts';
import { decodeBytes } from '../../common/node/index.ts';
import type { Reconciliation } from '../schema/summary-schema.ts';

const MAX_EXAMPLES = 10;

/** What one run id's engines acknowledged, merged across instances. */
type AckedSet =
  | { mode: 'bitset'; seqs: Uint8Array; multiPart: Map<number, number> }
  | { mode: 'count'; count: number; inboundSent?: number };

function popcount(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) {
    let v = b;
    while (v) {
      v &= v - 1;
      n++;
    }
  }
  return n;
}

function countAckedMessages(a: AckedSet): number {
  if (a.mode === 'count') return a.count;
  let parts = 0;
  for (const n of a.multiPart.values()) parts += n - 1;
  return popcount(a.seqs) + parts;
}

/** Several instances of one run: bitsets OR; any count-only instance turns the whole run into a count. */
function mergeAcked(list: readonly Acked[]): AckedSet {
  let merged: AckedSet = { mode: 'bitset', seqs: new Uint8Array(0), multiPart: new Map() };
  for (const a of list) {
    if (a.mode === 'count' || merged.mode === 'count') {
      const known: number = merged.mode === 'count' ? merged.count : countAckedMessages(merged);
      const add =
        a.mode === 'count'
          ? a.count
          : countAckedMessages({ mode: 'bitset', seqs: decodeBytes(a.seqs), multiPart: new Map(a.multiPart) });
      // The upper bound needs every instance's sent count; an instance without one drops it.
      const first: boolean = merged.mode === 'bitset' && merged.seqs.length === 0 && merged.multiPart.size === 0;
      const knownSent: number | undefined = merged.mode === 'count' ? merged.inboundSent : first ? 0 : undefined;
      const addSent = a.mode === 'count' ? a.inboundSent : undefined;
      merged = {
        mode: 'count',
        count: known + add,
        ...(knownSent !== undefined && addSent !== undefined ? { inboundSent: knownSent + addSent } : {}),
      };
      continue;
    }
    const bits = decodeBytes(a.seqs);
    const seqs: Uint8Array = new Uint8Array(Math.max(bits.length, merged.seqs.length));
    seqs.set(merged.seqs);
    for (let i = 0; i < bits.length; i++) seqs[i] = (seqs[i] ?? 0) | (bits[i] ?? 0);
    for (const [seq, n] of a.multiPart) merged.multiPart.set(seq, Math.max(n, merged.multiPart.get(seq) ?? 0));
    merged = { mode: 'bitset', seqs, multiPart: merged.multiPart };
  }
  return merged;
}

function emptyReconciliation(mode: 'bitset' | 'count'): Reconciliation {
  return {
    mode,
    estimate: mode === 'count',
    ackedMessages: 0,
    withReply: 0,
    lost: 0,
    rejectedNotLost: 0,
    lostAfterRefusals: 0,
    duplicateReplies: { genuine: 0, ambiguous: 0 },
    duplicateReads: { genuine: 0, ambiguous: 0 },
    duplicateReplyMessages: { genuine: 0, ambiguous: 0 },
    unacked: { messages: 0, replies: 0 },
    examples: { lost: [], duplicates: [] },
  };
}

/** One inbound message as the ledger saw it: its side effects and flag bits. */
interface MessageRow {
  seq: number;
  part: number;
  replies: number;
  reads: number;
  flags: number;
}

/** Tallies duplicates of one message (acked or not: a duplicate is a defect either way). */
function tallyDuplicates(out: Reconciliation, { seq, part, replies, reads, flags }: MessageRow): void {
  const cause = flags & LEDGER_FLAG.ambiguous ? 'ambiguous' : 'genuine';
  if (replies > 1) {
    out.duplicateReplies[cause] += replies - 1;
    out.duplicateReplyMessages[cause] += 1;
  }
  if (reads > 1) out.duplicateReads[cause] += reads - 1;
  if ((replies > 1 || reads > 1) && cause === 'genuine' && out.examples.duplicates.length < MAX_EXAMPLES)
    out.examples.duplicates.push([seq, part]);
}

function tallyAcked(out: Reconciliation, row: MessageRow): void {
  const { seq, part, replies, flags } = row;
  out.ackedMessages++;
  if (replies > 0) out.withReply++;
  else if (flags & LEDGER_FLAG.rejected) out.rejectedNotLost++;
  else {
    out.lost++;
    if (flags & LEDGER_FLAG.refused) out.lostAfterRefusals = (out.lostAfterRefusals ?? 0) + 1;
    if (out.examples.lost.length < MAX_EXAMPLES) out.examples.lost.push([seq, part]);
  }
  tallyDuplicates(out, row);
}

/** A message the target never acknowledged: its replies are side effects for unacked deliveries. */
function tallyUnacked(out: Reconciliation, row: MessageRow): void {
  if (row.replies > 0) {
    out.unacked.messages++;
    out.unacked.replies += row.replies;
  }
  tallyDuplicates(out, row);
}

interface LedgerView {
  replies: Uint8Array;
  reads: Uint8Array;
  flags: Uint8Array;
  extra: Map<number, Map<number, [number, number, number]>>;
}

function viewLedgerRun(run: LedgerRun | undefined): LedgerView {
  const extra = new Map<number, Map<number, [number, number, number]>>();
  if (!run) return { replies: new Uint8Array(0), reads: new Uint8Array(0), flags: new Uint8Array(0), extra };
  for (const [seq, part, replies, reads, flags] of run.extraParts) {
    let parts = extra.get(seq);
    if (!parts) extra.set(seq, (parts = new Map()));
    parts.set(part, [replies, reads, flags]);
  }
  return { replies: decodeBytes(run.replies), reads: decodeBytes(run.reads), flags: decodeBytes(run.flags), extra };
}

function reconcileBitset(acked: Extract<AckedSet, { mode: 'bitset' }>, ledger: LedgerView): Reconciliation {
  const out = emptyReconciliation('bitset');
  const end = Math.max(acked.seqs.length * 8, ledger.replies.length, ledger.reads.length);
  for (let seq = 0; seq < end; seq++) {
    const isAcked = ((acked.seqs[seq >>> 3] ?? 0) & (1 << (seq & 7))) !== 0;
    const row = {
      seq,
      part: 0,
      replies: ledger.replies[seq] ?? 0,
      reads: ledger.reads[seq] ?? 0,
      flags: ledger.flags[seq] ?? 0,
    };
    if (isAcked) tallyAcked(out, row);
    else tallyUnacked(out, row);
  }
  for (const [seq, partCount] of acked.multiPart) {
    const parts = ledger.extra.get(seq);
    for (let part = 1; part < partCount; part++) {
      const [replies, reads, flags] = parts?.get(part) ?? [0, 0, 0];
      tallyAcked(out, { seq, part, replies, reads, flags });
    }
  }
  for (const [seq, parts] of ledger.extra) {
    const partCount = acked.multiPart.get(seq) ?? 0;
    for (const [part, [replies, reads, flags]] of parts) {
      if (part < partCount) continue;
      tallyUnacked(out, { seq, part, replies, reads, flags });
    }
  }
  return out;
}

/**
 * A hand-made k6 run only reports how many messages were acked (and sent), not which. Answered
 * messages may include unacknowledged ones, so "acked − answered" undercounts. With the sent count
 * the estimate is an upper bound: at most (sent − acked) answered messages were unacknowledged, so
 * lost ≤ min(acked, sent − answered − rejected). It may fail a clean run (labelled estimate) but
 * never passes a run the exact count fails.
 */
function reconcileCount(count: number, inboundSent: number | undefined, ledger: LedgerView): Reconciliation {
  const out = emptyReconciliation('count');
  const visit = (seq: number, part: number, replies: number, reads: number, flags: number): void => {
    if (replies > 0) out.withReply++;
    else if (flags & LEDGER_FLAG.rejected) out.rejectedNotLost++;
    tallyDuplicates(out, { seq, part, replies, reads, flags });
  };
  const end = Math.max(ledger.replies.length, ledger.reads.length, ledger.flags.length);
  for (let seq = 0; seq < end; seq++)
    visit(seq, 0, ledger.replies[seq] ?? 0, ledger.reads[seq] ?? 0, ledger.flags[seq] ?? 0);
  for (const [seq, parts] of ledger.extra)
    for (const [part, [replies, reads, flags]] of parts) visit(seq, part, replies, reads, flags);
  out.ackedMessages = count;
  const settled = out.withReply + out.rejectedNotLost;
  out.lost =
    inboundSent === undefined ? Math.max(0, count - settled) : Math.max(0, Math.min(count, inboundSent - settled));
  return out;
}

function addReconciliations(a: Reconciliation, b: Reconciliation): Reconciliation {
  const split = (x: { genuine: number; ambiguous: number }, y: { genuine: number; ambiguous: number }) => ({
    genuine: x.genuine + y.genuine,
    ambiguous: x.ambiguous + y.ambiguous,
  });
  const mode = a.mode === 'count' || b.mode === 'count' ? 'count' : 'bitset';
  return {
    mode,
    estimate: a.estimate || b.estimate,
    ackedMessages: a.ackedMessages + b.ackedMessages,
    withReply: a.withReply + b.withReply,
    lost: a.lost + b.lost,
    rejectedNotLost: a.rejectedNotLost + b.rejectedNotLost,
    lostAfterRefusals: (a.lostAfterRefusals ?? 0) + (b.lostAfterRefusals ?? 0),
    duplicateReplies: split(a.duplicateReplies, b.duplicateReplies),
    duplicateReads: split(a.duplicateReads, b.duplicateReads),
    duplicateReplyMessages: split(a.duplicateReplyMessages, b.duplicateReplyMessages),
    unacked: { messages: a.unacked.messages + b.unacked.messages, replies: a.unacked.replies + b.unacked.replies },
    examples: {
      lost: [...a.examples.lost, ...b.examples.lost].slice(0, MAX_EXAMPLES),
      duplicates: [...a.examples.duplicates, ...b.examples.duplicates].slice(0, MAX_EXAMPLES),
    },
  };
}

/**
 * Reconciles what the target acknowledged (run records) with the side effects the mock saw
 * (ledger): lost, duplicated, rejected and unacknowledged-but-answered messages. Returns null
 * without a ledger: those facts are then unknown, not zero.
 */
export function reconcile(acked: readonly Acked[], ledger: LedgerStats | undefined): Reconciliation | null {
  if (!ledger || acked.length === 0) return null;
  const byRun = new Map<string, Acked[]>();
  for (const a of acked) byRun.set(a.runId, [...(byRun.get(a.runId) ?? []), a]);
  let total: Reconciliation | null = null;
  for (const [runId, list] of byRun) {
    const set = mergeAcked(list);
    const view = viewLedgerRun(ledger.runs.find((r) => r.runId === runId));
    const part = set.mode === 'bitset' ? reconcileBitset(set, view) : reconcileCount(set.count, set.inboundSent, view);
    total = total ? addReconciliations(total, part) : part;
  }
  return total;
}
