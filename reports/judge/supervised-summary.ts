import { z } from 'zod';
import { healthProbeSchema, logHygieneSchema, instanceExitSchema } from '../../common/contracts/index.ts';

/** The summary's view of a supervised target (--target-cmd): what every renderer shows. */
export const supervisedSummarySchema = z.object({
  command: z.string(),
  replicas: z.number(),
  instancesStarted: z.number(),
  envNames: z.array(z.string()),
  resources: z.object({
    available: z.boolean(),
    note: z.string(),
    samples: z.number(),
    peakRssMb: z.number().nullable(),
    peakTotalRssMb: z.number().nullable(),
    meanCpuPct: z.number().nullable(),
    peakCpuPct: z.number().nullable(),
    growthMbPer10Min: z.number().nullable(),
    growthWindowS: z.number(),
    /** At most 600 points, for charts. */
    series: z.array(z.object({ t: z.number(), rssMb: z.number(), cpuPct: z.number() })),
  }),
  health: z.object({
    timeoutMs: z.number(),
    probes: z.number(),
    ok: z.number(),
    failures: z.number(),
    availabilityPct: z.number().nullable(),
    p50Ms: z.number().nullable(),
    p99Ms: z.number().nullable(),
    maxMs: z.number().nullable(),
    firstFailures: z.array(healthProbeSchema),
  }),
  logs: logHygieneSchema,
  drills: z.array(
    z.object({
      kind: z.enum(['drain', 'restart']),
      atS: z.number(),
      instance: z.number(),
      replacement: z.number().nullable(),
      signal: z.string(),
      exitMs: z.number().nullable(),
      killedAfterTimeout: z.boolean(),
      exit: z.string().nullable(),
      answeredAfterSignal: z.object({ ok: z.number(), notOk: z.number() }),
      replacementReadyMs: z.number().nullable(),
      ackedMessages: z.number(),
      /** Acked by the signalled instance, never replied to (null: no ledger). */
      unprocessed: z.number().nullable(),
      reackedLater: z.number(),
      /** Re-acknowledged by a later instance and replied to more than once (null: no ledger). */
      answeredTwice: z.number().nullable(),
    }),
  ),
  deaths: z.array(instanceExitSchema),
});
export type SupervisedSummary = z.infer<typeof supervisedSummarySchema>;
