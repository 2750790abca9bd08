import { describe, expect, it } from 'vitest';
import { ledgerStatsSchema } from '../../common/contracts/index.ts';
import { decodeBytes } from '../../common/node/index.ts';
import { createLedger, MAX_CALL_IDS, type MessageRef } from './ledger.ts';
import { RunLedger } from './run-ledger.ts';
import { summarizeLedger } from './summarize-ledger.ts';

const RUN = 'a1b2c3d4e5f6';
const ref = (seq: number, part = 0, sentAtMs: number | undefined = 1000): MessageRef => ({
  runId: RUN,
  seq,
  part,
  sentAtMs,
});

describe('ledger on a scripted sequence', () => {
  // seq 0: one reply; 1: two replies (genuine duplicate); 2: reply hit by an after-commit fault, then
  // retried (ambiguous duplicate); 3: rejected, then retried; 4: nothing (lost); 5: read only.
  function script() {
    const ledger = createLedger();
    ledger.commit(ref(0), 'reply', 'text', 'healthy', 1200, true);
    ledger.commit(ref(1), 'reply', 'text', 'healthy', 1300, true);
    ledger.commit(ref(1), 'reply', 'text', 'healthy', 1400, true);
    ledger.commit(ref(2), 'reply', 'image', 'flaky', 1500, true);
    ledger.markAmbiguous(ref(2));
    ledger.commit(ref(2), 'reply', 'image', 'flaky', 1600, true);
    ledger.noteArrival(ref(3), 'reply');
    ledger.markRejected(ref(3), 'reply');
    ledger.noteArrival(ref(3), 'reply');
    ledger.commit(ref(5), 'read', 'read', 'healthy', 1050, true);
    return ledger;
  }

  it('counts messages answered twice, not the extra replies, as duplicate-reply messages', () => {
    const ledger = script();
    ledger.commit(ref(1), 'reply', 'text', 'healthy', 1450, true);
    ledger.commit(ref(5), 'read', 'read', 'healthy', 1060, true);
    const summary = summarizeLedger(ledger.stats());
    expect(summary.duplicateReplyMessages.genuine).toBe(1); // seq 1, answered three times
    expect(summary.duplicateReadMessages.genuine).toBe(1);
  });

  it('produces ledger stats that match the contract schema', () => {
    expect(ledgerStatsSchema.safeParse(script().stats()).success).toBe(true);
  });

  it('counts side effects per message in the dense arrays', () => {
    const run = script().stats().runs[0]!;
    expect([...decodeBytes(run.replies)]).toEqual([1, 2, 2, 0, 0, 0]);
    expect([...decodeBytes(run.reads)]).toEqual([0, 0, 0, 0, 0, 1]);
    expect([...decodeBytes(run.flags)]).toEqual([0, 0, 1, 6, 0, 0]);
  });

  it('splits duplicates into genuine and ambiguous and finds the lost message', () => {
    const summary = summarizeLedger(script().stats(), { [RUN]: 6 });
    expect(summary.duplicateReplyMessages).toEqual({ genuine: 1, ambiguous: 1 });
    expect(summary.samples.genuineDuplicates).toEqual([`${RUN}/1`]);
    expect(summary.samples.ambiguousDuplicates).toEqual([`${RUN}/2`]);
    expect(summary.rejectedMessages).toBe(1);
    expect(summary.retriedNonRetryable).toBe(1);
    // seq 4 and 5 have no reply (5 was only read); 3 was rejected, so it is not lost.
    expect(summary.lost).toBe(2);
    expect(summary.samples.lost).toEqual([`${RUN}/4`, `${RUN}/5`]);
  });

  it('records latency from the first reply and the first read only', () => {
    const { latency } = script().stats();
    expect(latency.reply.count).toBe(3);
    expect(latency.reply.min).toBe(200_000);
    expect(latency.replyByPhase.flaky?.count).toBe(1);
    expect(latency.read.max).toBe(50_000);
  });

  it('counts every delivered message of a run it never saw as lost', () => {
    expect(summarizeLedger(createLedger().stats(), { [RUN]: 3 }).lost).toBe(3);
  });

  it('saturates counts at 255', () => {
    const ledger = createLedger();
    for (let i = 0; i < 300; i++) ledger.commit(ref(0), 'reply', 'text', 'p', 2000, true);
    expect(decodeBytes(ledger.stats().runs[0]!.replies)[0]).toBe(255);
  });

  it('treats a send it cannot tie to a message as uncorrelated', () => {
    const ledger = createLedger();
    ledger.commit(null, 'reply', 'text', 'p', 0, true);
    ledger.commit(ref(2 ** 30), 'reply', 'text', 'p', 0, true);
    expect(ledger.stats().uncorrelated).toBe(2);
  });
});

describe('RunLedger', () => {
  it('holds 10 M deliveries in dense arrays of about 10 MB each', () => {
    const run = new RunLedger(RUN);
    run.increment(9_999_999, 0, 'replies');
    expect(run.replies.length).toBeGreaterThanOrEqual(10_000_000);
    expect(run.replies.length).toBeLessThan(10_100_000);
    expect(run.get(9_999_999, 0, 'replies')).toBe(1);
  });

  it('grows in 64 Ki chunks', () => {
    const run = new RunLedger(RUN);
    run.increment(5, 0, 'reads');
    expect(run.reads.length).toBe(65_536);
  });
});

describe('ledger call answers', () => {
  it('keeps the first answer per call id, bounded, and validates against the stats schema', () => {
    const ledger = createLedger();
    expect(ledger.stats().callAnswers).toBeUndefined();
    ledger.noteCallAnswer('wacid.A', 'pre_accept', 1000);
    ledger.noteCallAnswer('wacid.A', 'accept', 1200);
    ledger.noteCallAnswer('wacid.B', 'reject', 1500);
    expect(ledger.stats().callAnswers).toEqual({
      first: { 'wacid.A': [1000, 'pre_accept'], 'wacid.B': [1500, 'reject'] },
      overflow: 0,
    });
    expect(ledgerStatsSchema.safeParse(ledger.stats()).success).toBe(true);
    for (let i = 0; i < MAX_CALL_IDS; i++) ledger.noteCallAnswer(`wacid.X${i}`, 'accept', 2000);
    expect(Object.keys(ledger.stats().callAnswers!.first)).toHaveLength(MAX_CALL_IDS);
    expect(ledger.stats().callAnswers!.overflow).toBe(2);
    ledger.reset();
    expect(ledger.stats().callAnswers).toBeUndefined();
  });
});

describe('ledger per-second series', () => {
  it('files reply latency under the webhook send second and faults under the second they were injected', () => {
    let clock = 50_000;
    const ledger = createLedger({ now: () => clock });
    ledger.commit(ref(0, 0, 50_200), 'reply', 'text', 'healthy', 50_500, true);
    ledger.commit(ref(1, 0, 51_900), 'reply', 'text', 'healthy', 54_000, true);
    ledger.commit(ref(1, 0, 51_900), 'reply', 'text', 'healthy', 55_000, true); // a duplicate: not a second latency
    ledger.commit(ref(2, 0, 49_000), 'reply', 'text', 'healthy', 50_100, true); // sent before the reset
    ledger.commit(ref(3, 0, 900_000), 'reply', 'text', 'healthy', 52_000, true); // a wamid from the future
    ledger.commit(ref(4, 0, 50_100), 'read', 'read', 'healthy', 50_300, true);
    clock = 52_300;
    ledger.countFault('storm', 'rate-limit');
    ledger.countFault('storm', 'rate-limit');
    ledger.countFault('storm', 'timeout');
    const stats = ledger.stats();
    expect(ledgerStatsSchema.safeParse(stats).success).toBe(true);
    expect(stats.replyBySecond?.bins.map(([second, h]) => [second, h.count, Math.round(h.max / 1000)])).toEqual([
      [0, 1, 300],
      [1, 1, 2100],
    ]);
    expect(stats.faultsBySecond?.bins).toEqual([[2, { 'rate-limit': 2, timeout: 1 }]]);
    clock = 60_000;
    ledger.reset();
    expect(ledger.stats().faultsBySecond).toEqual({ originMs: 60_000, binS: 1, bins: [] });
    expect(ledger.stats().replyBySecond?.bins).toEqual([]);
  });
});
