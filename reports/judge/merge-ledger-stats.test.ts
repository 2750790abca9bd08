import { describe, expect, it } from 'vitest';
import { LEDGER_FLAG, gatesSchema } from '../../common/contracts/index.ts';
import { Histogram } from '../../common/core/index.ts';
import { buildSummary } from './build-summary.ts';
import { mergeLedgerStats } from './merge-ledger-stats.ts';
import { reconcile } from './reconcile.ts';
import {
  buildAcked,
  buildHistogram,
  buildLedgerStats,
  buildRunRecord,
} from '../../test/helpers/reports/test-builders.ts';

const seqs = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('mergeLedgerStats', () => {
  // One traffic: message 1 answered twice (one reply per replica), 2 never, 3 ambiguous, 4 read twice.
  const whole = buildLedgerStats({
    answered: 8,
    messages: [
      { seq: 1, replies: 2, reads: 1 },
      { seq: 2, replies: 0, reads: 0 },
      { seq: 3, replies: 2, reads: 1, flags: LEDGER_FLAG.ambiguous },
      { seq: 4, replies: 1, reads: 2 },
      { seq: 5, part: 1, replies: 2, reads: 1 },
    ],
  });
  const replicaA = buildLedgerStats({
    answered: 0,
    messages: [
      ...[0, 1, 3, 6].map((seq) => ({ seq, replies: 1, reads: 1 })),
      { seq: 4, replies: 0, reads: 1 },
      { seq: 5, part: 1, replies: 1, reads: 1 },
    ],
    reply: buildHistogram([[100, 4]]),
  });
  const replicaB = buildLedgerStats({
    answered: 0,
    messages: [
      { seq: 1, replies: 1, reads: 0 },
      { seq: 3, replies: 1, reads: 0, flags: LEDGER_FLAG.ambiguous },
      { seq: 4, replies: 1, reads: 1 },
      { seq: 5, replies: 1, reads: 1 },
      { seq: 7, replies: 1, reads: 1 },
      { seq: 5, part: 1, replies: 1, reads: 0 },
    ],
    reply: buildHistogram([[3000, 1]]),
  });

  it('gives the same reconciliation as one ledger that saw all the traffic', () => {
    const acked = [buildAcked({ seqs: seqs(8), multiPart: [[5, 2]] })];
    const merged = reconcile(acked, mergeLedgerStats([replicaA, replicaB]));
    expect(merged).toEqual(reconcile(acked, whole));
    expect(merged).toMatchObject({
      lost: 1,
      duplicateReplies: { genuine: 2, ambiguous: 1 },
      duplicateReads: { genuine: 1, ambiguous: 0 },
    });
  });

  it('gives the same gate verdicts as one ledger that saw all the traffic', () => {
    const record = buildRunRecord({ seconds: 1, rate: 8, acked: buildAcked({ seqs: seqs(8), multiPart: [[5, 2]] }) });
    const gates = gatesSchema.parse({});
    const verdicts = (ledgers: ReturnType<typeof buildLedgerStats>[]) =>
      buildSummary({ runRecords: [record], ledgers, gates })
        .gates.filter((g) => ['lost', 'duplicates'].includes(g.id))
        .map((g) => [g.id, g.verdict, g.observed]);
    expect(verdicts([replicaA, replicaB])).toEqual(verdicts([whole]));
  });

  it('adds replica counts, merges histograms and sums records', () => {
    const merged = mergeLedgerStats([replicaA, replicaB]);
    expect(merged.replicas).toBe(2);
    expect(merged.latency.reply.count).toBe(5);
    expect(Histogram.fromJSON(merged.latency.reply).percentileMs(99)).toBeGreaterThan(2900);
    expect(merged.committedByType).toEqual({ text: 9, read: 9 });
  });

  it('saturates per-message counts at 255 like the ledger does', () => {
    const a = buildLedgerStats({ answered: 0, messages: [{ seq: 0, replies: 200 }] });
    const b = buildLedgerStats({ answered: 0, messages: [{ seq: 0, replies: 100 }] });
    const r = reconcile([buildAcked({ seqs: [0] })], mergeLedgerStats([a, b]));
    expect(r?.duplicateReplies.genuine).toBe(254);
  });
});
