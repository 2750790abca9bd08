import { createCountBins, createLatencyBins, Histogram } from '../../common/core/index.ts';
import { LEDGER_STATS_SCHEMA_VERSION, type LedgerStats } from '../../common/contracts/index.ts';
import { encodeBytes } from '../../common/node/index.ts';
import { FLAG, MAX_DENSE_SEQ, PUBLIC_FLAG_MASK, RunLedger } from './run-ledger.ts';

/** The inbound message a send is tied to. */
export interface MessageRef {
  runId: string;
  seq: number;
  part: number;
  /** Webhook send time from the wamid; unknown in recipient mode. */
  sentAtMs: number | undefined;
}

export type SendKind = 'reply' | 'read';

const MAX_RUNS = 1000;
/** Call ids whose first answer is remembered (bounded; the rest are counted as overflow). */
export const MAX_CALL_IDS = 20_000;

function increment(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

/**
 * The exactly-once ledger: every committed side effect tied to its inbound message, plus the
 * counters the reporter needs (by type, by error code, faults, limits, latency).
 */
export function createLedger(options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  let startedAt = new Date(now()).toISOString();
  const runs = new Map<string, RunLedger>();
  let committedByType: Record<string, number> = {};
  let rejectedByCode: Record<string, number> = {};
  let faults: Record<string, number> = {};
  let uncorrelated = 0;
  let retriedNonRetryable = 0;
  const limits = { throughput: 0, pairRate: 0 };
  const replyLatency = new Histogram();
  const readLatency = new Histogram();
  const replyByPhase = new Map<string, Histogram>();
  const replySettlingByPhase = new Map<string, Histogram>();
  const callAnswers = new Map<string, [number, string]>();
  let callAnswersOverflow = 0;
  // Per-second series for the report's charts, both counted from the ledger's (re)start.
  const replyBySecond = createLatencyBins(now());
  const faultsBySecond = createCountBins(now());

  function findRun(ref: MessageRef, create: boolean): RunLedger | undefined {
    if (ref.seq >= MAX_DENSE_SEQ) return undefined;
    let run = runs.get(ref.runId);
    if (!run && create && runs.size < MAX_RUNS) runs.set(ref.runId, (run = new RunLedger(ref.runId)));
    return run;
  }

  const rejectedBit = (kind: SendKind) => (kind === 'reply' ? FLAG.rejectedReply : FLAG.rejectedRead);

  return {
    /** Call when a send for a message arrives; flags a retry after a do-not-retry rejection. */
    noteArrival(ref: MessageRef, kind: SendKind): void {
      const run = findRun(ref, false);
      if (!run || (run.get(ref.seq, ref.part, 'flags') & rejectedBit(kind)) === 0) return;
      run.setFlag(ref.seq, ref.part, FLAG.retriedNonRetryable);
      retriedNonRetryable++;
    },

    /** A do-not-retry code was answered for a send of this message. */
    markRejected(ref: MessageRef, kind: SendKind): void {
      findRun(ref, true)?.setFlag(ref.seq, ref.part, FLAG.rejected | rejectedBit(kind));
    },

    /** A reply was refused with a retryable answer (fault or limit): if it is never answered, the target gave up. */
    markRefused(ref: MessageRef, kind: SendKind): void {
      if (kind === 'reply') findRun(ref, true)?.setFlag(ref.seq, ref.part, FLAG.refused);
    },

    /** An after-commit fault hit a committed send: a duplicate of it is not the client's fault. */
    markAmbiguous(ref: MessageRef): void {
      findRun(ref, true)?.setFlag(ref.seq, ref.part, FLAG.ambiguous);
    },

    /**
     * Records a committed side effect; `ref` null = not tied to an inbound message we know.
     * `phase`: where its reply latency is filed (the webhook's send-time phase); `settling`: the
     * message was sent while the target may still recover from a fault phase (filed apart).
     */
    commit(
      ref: MessageRef | null,
      kind: SendKind,
      type: string,
      phase: string,
      nowMs: number,
      correlate: boolean,
      settling = false,
    ): void {
      increment(committedByType, type);
      if (!correlate) return;
      const run = ref ? findRun(ref, true) : undefined;
      if (!ref || !run) {
        uncorrelated++;
        return;
      }
      const count = run.increment(ref.seq, ref.part, kind === 'reply' ? 'replies' : 'reads');
      if (count !== 1 || ref.sentAtMs === undefined) return;
      const latencyMs = nowMs - ref.sentAtMs;
      if (kind === 'read') {
        readLatency.recordMs(latencyMs);
        return;
      }
      replyLatency.recordMs(latencyMs);
      // Filed under the webhook's send second; a wamid claiming a future send time is not believed.
      if (ref.sentAtMs <= nowMs + FUTURE_SKEW_MS) replyBySecond.at(ref.sentAtMs)?.recordMs(latencyMs);
      const map = settling ? replySettlingByPhase : replyByPhase;
      let byPhase = map.get(phase);
      if (!byPhase) map.set(phase, (byPhase = new Histogram()));
      byPhase.recordMs(latencyMs);
    },

    /** A call action (pre_accept, accept, reject, terminate) was committed: keeps the first one per call id. */
    noteCallAnswer(callId: string, action: string, nowMs: number): void {
      if (callAnswers.has(callId)) return;
      if (callAnswers.size >= MAX_CALL_IDS) {
        callAnswersOverflow++;
        return;
      }
      callAnswers.set(callId, [nowMs, action]);
    },

    countError(code: number): void {
      increment(rejectedByCode, String(code));
    },
    countFault(phase: string, kind: string): void {
      increment(faults, `${phase}/${kind}`);
      const second = faultsBySecond.at(now());
      if (second) increment(second, kind);
    },
    countLimit(limit: 'throughput' | 'pairRate'): void {
      limits[limit]++;
    },

    /** The small counters alone (no per-message arrays): cheap enough for every /metrics scrape. */
    counters() {
      return { committedByType, rejectedByCode, faults, limits, retriedNonRetryable, uncorrelated };
    },

    stats(): LedgerStats {
      return {
        schemaVersion: LEDGER_STATS_SCHEMA_VERSION,
        kind: 'ledger-stats',
        replicas: 1,
        startedAt,
        generatedAt: new Date().toISOString(),
        committedByType: { ...committedByType },
        rejectedByCode: { ...rejectedByCode },
        uncorrelated,
        runs: [...runs.values()].map((run) => {
          const length = run.highest + 1;
          const publicFlags = run.flags.slice(0, length);
          for (let i = 0; i < length; i++) publicFlags[i] = (publicFlags[i] ?? 0) & PUBLIC_FLAG_MASK;
          return {
            runId: run.runId,
            replies: encodeBytes(run.replies.subarray(0, length)),
            reads: encodeBytes(run.reads.subarray(0, length)),
            flags: encodeBytes(publicFlags),
            extraParts: [...run.extra.entries()]
              .sort((a, b) => a[0] - b[0])
              .map(([key, [replies, reads, flags]]) => [
                Math.floor(key / 65536),
                key % 65536,
                replies,
                reads,
                flags & PUBLIC_FLAG_MASK,
              ]),
          };
        }),
        latency: {
          reply: replyLatency.toJSON(),
          replyByPhase: Object.fromEntries([...replyByPhase].map(([phase, h]) => [phase, h.toJSON()])),
          ...(replySettlingByPhase.size
            ? {
                replySettlingByPhase: Object.fromEntries(
                  [...replySettlingByPhase].map(([phase, h]) => [phase, h.toJSON()]),
                ),
              }
            : {}),
          read: readLatency.toJSON(),
        },
        faults: { ...faults },
        replyBySecond: replyBySecond.serialize((h) => h.toJSON()),
        faultsBySecond: faultsBySecond.serialize((counts) => ({ ...counts })),
        retriedNonRetryable,
        limits: { ...limits },
        ...(callAnswers.size || callAnswersOverflow
          ? { callAnswers: { first: Object.fromEntries(callAnswers), overflow: callAnswersOverflow } }
          : {}),
      };
    },

    reset(): void {
      startedAt = new Date(now()).toISOString();
      replyBySecond.reset(now());
      faultsBySecond.reset(now());
      runs.clear();
      committedByType = {};
      rejectedByCode = {};
      faults = {};
      uncorrelated = 0;
      retriedNonRetryable = 0;
      limits.throughput = 0;
      limits.pairRate = 0;
      replyLatency.reset();
      readLatency.reset();
      replyByPhase.clear();
      replySettlingByPhase.clear();
      callAnswers.clear();
      callAnswersOverflow = 0;
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;

/** Clock difference between the engine that stamped a wamid and the mock that we tolerate. */
const FUTURE_SKEW_MS = 60_000;
