import { z } from 'zod';
import { gateResultSchema, latencyStatsSchema } from './gate-schema.ts';

/** One chaos phase in which the Redis proxy injected faults, and what the target did meanwhile. */
export const dependencyPhaseSchema = z.object({
  phase: z.string(),
  startS: z.number().nullable(),
  endS: z.number().nullable(),
  /** Injected faults by kind. */
  faults: z.record(z.string(), z.number()),
  webhooks: z.object({
    attempts: z.number(),
    ok: z.number(),
    status5xx: z.number(),
    timeouts: z.number(),
    connectionErrors: z.number(),
    redeliveries: z.number(),
  }),
  /** Dedupe decisions Redis answered (through the proxy) in this phase. */
  dedupeAnswered: z.number(),
  /** Inbound messages in deliveries acknowledged during this phase. */
  messagesAcked: z.number(),
  /** Messages first sent in this phase (by delivery order); null without a per-message ledger (k6 count mode). */
  lost: z.number().nullable(),
  duplicates: z.number().nullable(),
  /** Lost after a claim Redis ran while its reply was cut (reset fault): ambiguous, shown but not gated. */
  ambiguousLost: z.number(),
  /** Plain sentences: what the connector did during this fault. */
  behaviour: z.array(z.string()),
  gates: z.array(gateResultSchema),
});
export type DependencyPhase = z.infer<typeof dependencyPhaseSchema>;

export const dependencySummarySchema = z.object({
  kind: z.literal('redis'),
  upstream: z.string(),
  commands: z.number(),
  connections: z.object({ accepted: z.number(), refused: z.number(), frozen: z.number(), closedByFault: z.number() }),
  /** Dedupe decision latency measured on the wire (request → reply, as the target saw it). */
  wireDedupe: latencyStatsSchema.nullable(),
  ttl: z.object({
    verdict: z.enum(['ok', 'short', 'missing', 'unknown']),
    minTtlS: z.number(),
    minS: z.number().nullable(),
    maxS: z.number().nullable(),
    note: z.string(),
  }),
  phases: z.array(dependencyPhaseSchema),
});
export type DependencySummary = z.infer<typeof dependencySummarySchema>;
