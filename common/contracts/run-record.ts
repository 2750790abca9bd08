import { z } from 'zod';
import { encodedBytesSchema } from './encoded-bytes.ts';
import { histogramSchema } from './histogram.ts';
import { supervisedSchema } from './supervised.ts';

export const RUN_RECORD_SCHEMA_VERSION = 1;

/**
 * How a chaos phase is judged (the profile's `phases[].judge`, defaults filled in): a phase with
 * injected Graph faults is a fault phase, judged by what a correct connector can promise there
 * (nothing lost, nothing answered twice, no retry of a do-not-retry error), not the latency SLO;
 * the latency SLO applies again `recoveryS` after it ends.
 */
export const phaseJudgeSchema = z.object({
  fault: z.boolean(),
  latency: z.enum(['slo', 'off']),
  errorRate: z.enum(['slo', 'off']),
  recoveryS: z.number().nonnegative(),
  /** Where the phase injects faults: 'graph' (the mock), 'redis' (the Redis proxy; judged so only with it). */
  sources: z.array(z.enum(['graph', 'redis'])),
});
export type PhaseJudge = z.infer<typeof phaseJudgeSchema>;

/**
 * Default recoveryS of a fault phase, by source: after a Graph fault a correct connector drains its
 * retry queue (Retry-After, backoff); after a Redis fault node-redis reconnects within about 1 s
 * and a fail-closed connector answers 503 until a probe sees Redis again.
 */
export const PHASE_RECOVERY_S = { graph: 30, redis: 5 } as const;

/** One chaos phase as the run saw it, in seconds from the run start. */
export const phaseWindowSchema = z.object({
  name: z.string(),
  startS: z.number().nonnegative(),
  endS: z.number().nonnegative(),
  judge: phaseJudgeSchema.optional(),
});
export type PhaseWindow = z.infer<typeof phaseWindowSchema>;

export const countersSchema = z.object({
  /** Webhook POSTs sent, every attempt included (redeliveries, duplicates, forged). */
  sent: z.number().int().nonnegative(),
  status2xx: z.number().int().nonnegative(),
  /** 3xx answers: redirects are an outcome (an error), never followed (default 0 for older records). */
  status3xx: z.number().int().nonnegative().default(0),
  status4xx: z.number().int().nonnegative(),
  status5xx: z.number().int().nonnegative(),
  timeouts: z.number().int().nonnegative(),
  connectionErrors: z.number().int().nonnegative(),
  /**
   * Arrivals (first attempts) the engine refused for lack of capacity, never sent: the Node
   * engine's maxInFlight, k6's dropped_iterations. Copies and redeliveries refused are `copiesDropped`.
   */
  dropped: z.number().int().nonnegative(),
  /** Duplicates, late copies and redeliveries the Node engine refused at maxInFlight (k6 waits for them inside the iteration: 0). */
  copiesDropped: z.number().int().nonnegative().default(0),
  /**
   * Deliveries started: first attempts sent, signed and forged alike; dropped arrivals excluded on
   * both engines (records before `planned` existed counted the Node engine's dropped ones in).
   */
  deliveries: z.number().int().nonnegative(),
  /**
   * First deliveries the arrival schedule holds for the time the run ran (the whole plan when
   * completed, up to the stop when aborted; scenarios/model plannedArrivals). Whole-run counters
   * only: planned = deliveries + dropped + unstarted. Absent in older records and in k6's own
   * handleSummary record (an execution segment does not know its share of the plan).
   */
  planned: z.number().int().nonnegative().optional(),
  /** planned − deliveries − dropped, at least 0: arrivals neither sent nor counted dropped (a CPU-starved k6). */
  unstarted: z.number().int().nonnegative().optional(),
  duplicatesSent: z.number().int().nonnegative(),
  redeliveries: z.number().int().nonnegative(),
  /** Deliveries still failing after the last redelivery attempt. */
  redeliveriesExhausted: z.number().int().nonnegative(),
  forgedSent: z.number().int().nonnegative(),
  /** Forged or unsigned deliveries answered 401/403 (correct). */
  forgedRejected: z.number().int().nonnegative(),
  /** Forged or unsigned deliveries answered 2xx (a security defect). */
  forgedAccepted: z.number().int().nonnegative(),
  /** Inbound messages (not statuses) in acknowledged signed deliveries: replies expected. */
  inboundMessagesAcked: z.number().int().nonnegative(),
});
export type Counters = z.infer<typeof countersSchema>;
/** Counters an engine measures; `planned` and `unstarted` are worked out when the record is built. */
export type MeasuredCounter = Exclude<keyof Counters, 'planned' | 'unstarted'>;

export const timelinePointSchema = z.object({
  /** Second since the run start. */
  t: z.number().int().nonnegative(),
  targetRate: z.number().nonnegative(),
  /** Attempts started in this second (all kinds). */
  sent: z.number().int().nonnegative(),
  ok: z.number().int().nonnegative(),
  clientErrors: z.number().int().nonnegative(),
  serverErrors: z.number().int().nonnegative(),
  timeouts: z.number().int().nonnegative(),
  connectionErrors: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative(),
  p50Ms: z.number().nonnegative(),
  p90Ms: z.number().nonnegative(),
  p99Ms: z.number().nonnegative(),
  maxMs: z.number().nonnegative(),
});
export type TimelinePoint = z.infer<typeof timelinePointSchema>;

/**
 * Inbound message ids the target acknowledged, so lost messages can be computed against the
 * ledger. `bitset`: delivery seqs whose part 0 is an inbound message, plus [seq, partCount] for
 * batched deliveries. `count`: only a count is known (k6 handleSummary), lost is then estimated.
 */
export const ackedSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('bitset'),
    runId: z.string(),
    seqs: encodedBytesSchema,
    multiPart: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().positive()])),
  }),
  z.object({
    mode: z.literal('count'),
    runId: z.string(),
    /** Acknowledged inbound messages. */
    count: z.number().int().nonnegative(),
    /** Inbound messages sent in planned deliveries of every kind: bounds the lost estimate from above. */
    inboundSent: z.number().int().nonnegative().optional(),
  }),
]);
export type Acked = z.infer<typeof ackedSchema>;

/**
 * k6's VU pool for the run (k6 engine only): VUs for deliveries in flight plus, on both
 * preAllocatedVUs and maxVUs, the VUs iterations waiting for their late copies hold.
 */
export const k6VuPoolSchema = z.object({
  preAllocatedVUs: z.number().int().nonnegative(),
  maxVUs: z.number().int().nonnegative(),
  /** Pre-allocated for deliveries (peak rate × 50 ms mean ack × 2 + 10, Little's law; or WA_VUS), at most maxInFlight. */
  deliveryVUs: z.number().int().nonnegative(),
  maxInFlight: z.number().int().nonnegative(),
  /** Added to both for late copies (scenarios/lib/executor.ts lateCopyVUsFor). */
  lateCopyVUs: z.number().int().nonnegative(),
});
export type K6VuPool = z.infer<typeof k6VuPoolSchema>;

export const runRecordSchema = z.object({
  schemaVersion: z.literal(RUN_RECORD_SCHEMA_VERSION),
  kind: z.literal('run-record'),
  runId: z.string().regex(/^[0-9a-f]{12}$/),
  scenario: z.string(),
  engine: z.object({ name: z.enum(['node', 'k6']), version: z.string(), vus: k6VuPoolSchema.optional() }),
  /** Resolved scenario with secrets replaced by "[redacted]". */
  config: z.record(z.string(), z.unknown()),
  startedAt: z.string(),
  endedAt: z.string(),
  status: z.enum(['completed', 'aborted']),
  abortReason: z.string().optional(),
  phases: z.array(phaseWindowSchema),
  timeline: z.array(timelinePointSchema),
  latency: z.object({
    /** Webhook ack latency from the intended send time (coordinated-omission corrected). */
    ack: histogramSchema,
    ackByPhase: z.record(z.string(), histogramSchema),
    /** From `Server-Timing: dedupe;dur=<ms>` on webhook responses. */
    dedupe: histogramSchema,
    dedupeByPhase: z.record(z.string(), histogramSchema),
    /** Scheduling lag: actual minus intended send time (engine health). */
    schedulingLag: histogramSchema.optional(),
  }),
  counters: countersSchema,
  countersByPhase: z.record(z.string(), countersSchema),
  acked: ackedSchema,
  /**
   * Late copies (scenario delivery.late) sent: how many, and the largest delay after the first
   * attempt among copies whose delivery (with inbound messages) was already acknowledged when the
   * copy left: the dedupe horizon the run exercised. Absent when the scenario sends none.
   */
  lateCopies: z
    .object({ sent: z.number().int().nonnegative(), maxDelayMsAfterAck: z.number().nonnegative().nullable() })
    .optional(),
  /** Present when the harness started the target itself (--target-cmd). */
  supervised: supervisedSchema.optional(),
  /**
   * Calls `connect` webhooks the target acknowledged: [call id, intended send ms since startedAt],
   * first ack per call id, bounded (the rest counted in overflow). Absent when none was sent.
   */
  callsConnect: z
    .object({ acked: z.array(z.tuple([z.string(), z.number()])), overflow: z.number().int().nonnegative() })
    .optional(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;
