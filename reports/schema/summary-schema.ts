import { z } from 'zod';
import {
  countersSchema,
  phaseJudgeSchema,
  phaseWindowSchema,
  timelinePointSchema,
} from '../../common/contracts/index.ts';
import { supervisedSummarySchema } from '../judge/supervised-summary.ts';
import { dependencySummarySchema } from './dependency-schema.ts';
import { faultTimelineSchema, replyTimelineSchema } from './series-schema.ts';
import { gateResultSchema, latencyStatsSchema } from './gate-schema.ts';

export * from './gate-schema.ts';

export const SUMMARY_SCHEMA_VERSION = 1;

export const phaseGatesSchema = z.object({
  phase: z.string(),
  startS: z.number().nullable(),
  endS: z.number().nullable(),
  gates: z.array(gateResultSchema),
  /** How the phase was judged, when it is a fault phase or its profile says (absent: at the SLO). */
  judge: phaseJudgeSchema.optional(),
});
/** The dedupe horizon verified by late copies (reports/late-horizon.ts). */
export const lateHorizonSchema = z.object({
  sent: z.number().int().nonnegative(),
  /** Largest delay of a copy sent after its message was acknowledged. */
  maxDelayMsAfterAck: z.number().nullable(),
  /** The same when the duplicates gate held, else null: ids are proven remembered at least this long. */
  verifiedMs: z.number().nullable(),
  text: z.string(),
});
export type LateHorizon = z.infer<typeof lateHorizonSchema>;

export type PhaseGates = z.infer<typeof phaseGatesSchema>;

/** Was the run judged on its planned load (reports/judge/verdict-model.ts LOAD_DELIVERY_RULE)? */
export const loadDeliverySchema = z.object({
  /** First deliveries the arrival schedule holds for the time the run ran: started + dropped + unstarted. */
  planned: z.number().int().nonnegative(),
  started: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative(),
  unstarted: z.number().int().nonnegative(),
  /** (dropped + unstarted) / planned, 0–1. */
  shortfall: z.number().nonnegative(),
  /** False beyond the rule's shortfall: the run exits 3, verdict load-not-delivered. */
  delivered: z.boolean(),
  /** What the gates alone said (shown under the headline when the load was not delivered). */
  gatesVerdict: z.enum(['pass', 'fail']),
  text: z.string(),
});
export type LoadDelivery = z.infer<typeof loadDeliverySchema>;

export const infoItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  guidance: z.string(),
  observed: z.string(),
  /** null when the run has no data for it. */
  meets: z.boolean().nullable(),
});
export type InfoItem = z.infer<typeof infoItemSchema>;

const splitSchema = z.object({ genuine: z.number(), ambiguous: z.number() });

export const reconciliationSchema = z.object({
  mode: z.enum(['bitset', 'count']),
  /** True when lost is an estimate (the engine reported only a count of acked messages). */
  estimate: z.boolean(),
  ackedMessages: z.number(),
  withReply: z.number(),
  lost: z.number(),
  /** Acked messages with no reply because Graph answered a do-not-retry error: not lost. */
  rejectedNotLost: z.number(),
  /** Of the lost: messages with a reply refused by a retryable answer (fault or limit), so the target gave up. Absent in older summaries. */
  lostAfterRefusals: z.number().optional(),
  /** Extra replies beyond the first (side effects), by cause. */
  duplicateReplies: splitSchema,
  /** Extra mark-as-read calls beyond the first. */
  duplicateReads: splitSchema,
  /** Messages that got more than one reply, by cause. */
  duplicateReplyMessages: splitSchema,
  /** Side effects for deliveries the target never acknowledged (e.g. forged ones). */
  unacked: z.object({ messages: z.number(), replies: z.number() }),
  /** A few delivery seqs for debugging ([seq, part]). */
  examples: z.object({
    lost: z.array(z.tuple([z.number(), z.number()])),
    duplicates: z.array(z.tuple([z.number(), z.number()])),
  }),
});
export type Reconciliation = z.infer<typeof reconciliationSchema>;

export const baselineComparisonSchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  tolerances: z.object({ p99Pct: z.number(), ratePct: z.number() }),
  metrics: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      unit: z.enum(['ms', 'msg/s', '%']),
      baseline: z.number().nullable(),
      current: z.number().nullable(),
      changePct: z.number().nullable(),
      /** `regressed` fails the run; `info` is shown without a tolerance. */
      verdict: z.enum(['ok', 'regressed', 'not-comparable', 'info']),
    }),
  ),
});
export type BaselineComparison = z.infer<typeof baselineComparisonSchema>;

export const summarySchema = z.object({
  schemaVersion: z.literal(SUMMARY_SCHEMA_VERSION),
  kind: z.literal('summary'),
  runId: z.string(),
  scenario: z.string(),
  engine: z.object({ name: z.string(), version: z.string(), instances: z.number() }),
  status: z.enum(['completed', 'aborted']),
  abortReason: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string(),
  durationS: z.number(),
  load: z.object({
    targetRate: z.number(),
    peakTargetRate: z.number(),
    /** First attempts of planned deliveries per second (forged included, copies and redeliveries not). */
    achievedRate: z.number(),
    /** Attempts of every kind started in the busiest second. */
    peakAchievedRate: z.number(),
    /** Shown apart from the achieved rate, per second: copies (duplicates), redeliveries, forged or unsigned first attempts. */
    copiesRate: z.number().optional(),
    redeliveriesRate: z.number().optional(),
    forgedRate: z.number().optional(),
  }),
  /** Absent when the run record carries no plan (older records, k6's own handleSummary record). */
  loadDelivery: loadDeliverySchema.optional(),
  gates: z.array(gateResultSchema),
  phaseGates: z.array(phaseGatesSchema),
  /** Absent when the scenario sent no late copy. */
  lateCopies: lateHorizonSchema.optional(),
  info: z.array(infoItemSchema),
  counters: countersSchema,
  errors: z.object({
    errors: z.number(),
    attempts: z.number(),
    /** Redirects answered by the target (never followed). */
    status3xx: z.number().default(0),
    status4xx: z.number(),
    status5xx: z.number(),
    timeouts: z.number(),
    connectionErrors: z.number(),
    dropped: z.number(),
  }),
  latency: z.object({
    ack: latencyStatsSchema.nullable(),
    dedupe: latencyStatsSchema.nullable(),
    reply: latencyStatsSchema.nullable(),
    read: latencyStatsSchema.nullable(),
  }),
  reconciliation: reconciliationSchema.nullable(),
  ledger: z
    .object({
      replicas: z.number(),
      committedByType: z.record(z.string(), z.number()),
      rejectedByCode: z.record(z.string(), z.number()),
      uncorrelated: z.number(),
      faults: z.record(z.string(), z.number()),
      limits: z.object({ throughput: z.number(), pairRate: z.number() }),
      retriedNonRetryable: z.number(),
    })
    .nullable(),
  timeline: z.object({ resolutionS: z.number(), points: z.array(timelinePointSchema) }),
  phases: z.array(phaseWindowSchema),
  /** Webhook→reply latency by send second (ledger); absent without a ledger series (older mocks). */
  replyTimeline: replyTimelineSchema.optional(),
  /** Faults injected per second by kind (ledger, Redis proxy); absent without a series. */
  faultTimeline: faultTimelineSchema.optional(),
  /** Faults between the target and its Redis and what the target did meanwhile (runs with the Redis proxy). */
  dependency: dependencySummarySchema.nullable().default(null),
  baseline: baselineComparisonSchema.nullable(),
  /** Present when the harness ran the target itself (--target-cmd). */
  supervised: supervisedSummarySchema.optional(),
  /** aborted beats load-not-delivered (both exit 3) beats fail (99) beats pass (0). */
  verdict: z.enum(['pass', 'fail', 'aborted', 'load-not-delivered']),
  exitCode: z.union([z.literal(0), z.literal(99), z.literal(3)]),
});
export type Summary = z.infer<typeof summarySchema>;

/** Allowed regressions against a baseline, in percent (p99 may grow by p99Pct, rate drop by ratePct). */
export const baselineTolerancesSchema = z.object({
  p99Pct: z.number().nonnegative().default(20),
  ratePct: z.number().nonnegative().default(10),
});
export type BaselineTolerances = z.infer<typeof baselineTolerancesSchema>;
