import { describe, expect, it } from 'vitest';
import { gatesSchema, type LedgerStats, type Supervised } from '../../common/contracts/index.ts';
import { BitSet, encodeBytes } from '../../common/node/index.ts';
import { evaluateSupervised } from './supervisor-gates.ts';

const runId = 'a1b2c3d4e5f6';
const bits = (...seqs: number[]) => {
  const b = new BitSet();
  for (const s of seqs) b.add(s);
  return b.encode();
};
const ledger = (replies: number[]) =>
  ({
    runs: [
      {
        runId,
        replies: encodeBytes(Uint8Array.from(replies)),
        reads: encodeBytes(new Uint8Array(replies.length)),
        flags: encodeBytes(new Uint8Array(replies.length)),
        extraParts: [],
      },
    ],
  }) as unknown as LedgerStats;

function supervised(over: Partial<Supervised> = {}): Supervised {
  return {
    command: 'python3 app.py',
    replicas: 1,
    healthPath: '/health',
    drainTimeoutS: 30,
    envNames: ['PORT'],
    instances: [{ instance: 0, port: 1, startedAtS: 0, log: 'target.log' }],
    resources: {
      available: true,
      note: '',
      samples: [0, 1, 2].map((t) => ({ t, rssMb: 80 + t, maxInstanceRssMb: 80 + t, cpuPct: 10, processes: 1 })),
    },
    health: { timeoutMs: 5000, probes: [{ t: 1, instance: 0, status: 200, ms: 2 }] },
    logs: { files: ['target.log'], linesScanned: 3, hits: 0, byKind: {}, needles: {}, examples: [] },
    drills: [],
    deaths: [],
    ...over,
  };
}
const drill = (kind: 'drain' | 'restart', acked: number[], reacked: number[], exitMs = 800) => ({
  kind,
  atS: 5,
  instance: 0,
  replacement: 1,
  signal: kind === 'drain' ? ('SIGTERM' as const) : ('SIGKILL' as const),
  exitMs,
  killedAfterTimeout: false,
  exit: 'code 0',
  answeredAfterSignal: { ok: 0, notOk: 2 },
  replacementReadyMs: 900,
  acked: bits(...acked),
  reackedLater: bits(...reacked),
});
const ctx = { allowNotMeasured: [], aborted: false };
const verdicts = (r: ReturnType<typeof evaluateSupervised>) =>
  Object.fromEntries(r.gates.map((g) => [g.id, `${g.verdict} ${g.observed}`]));

describe('evaluateSupervised', () => {
  it('passes a lean, healthy, clean target and leaves the growth gate out of a short run', () => {
    const r = evaluateSupervised(supervised(), { gates: gatesSchema.parse({}), ledger: ledger([]), runId }, ctx);
    expect(verdicts(r)).toEqual({ 'peak-rss': 'pass 82', health: 'pass 0', 'log-hygiene': 'pass 0' });
  });

  it('fails peak RSS over the threshold, a failed probe and a log hit', () => {
    const sup = supervised({
      health: { timeoutMs: 5000, probes: [{ t: 1, instance: 0, status: 503, ms: 2 }] },
      logs: { files: ['target.log'], linesScanned: 3, hits: 2, byKind: { 'pii:wa-id': 2 }, needles: {}, examples: [] },
    });
    const r = evaluateSupervised(
      sup,
      { gates: gatesSchema.parse({ supervised: { peakRssMb: 50 } }), ledger: ledger([]), runId },
      ctx,
    );
    expect(verdicts(r)).toEqual({ 'peak-rss': 'fail 82', health: 'fail 1', 'log-hygiene': 'fail 2' });
  });

  it('counts acknowledged messages of the drained instance that never got a reply', () => {
    // Seqs 1..3 acked by the drained instance; the ledger has replies for 1 and 3 only.
    const r = evaluateSupervised(
      supervised({ drills: [drill('drain', [1, 2, 3], [])] }),
      { gates: gatesSchema.parse({}), ledger: ledger([0, 1, 0, 1]), runId },
      ctx,
    );
    expect(verdicts(r)).toMatchObject({ 'drain-unprocessed': 'fail 1', 'drain-time': 'pass 800' });
    expect(r.summary.drills[0]).toMatchObject({ ackedMessages: 3, unprocessed: 1 });
  });

  it('fails the drain time when the drain outlasts its threshold', () => {
    const r = evaluateSupervised(
      supervised({ drills: [drill('drain', [], [], 31_000)] }),
      { gates: gatesSchema.parse({}), ledger: ledger([]), runId },
      ctx,
    );
    expect(verdicts(r)['drain-time']).toBe('fail 31000');
  });

  it('counts messages re-acknowledged after a restart and replied to twice', () => {
    const r = evaluateSupervised(
      supervised({ drills: [drill('restart', [1, 2], [1, 2])] }),
      { gates: gatesSchema.parse({}), ledger: ledger([0, 2, 1]), runId },
      ctx,
    );
    expect(verdicts(r)).toMatchObject({ 'restart-lost': 'pass 0', 'restart-duplicates': 'fail 1' });
  });

  it('reports drill gates as not measured without a ledger', () => {
    const r = evaluateSupervised(
      supervised({ drills: [drill('restart', [1], [1])] }),
      { gates: gatesSchema.parse({}), ledger: undefined, runId },
      ctx,
    );
    expect(verdicts(r)).toMatchObject({
      'restart-lost': 'not-measured null',
      'restart-duplicates': 'not-measured null',
    });
  });
});
