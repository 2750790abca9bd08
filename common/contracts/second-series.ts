import { z } from 'zod';
import { histogramSchema } from './histogram.ts';

const binIndex = z.number().int().nonnegative();
const binFields = {
  /** Epoch ms of bin 0's start. */
  originMs: z.number().nonnegative(),
  /** Seconds per bin: 1, doubling when a long run outgrew the bound (common/core/second-bins.ts). */
  binS: z.number().int().positive(),
};

/** Latency distributions per second: [bin index, histogram], bins without samples left out. */
export const latencySecondsSchema = z.object({ ...binFields, bins: z.array(z.tuple([binIndex, histogramSchema])) });
export type LatencySeconds = z.infer<typeof latencySecondsSchema>;

/** Counts per second by key (fault kind): [bin index, {kind: count}], empty bins left out. */
export const countSecondsSchema = z.object({
  ...binFields,
  bins: z.array(z.tuple([binIndex, z.record(z.string(), z.number().int().nonnegative())])),
});
export type CountSeconds = z.infer<typeof countSecondsSchema>;
