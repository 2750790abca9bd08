import { z } from 'zod';

/** Webhook→reply latency by the webhook's send second (ledger), for the report's chart. */
export const replyTimelineSchema = z.object({
  resolutionS: z.number().int().positive(),
  points: z.array(
    z.object({
      t: z.number().int().nonnegative(),
      count: z.number().nonnegative(),
      p50Ms: z.number().nonnegative(),
      p99Ms: z.number().nonnegative(),
    }),
  ),
});
export type ReplyTimeline = z.infer<typeof replyTimelineSchema>;

/** Faults injected per second by kind (mock Graph API, and `redis <kind>` from the Redis proxy). */
export const faultTimelineSchema = z.object({
  resolutionS: z.number().int().positive(),
  kinds: z.array(z.string()),
  points: z.array(
    z.object({ t: z.number().int().nonnegative(), perS: z.record(z.string(), z.number().nonnegative()) }),
  ),
});
export type FaultTimeline = z.infer<typeof faultTimelineSchema>;
