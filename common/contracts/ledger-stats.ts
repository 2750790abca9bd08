import { z } from 'zod';
import { encodedBytesSchema } from './encoded-bytes.ts';
import { histogramSchema } from './histogram.ts';
import { countSecondsSchema, latencySecondsSchema } from './second-series.ts';

export const LEDGER_STATS_SCHEMA_VERSION = 1;

/**
 * Side effects per inbound message of one run, indexed by delivery seq (part 0) as saturating
 * u8 counts; batched parts 1..n listed apart. Replicas merge by adding counts.
 */
export const LEDGER_FLAG = { ambiguous: 1, rejected: 2, retriedNonRetryable: 4, refused: 8 } as const;

export const ledgerRunSchema = z.object({
  runId: z.string(),
  replies: encodedBytesSchema,
  reads: encodedBytesSchema,
  /**
   * Per-message flag bits (LEDGER_FLAG): after-commit fault hit a send (duplicates there are
   * ambiguous); a non-retryable error was returned (no reply is then not "lost"); a send was
   * retried after a non-retryable error; a reply was refused with a retryable answer (an injected
   * 429/5xx/timeout/reset or a throughput/pair-rate limit: a message lost with it was given up on).
   */
  flags: encodedBytesSchema,
  /** [seq, part, replies, reads, flags] for parts ≥ 1. */
  extraParts: z.array(z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()])),
});
export type LedgerRun = z.infer<typeof ledgerRunSchema>;

export const ledgerStatsSchema = z.object({
  schemaVersion: z.literal(LEDGER_STATS_SCHEMA_VERSION),
  kind: z.literal('ledger-stats'),
  /** How many mock replicas were merged into this. */
  replicas: z.number().int().positive(),
  startedAt: z.string(),
  generatedAt: z.string(),
  /** Committed sends (the side effect happened) by type: text, image, …, read, typing, template. */
  committedByType: z.record(z.string(), z.number().int().nonnegative()),
  /** Requests answered with an error, by Graph error code. */
  rejectedByCode: z.record(z.string(), z.number().int().nonnegative()),
  /** Committed sends whose inbound message could not be identified (not one of our wamids). */
  uncorrelated: z.number().int().nonnegative(),
  runs: z.array(ledgerRunSchema),
  latency: z.object({
    /** Webhook send time (from the wamid) → first committed reply. */
    reply: histogramSchema,
    /** By the phase of the webhook's send time; messages sent while recovering from a fault phase are in replySettlingByPhase. */
    replyByPhase: z.record(z.string(), histogramSchema),
    /** Messages sent within a fault phase's recoveryS after it ended, by send-time phase (not judged). */
    replySettlingByPhase: z.record(z.string(), histogramSchema).optional(),
    /** Webhook send time → first committed mark-as-read. */
    read: histogramSchema,
  }),
  /** Faults injected: "<phase>/<kind>" → count. */
  faults: z.record(z.string(), z.number().int().nonnegative()),
  /** Webhook→first reply latency per second of the webhook's send time (from the wamid). Absent in older stats. */
  replyBySecond: latencySecondsSchema.optional(),
  /** Faults injected per second by kind (rate-limit, server-error, timeout, …). Absent in older stats. */
  faultsBySecond: countSecondsSchema.optional(),
  /** Sends retried after the mock answered a do-not-retry code (100, 131008, 131026, …). */
  retriedNonRetryable: z.number().int().nonnegative(),
  limits: z.object({ throughput: z.number().int().nonnegative(), pairRate: z.number().int().nonnegative() }),
  /**
   * First answer per call id on POST /calls (pre_accept, accept, reject, terminate): call id →
   * [epoch ms, action]; bounded, ids past the bound counted in overflow. Absent when no call was answered.
   */
  callAnswers: z
    .object({
      first: z.record(z.string(), z.tuple([z.number(), z.string()])),
      overflow: z.number().int().nonnegative(),
    })
    .optional(),
});
export type LedgerStats = z.infer<typeof ledgerStatsSchema>;
