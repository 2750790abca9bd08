import { z } from 'zod';
import { histogramSchema } from './histogram.ts';
import { countSecondsSchema } from './second-series.ts';

export const REDIS_PROXY_STATS_SCHEMA_VERSION = 1;

const count = z.number().int().nonnegative();

/** `redis-proxy-stats.json` in the run folder: what went over the wire between the target and Redis. */
export const redisProxyStatsSchema = z.object({
  schemaVersion: z.literal(REDIS_PROXY_STATS_SCHEMA_VERSION),
  kind: z.literal('redis-proxy-stats'),
  /** The upstream Redis, credentials removed. */
  upstream: z.string(),
  startedAt: z.string(),
  generatedAt: z.string(),
  connections: z.object({ accepted: count, refused: count, frozen: count, closedByFault: count }),
  commands: z.object({ total: count, byFamily: z.record(z.string(), count), unanswered: count }),
  /** Faults injected: "<phase>/<kind>" → count (commands for latency/error/reset/slow-drip, connections for outage/freeze). */
  faults: z.record(z.string(), count),
  /** Faults injected per second by kind. Absent in older stats. */
  faultsBySecond: countSecondsSchema.optional(),
  dedupe: z.object({
    byShape: z.record(z.string(), count),
    outcomes: z.object({ claimed: count, seen: count, error: count, unanswered: count }),
    /** Request → reply as the target saw it on the wire (after any injected delay), per dedupe decision. */
    latency: histogramSchema,
    latencyByPhase: z.record(z.string(), histogramSchema),
    /** Dedupe commands whose key carried one of our synthetic message ids. */
    tiedToMessage: count,
    /** Messages claimed as new more than once (a second "OK" for the same message id). */
    messagesClaimedTwice: count,
    /** Delivery seqs whose claim Redis ran while the proxy cut the reply (reset fault): ambiguous for the target. */
    cutClaimSeqs: z.array(count).default([]),
    ttl: z.object({
      minTtlS: z.number().positive(),
      withTtl: count,
      withoutTtl: count,
      minS: z.number().nullable(),
      maxS: z.number().nullable(),
      belowMinimum: count,
    }),
  }),
});
export type RedisProxyStats = z.infer<typeof redisProxyStatsSchema>;
