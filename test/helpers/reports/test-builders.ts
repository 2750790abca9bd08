/**
 * Builders of valid run records and ledger stats for the reporter's tests and benchmark:
 * deterministic (fixed dates, no randomness) so renderer snapshots stay stable.
 */
import { Histogram } from '../../../common/core/histogram.ts';
import type { HistogramData } from '../../../common/contracts/histogram.ts';
import { LEDGER_STATS_SCHEMA_VERSION, type LedgerStats } from '../../../common/contracts/ledger-stats.ts';
import {
  RUN_RECORD_SCHEMA_VERSION,
  type Counters,
  type PhaseWindow,
  type RunRecord,
  type TimelinePoint,
} from '../../../common/contracts/run-record.ts';
import { REDIS_PROXY_STATS_SCHEMA_VERSION, type RedisProxyStats } from '../../../common/contracts/redis-proxy-stats.ts';
import { createCounters } from '../../../scenarios/model/index.ts';
import { BitSet, encodeBytes } from '../../../common/node/byte-codec.ts';

export const RUN_ID = 'a1b2c3d4e5f6';
export const BASELINE_RUN_ID = '0f0e0d0c0b0a';
export const STARTED_AT = '2026-01-15T02:00:00.000Z';

/** A histogram holding `times` samples of each value (ms). */
export function buildHistogram(samples: readonly (readonly [valueMs: number, times: number])[]): HistogramData {
  const h = new Histogram();
  for (const [ms, times] of samples) h.recordMs(ms, times);
  return h.toJSON();
}

export const EMPTY_HISTOGRAM: HistogramData = new Histogram().toJSON();

export function buildCounters(overrides: Partial<Counters> = {}): Counters {
  return {
    ...createCounters(),
    sent: 1000,
    status2xx: 1000,
    deliveries: 1000,
    inboundMessagesAcked: 1000,
    ...overrides,
  };
}

/** A smooth, deterministic per-second timeline with a latency bump in the middle third. */
export function buildTimeline(seconds: number, rate: number): TimelinePoint[] {
  return Array.from({ length: seconds }, (_, t) => {
    const bump = t > seconds / 3 && t < (2 * seconds) / 3 ? 3 : 1;
    const wave = 1 + 0.2 * Math.sin(t / 7);
    const errors = bump > 1 ? Math.round(rate * 0.02) : 0;
    return {
      t,
      targetRate: rate,
      sent: rate,
      ok: rate - errors,
      clientErrors: 0,
      serverErrors: errors,
      timeouts: t % 97 === 0 && bump > 1 ? 1 : 0,
      connectionErrors: 0,
      dropped: 0,
      p50Ms: Math.round(20 * wave * bump * 100) / 100,
      p90Ms: Math.round(45 * wave * bump * 100) / 100,
      p99Ms: Math.round(90 * wave * bump * 100) / 100,
      maxMs: Math.round(150 * wave * bump * 100) / 100,
    };
  });
}

export interface AckedSpec {
  seqs: readonly number[];
  multiPart?: [number, number][];
}

export function buildAcked(spec: AckedSpec, runId = RUN_ID): RunRecord['acked'] {
  const set = new BitSet();
  for (const s of spec.seqs) set.add(s);
  return { mode: 'bitset', runId, seqs: set.encode(), multiPart: spec.multiPart ?? [] };
}

export interface RunRecordSpec {
  runId?: string;
  scenario?: string;
  status?: RunRecord['status'];
  abortReason?: string;
  seconds?: number;
  rate?: number;
  counters?: Partial<Counters>;
  ack?: HistogramData;
  dedupe?: HistogramData;
  phases?: PhaseWindow[];
  ackByPhase?: Record<string, HistogramData>;
  dedupeByPhase?: Record<string, HistogramData>;
  countersByPhase?: Record<string, Counters>;
  acked?: RunRecord['acked'];
  config?: Record<string, unknown>;
  engine?: RunRecord['engine'];
}

/** A completed Node-engine run of `seconds` at `rate` POST/s, every acked seq 0..n-1. */
export function buildRunRecord(spec: RunRecordSpec = {}): RunRecord {
  const seconds = spec.seconds ?? 10;
  const rate = spec.rate ?? 100;
  const runId = spec.runId ?? RUN_ID;
  const sent = seconds * rate;
  const record: RunRecord = {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    kind: 'run-record',
    runId,
    scenario: spec.scenario ?? 'smoke',
    engine: spec.engine ?? { name: 'node', version: '0.1.0' },
    config: spec.config ?? { name: spec.scenario ?? 'smoke', target: { url: 'builtin', appSecret: '[redacted]' } },
    startedAt: STARTED_AT,
    endedAt: new Date(Date.parse(STARTED_AT) + seconds * 1000).toISOString(),
    status: spec.status ?? 'completed',
    phases: spec.phases ?? [],
    timeline: buildTimeline(seconds, rate),
    latency: {
      ack:
        spec.ack ??
        buildHistogram([
          [20, sent - sent / 100],
          [400, sent / 100],
        ]),
      ackByPhase: spec.ackByPhase ?? {},
      dedupe:
        spec.dedupe ??
        buildHistogram([
          [2, sent - 10],
          [30, 10],
        ]),
      dedupeByPhase: spec.dedupeByPhase ?? {},
    },
    counters: buildCounters({ sent, status2xx: sent, deliveries: sent, inboundMessagesAcked: sent, ...spec.counters }),
    countersByPhase: spec.countersByPhase ?? {},
    acked: spec.acked ?? buildAcked({ seqs: Array.from({ length: sent }, (_, i) => i) }, runId),
  };
  if (spec.abortReason !== undefined) record.abortReason = spec.abortReason;
  return record;
}

export interface LedgerMessage {
  seq: number;
  part?: number;
  replies: number;
  reads?: number;
  flags?: number;
}

export interface LedgerSpec {
  runId?: string;
  /** Messages 0..answered-1 get exactly one reply and one read each. */
  answered?: number;
  /** Exceptions to the above (set exact counts for these). */
  messages?: LedgerMessage[];
  reply?: HistogramData;
  replyByPhase?: Record<string, HistogramData>;
  retriedNonRetryable?: number;
  replicas?: number;
}

export function buildLedgerStats(spec: LedgerSpec = {}): LedgerStats {
  const answered = spec.answered ?? 1000;
  const part0 = (spec.messages ?? []).filter((m) => !m.part);
  const size = Math.max(answered, ...part0.map((m) => m.seq + 1));
  const replies = new Uint8Array(size);
  const reads = new Uint8Array(size);
  const flags = new Uint8Array(size);
  replies.fill(1, 0, answered);
  reads.fill(1, 0, answered);
  for (const m of part0) {
    replies[m.seq] = m.replies;
    reads[m.seq] = m.reads ?? Math.min(1, m.replies);
    flags[m.seq] = m.flags ?? 0;
  }
  const replied = replies.reduce((n, r) => n + (r ? 1 : 0), 0);
  const extraParts = (spec.messages ?? [])
    .filter((m) => m.part)
    .map((m): [number, number, number, number, number] => [
      m.seq,
      m.part ?? 0,
      m.replies,
      m.reads ?? Math.min(1, m.replies),
      m.flags ?? 0,
    ]);
  return {
    schemaVersion: LEDGER_STATS_SCHEMA_VERSION,
    kind: 'ledger-stats',
    replicas: spec.replicas ?? 1,
    startedAt: STARTED_AT,
    generatedAt: '2026-01-15T02:00:12.000Z',
    committedByType: { text: replied, read: replied },
    rejectedByCode: {},
    uncorrelated: 0,
    runs: [
      {
        runId: spec.runId ?? RUN_ID,
        replies: encodeBytes(replies),
        reads: encodeBytes(reads),
        flags: encodeBytes(flags),
        extraParts,
      },
    ],
    latency: {
      reply:
        spec.reply ??
        buildHistogram([
          [120, Math.max(0, replied - 5)],
          [900, Math.min(5, replied)],
        ]),
      replyByPhase: spec.replyByPhase ?? {},
      read: buildHistogram([[60, replied]]),
    },
    faults: {},
    retriedNonRetryable: spec.retriedNonRetryable ?? 0,
    limits: { throughput: 0, pairRate: 0 },
  };
}

/**
 * A rich, deterministic run for renderer snapshots: two chaos phases, a failing storm phase,
 * one lost and one duplicated message, a baseline, a forged delivery accepted.
 */
export function buildRichRun(options: { aborted?: boolean } = {}): {
  runRecords: RunRecord[];
  ledgers: LedgerStats[];
  baselineRecord: RunRecord;
  baselineLedger: LedgerStats;
} {
  const phases = [
    { name: 'calm', startS: 0, endS: 20 },
    { name: '429-storm', startS: 20, endS: 40 },
    { name: 'recovery', startS: 40, endS: 60 },
  ];
  const counters = (over: Partial<Counters>) => buildCounters({ sent: 2000, status2xx: 2000, ...over });
  const ackByPhase = {
    calm: [
      [18, 1990],
      [240, 10],
    ] as [number, number][],
    '429-storm': [
      [60, 1900],
      [6200, 100],
    ] as [number, number][],
    recovery: [
      [22, 1995],
      [300, 5],
    ] as [number, number][],
  };
  const record = buildRunRecord({
    seconds: 60,
    rate: 100,
    phases,
    ack: buildHistogram(Object.values(ackByPhase).flat()),
    ...(options.aborted
      ? { status: 'aborted' as const, abortReason: 'target stopped answering (connection refused) at 00:41' }
      : {}),
    counters: {
      status2xx: 5830,
      status5xx: 80,
      timeouts: 3,
      status4xx: 50,
      forgedSent: 50,
      forgedRejected: 49,
      forgedAccepted: 1,
      dropped: 37,
      redeliveries: 83,
      duplicatesSent: 120,
    },
    ackByPhase: Object.fromEntries(
      Object.entries(ackByPhase).map(([name, samples]) => [name, buildHistogram(samples)]),
    ),
    dedupeByPhase: {
      calm: buildHistogram([[1.5, 2000]]),
      '429-storm': buildHistogram([[4, 2000]]),
      recovery: buildHistogram([[1.6, 2000]]),
    },
    countersByPhase: {
      calm: counters({}),
      '429-storm': counters({ status2xx: 1917, status5xx: 80, timeouts: 3 }),
      recovery: counters({}),
    },
  });
  // The storm as the timeline saw it: ack latency climbs, 5xx and a few drops appear.
  record.timeline = record.timeline.map((p) =>
    p.t >= 20 && p.t < 40
      ? {
          ...p,
          sent: 96,
          ok: 88,
          serverErrors: 4,
          timeouts: p.t % 7 === 0 ? 1 : 0,
          dropped: 4,
          p50Ms: 60 + p.t,
          p90Ms: 900 + 40 * (p.t - 20),
          p99Ms: 2500 + 200 * (p.t - 20),
          maxMs: 7000,
        }
      : p,
  );
  const ledger = buildLedgerStats({
    answered: 6000,
    messages: [
      { seq: 2101, replies: 0 },
      { seq: 2207, replies: 2 },
      { seq: 2300, replies: 2, flags: 1 },
      { seq: 2400, replies: 0, flags: 2 },
    ],
    reply: buildHistogram([
      [150, 5900],
      [2400, 100],
    ]),
    replyByPhase: {
      calm: buildHistogram([[140, 2000]]),
      '429-storm': buildHistogram([
        [300, 1900],
        [2400, 100],
      ]),
      recovery: buildHistogram([[150, 2000]]),
    },
  });
  // The ledger's per-second series: replies slow down in the storm, which injects 429s and 5xx.
  const originMs = Date.parse(STARTED_AT);
  ledger.replyBySecond = {
    originMs,
    binS: 1,
    bins: Array.from({ length: 64 }, (_, t): [number, HistogramData] => [
      t,
      buildHistogram(
        t >= 20 && t < 40
          ? [
              [300 + 20 * (t - 20), 90],
              [2400, 10],
            ]
          : [
              [140, 99],
              [600, 1],
            ],
      ),
    ]),
  };
  ledger.faultsBySecond = {
    originMs,
    binS: 1,
    bins: Array.from({ length: 20 }, (_, i): [number, Record<string, number>] => [
      20 + i,
      { 'rate-limit': 30 + (i % 5), 'server-error': 4 + (i % 3), ...(i % 7 === 0 ? { timeout: 1 } : {}) },
    ]),
  };
  const baselineRecord = buildRunRecord({
    runId: BASELINE_RUN_ID,
    seconds: 60,
    rate: 100,
    ack: buildHistogram([
      [20, 5900],
      [5000, 100],
    ]),
  });
  const baselineLedger = buildLedgerStats({
    runId: BASELINE_RUN_ID,
    answered: 6000,
    reply: buildHistogram([
      [150, 5900],
      [2300, 100],
    ]),
  });
  return { runRecords: [record], ledgers: [ledger], baselineRecord, baselineLedger };
}

/** Redis proxy stats of a run: `commands` dedupe claims (1 ms each), the faults and per-phase wire timings given. */
export function buildRedisProxyStats(
  spec: { commands?: number; faults?: Record<string, number>; latencyByPhase?: Record<string, HistogramData> } = {},
): RedisProxyStats {
  const commands = spec.commands ?? 0;
  return {
    schemaVersion: REDIS_PROXY_STATS_SCHEMA_VERSION,
    kind: 'redis-proxy-stats',
    upstream: 'redis://127.0.0.1:6379',
    startedAt: STARTED_AT,
    generatedAt: '2026-01-15T02:00:45.000Z',
    connections: { accepted: commands ? 1 : 0, refused: 0, frozen: 0, closedByFault: 0 },
    commands: { total: commands, byFamily: commands ? { write: commands } : {}, unanswered: 0 },
    faults: spec.faults ?? {},
    dedupe: {
      byShape: commands ? { 'set-nx': commands } : {},
      outcomes: { claimed: commands, seen: 0, error: 0, unanswered: 0 },
      latency: commands ? buildHistogram([[1, commands]]) : EMPTY_HISTOGRAM,
      latencyByPhase: spec.latencyByPhase ?? {},
      tiedToMessage: commands,
      messagesClaimedTwice: 0,
      cutClaimSeqs: [],
      ttl: { minTtlS: 86_400, withTtl: commands, withoutTtl: 0, minS: null, maxS: null, belowMinimum: 0 },
    },
  };
}
