import { LEDGER_FLAG, type LedgerStats } from '../../common/contracts/index.ts';
import { decodeBytes } from '../../common/node/index.ts';

const SAMPLE_LIMIT = 10;

export interface LedgerSummary {
  committed: number;
  committedByType: Record<string, number>;
  messagesReplied: number;
  messagesRead: number;
  /** Messages answered more than once, by cause (the reports' `duplicateReplyMessages`; their `duplicateReplies` counts the extra replies). */
  duplicateReplyMessages: { genuine: number; ambiguous: number };
  /** Messages marked as read more than once, by cause. */
  duplicateReadMessages: { genuine: number; ambiguous: number };
  rejectedMessages: number;
  retriedNonRetryable: number;
  uncorrelated: number;
  /** Only when delivered counts were given: messages below that seq with no reply and not rejected. */
  lost?: number;
  limits: LedgerStats['limits'];
  faults: LedgerStats['faults'];
  samples: { genuineDuplicates: string[]; ambiguousDuplicates: string[]; rejected: string[]; lost: string[] };
}

interface Row {
  id: string;
  replies: number;
  reads: number;
  flags: number;
}

function* iterateRows(
  stats: LedgerStats,
  delivered: Record<string, number>,
): Generator<Row & { seq: number; part: number; runId: string }> {
  for (const run of stats.runs) {
    const replies = decodeBytes(run.replies);
    const reads = decodeBytes(run.reads);
    const flags = decodeBytes(run.flags);
    const length = Math.max(replies.length, delivered[run.runId] ?? 0);
    for (let seq = 0; seq < length; seq++) {
      yield {
        runId: run.runId,
        seq,
        part: 0,
        id: `${run.runId}/${seq}`,
        replies: replies[seq] ?? 0,
        reads: reads[seq] ?? 0,
        flags: flags[seq] ?? 0,
      };
    }
    for (const [seq, part, r, d, f] of run.extraParts)
      yield { runId: run.runId, seq, part, id: `${run.runId}/${seq}/${part}`, replies: r, reads: d, flags: f };
  }
}

function addSample(list: string[], id: string): void {
  if (list.length < SAMPLE_LIMIT) list.push(id);
}

/**
 * The human-oriented view of ledger stats (GET /__admin/ledger): totals, duplicates split into
 * genuine and ambiguous, rejections and, given delivered counts per run id, lost messages.
 */
export function summarizeLedger(stats: LedgerStats, delivered: Record<string, number> = {}): LedgerSummary {
  const summary: LedgerSummary = {
    committed: Object.values(stats.committedByType).reduce((a, b) => a + b, 0),
    committedByType: stats.committedByType,
    messagesReplied: 0,
    messagesRead: 0,
    duplicateReplyMessages: { genuine: 0, ambiguous: 0 },
    duplicateReadMessages: { genuine: 0, ambiguous: 0 },
    rejectedMessages: 0,
    retriedNonRetryable: stats.retriedNonRetryable,
    uncorrelated: stats.uncorrelated,
    limits: stats.limits,
    faults: stats.faults,
    samples: { genuineDuplicates: [], ambiguousDuplicates: [], rejected: [], lost: [] },
  };
  const countLost = Object.keys(delivered).length > 0;
  let lost = 0;
  for (const row of iterateRows(stats, delivered)) {
    const ambiguous = (row.flags & LEDGER_FLAG.ambiguous) !== 0;
    if (row.replies > 0) summary.messagesReplied++;
    if (row.reads > 0) summary.messagesRead++;
    if (row.replies > 1) {
      summary.duplicateReplyMessages[ambiguous ? 'ambiguous' : 'genuine']++;
      addSample(ambiguous ? summary.samples.ambiguousDuplicates : summary.samples.genuineDuplicates, row.id);
    }
    if (row.reads > 1) summary.duplicateReadMessages[ambiguous ? 'ambiguous' : 'genuine']++;
    const rejected = (row.flags & LEDGER_FLAG.rejected) !== 0;
    if (rejected) {
      summary.rejectedMessages++;
      addSample(summary.samples.rejected, row.id);
    }
    if (countLost && row.part === 0 && row.seq < (delivered[row.runId] ?? 0) && row.replies === 0 && !rejected) {
      lost++;
      addSample(summary.samples.lost, row.id);
    }
  }
  // Runs that were delivered but never seen by the mock lost every message.
  const seen = new Set(stats.runs.map((r) => r.runId));
  for (const [runId, count] of Object.entries(delivered)) {
    if (seen.has(runId)) continue;
    lost += count;
    for (let seq = 0; seq < Math.min(count, SAMPLE_LIMIT); seq++) addSample(summary.samples.lost, `${runId}/${seq}`);
  }
  if (countLost) summary.lost = lost;
  return summary;
}
