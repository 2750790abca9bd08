import { z } from 'zod';

/**
 * A latency distribution. Node-side producers fill `buckets` (core/histogram.ts, mergeable);
 * k6's handleSummary only knows Trend percentiles, so it fills `percentiles` and leaves
 * `buckets` empty. Consumers prefer buckets and fall back to percentiles.
 */
export const histogramSchema = z.object({
  unit: z.literal('us'),
  count: z.number().nonnegative(),
  min: z.number().nonnegative(),
  max: z.number().nonnegative(),
  sum: z.number().nonnegative(),
  buckets: z.array(z.tuple([z.number().int().nonnegative(), z.number().nonnegative()])),
  percentiles: z.record(z.string(), z.number().nonnegative()).optional(),
});
export type HistogramData = z.infer<typeof histogramSchema>;
