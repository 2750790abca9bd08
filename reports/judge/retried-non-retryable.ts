import { LEDGER_FLAG, type LedgerStats } from '../../common/contracts/index.ts';
import { decodeBytes } from '../../common/node/index.ts';

export interface RetriedNonRetryable {
  /** Messages whose send was repeated after a do-not-retry Graph error: the gate's count. */
  retried: number;
  /** Such messages whose other side effects were repeated too: processed twice (the duplicates gate's). */
  reprocessed: number;
}

/**
 * Messages of `runId` first sent in seqs [lo, hi) whose refused send was sent again. A message
 * whose reply or read receipt was also committed twice was processed twice (a duplicate delivery
 * let through): the repeated send is the second processing, not a retry, and is left to the
 * duplicates gate. Without per-message data, the ledger's count of repeated sends. Pure.
 */
export function countRetriedNonRetryable(
  ledger: LedgerStats,
  runId: string,
  [lo, hi]: [number, number] = [0, Number.MAX_SAFE_INTEGER],
): RetriedNonRetryable {
  const run = ledger.runs.find((r) => r.runId === runId);
  if (!run) return { retried: lo === 0 ? ledger.retriedNonRetryable : 0, reprocessed: 0 };
  const flags = decodeBytes(run.flags);
  const replies = decodeBytes(run.replies);
  const reads = decodeBytes(run.reads);
  const out = { retried: 0, reprocessed: 0 };
  const file = (f: number, nReplies: number, nReads: number) => {
    if (!(f & LEDGER_FLAG.retriedNonRetryable)) return;
    if (nReplies > 1 || nReads > 1) out.reprocessed++;
    else out.retried++;
  };
  for (let seq = lo; seq < Math.min(hi, flags.length); seq++) file(flags[seq] ?? 0, replies[seq] ?? 0, reads[seq] ?? 0);
  for (const [seq, , nReplies, nReads, f] of run.extraParts) if (seq >= lo && seq < hi) file(f, nReplies, nReads);
  return out;
}
