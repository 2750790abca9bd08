import { describe, expect, it } from 'vitest';
import { LEDGER_FLAG } from '../../common/contracts/index.ts';
import { reconcile } from './reconcile.ts';
import { buildAcked, buildLedgerStats, RUN_ID } from '../../test/helpers/reports/test-builders.ts';

const seqs = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('reconcile', () => {
  it('counts an acked message with no reply as lost', () => {
    const r = reconcile(
      [buildAcked({ seqs: seqs(10) })],
      buildLedgerStats({ answered: 10, messages: [{ seq: 3, replies: 0 }] }),
    );
    expect(r).toMatchObject({ ackedMessages: 10, withReply: 9, lost: 1, estimate: false });
    expect(r?.examples.lost).toEqual([[3, 0]]);
  });

  it('does not count a message Graph rejected as lost', () => {
    const r = reconcile(
      [buildAcked({ seqs: seqs(10) })],
      buildLedgerStats({ answered: 10, messages: [{ seq: 3, replies: 0, flags: LEDGER_FLAG.rejected }] }),
    );
    expect(r).toMatchObject({ lost: 0, rejectedNotLost: 1 });
  });

  it('counts lost messages whose replies Graph refused with a retryable answer apart, as lost after refusals', () => {
    const r = reconcile(
      [buildAcked({ seqs: seqs(10) })],
      buildLedgerStats({
        answered: 10,
        messages: [
          { seq: 3, replies: 0, flags: LEDGER_FLAG.refused },
          { seq: 4, replies: 0 },
          { seq: 5, replies: 1, flags: LEDGER_FLAG.refused },
        ],
      }),
    );
    expect(r).toMatchObject({ lost: 2, lostAfterRefusals: 1, withReply: 8 });
  });

  it('splits duplicate replies into genuine and ambiguous ones', () => {
    const r = reconcile(
      [buildAcked({ seqs: seqs(10) })],
      buildLedgerStats({
        answered: 10,
        messages: [
          { seq: 1, replies: 3, reads: 1 },
          { seq: 2, replies: 2, reads: 1, flags: LEDGER_FLAG.ambiguous },
        ],
      }),
    );
    expect(r?.duplicateReplies).toEqual({ genuine: 2, ambiguous: 1 });
    expect(r?.duplicateReplyMessages).toEqual({ genuine: 1, ambiguous: 1 });
    expect(r?.examples.duplicates).toEqual([[1, 0]]);
  });

  it('counts duplicate read receipts apart from duplicate replies', () => {
    const r = reconcile(
      [buildAcked({ seqs: seqs(10) })],
      buildLedgerStats({ answered: 10, messages: [{ seq: 4, replies: 1, reads: 2 }] }),
    );
    expect(r?.duplicateReads).toEqual({ genuine: 1, ambiguous: 0 });
    expect(r?.duplicateReplies).toEqual({ genuine: 0, ambiguous: 0 });
  });

  it('reports replies to deliveries that were never acknowledged as side effects, not lost', () => {
    const r = reconcile([buildAcked({ seqs: seqs(8) })], buildLedgerStats({ answered: 10 }));
    expect(r).toMatchObject({ ackedMessages: 8, lost: 0, unacked: { messages: 2, replies: 2 } });
  });

  it('checks every part of a batched delivery', () => {
    const acked = buildAcked({ seqs: [0, 1], multiPart: [[1, 3]] });
    const ledger = buildLedgerStats({
      answered: 2,
      messages: [
        { seq: 1, part: 1, replies: 1 },
        { seq: 1, part: 2, replies: 0 },
      ],
    });
    const r = reconcile([acked], ledger);
    expect(r).toMatchObject({ ackedMessages: 4, withReply: 3, lost: 1 });
    expect(r?.examples.lost).toEqual([[1, 2]]);
  });

  it('estimates lost messages when the engine only counted acks', () => {
    const ledger = buildLedgerStats({
      answered: 10,
      messages: [
        { seq: 5, replies: 0, flags: LEDGER_FLAG.rejected },
        { seq: 6, replies: 0 },
      ],
    });
    const r = reconcile([{ mode: 'count', runId: RUN_ID, count: 12 }], ledger);
    expect(r).toMatchObject({
      mode: 'count',
      estimate: true,
      ackedMessages: 12,
      withReply: 8,
      rejectedNotLost: 1,
      lost: 3,
    });
  });

  it('bounds a count-only estimate from above with the sent count, so it never passes a run the exact count fails', () => {
    // 10 messages sent; 1 delivery failed and was never acknowledged but its reply went out
    // (seq 9); 1 acknowledged message got no reply (seq 3). Exact lost (bitset): 1.
    const ledger = buildLedgerStats({ answered: 10, messages: [{ seq: 3, replies: 0 }] });
    const exact = reconcile([buildAcked({ seqs: seqs(9) })], ledger);
    expect(exact?.lost).toBe(1);
    // Count-only, old way: 9 acked − 9 answered = 0, a pass the exact count fails.
    expect(reconcile([{ mode: 'count', runId: RUN_ID, count: 9 }], ledger)?.lost).toBe(0);
    const bounded = reconcile([{ mode: 'count', runId: RUN_ID, count: 9, inboundSent: 10 }], ledger);
    expect(bounded).toMatchObject({ mode: 'count', estimate: true, lost: 1 });
    // An unanswered unacknowledged message may fail a clean run, labelled an estimate.
    const clean = buildLedgerStats({ answered: 9 });
    expect(reconcile([buildAcked({ seqs: seqs(9) })], clean)?.lost).toBe(0);
    expect(reconcile([{ mode: 'count', runId: RUN_ID, count: 9, inboundSent: 10 }], clean)).toMatchObject({
      lost: 1,
      estimate: true,
    });
    // Instances add their sent counts.
    expect(
      reconcile(
        [
          { mode: 'count', runId: RUN_ID, count: 4, inboundSent: 5 },
          { mode: 'count', runId: RUN_ID, count: 5, inboundSent: 5 },
        ],
        ledger,
      )?.lost,
    ).toBe(1);
  });

  it('never estimates a negative number of lost messages', () => {
    const r = reconcile([{ mode: 'count', runId: RUN_ID, count: 5 }], buildLedgerStats({ answered: 10 }));
    expect(r?.lost).toBe(0);
  });

  it('merges the acked bitsets of several engine instances', () => {
    const r = reconcile(
      [buildAcked({ seqs: [0, 2, 4] }), buildAcked({ seqs: [1, 3, 5] })],
      buildLedgerStats({ answered: 6 }),
    );
    expect(r).toMatchObject({ ackedMessages: 6, lost: 0, unacked: { messages: 0 } });
  });

  it('treats every acked message as lost when the ledger never saw the run', () => {
    const r = reconcile([buildAcked({ seqs: seqs(4) })], buildLedgerStats({ runId: 'ffffffffffff', answered: 4 }));
    expect(r?.lost).toBe(4);
  });

  it('returns null without a ledger: lost and duplicates are unknown, not zero', () => {
    expect(reconcile([buildAcked({ seqs: seqs(4) })], undefined)).toBeNull();
  });
});
