import { z } from 'zod';
import { encodedBytesSchema } from './encoded-bytes.ts';

/**
 * What the harness observed of a target it started itself (`--target-cmd`): the process tree's
 * memory and CPU, health probes, log hygiene, drills and deaths. Optional in the run record, so
 * records of URL targets are unchanged. Times are seconds since the load started.
 */
export const resourceSampleSchema = z.object({
  t: z.number().nonnegative(),
  /** All instances' trees together. */
  rssMb: z.number().nonnegative(),
  /** The largest single instance's tree (what a per-container memory limit sees). */
  maxInstanceRssMb: z.number().nonnegative(),
  /** CPU of the whole tree over the last interval, in percent of one core (200 = two cores busy). */
  cpuPct: z.number().nonnegative(),
  processes: z.number().int().nonnegative(),
});
export type ResourceSample = z.infer<typeof resourceSampleSchema>;

export const healthProbeSchema = z.object({
  t: z.number().nonnegative(),
  instance: z.number().int().nonnegative(),
  /** HTTP status, or null when the probe got no answer (error or timeout). */
  status: z.number().int().nullable(),
  ms: z.number().nonnegative(),
  error: z.string().optional(),
});
export type HealthProbe = z.infer<typeof healthProbeSchema>;

export const logHitSchema = z.object({
  file: z.string(),
  lineNo: z.number().int().positive(),
  kinds: z.array(z.string()),
  /** The offending line with every planted value replaced by [kind]. */
  redacted: z.string(),
});
export type LogHit = z.infer<typeof logHitSchema>;

export const logHygieneSchema = z.object({
  files: z.array(z.string()),
  linesScanned: z.number().int().nonnegative(),
  /** Lines with at least one planted value. */
  hits: z.number().int().nonnegative(),
  byKind: z.record(z.string(), z.number().int().nonnegative()),
  /** How many distinct values of each kind were looked for. */
  needles: z.record(z.string(), z.number().int().nonnegative()),
  examples: z.array(logHitSchema),
});
export type LogHygiene = z.infer<typeof logHygieneSchema>;

export const drillResultSchema = z.object({
  kind: z.enum(['drain', 'restart']),
  atS: z.number().nonnegative(),
  /** Instance that got the signal, and the one that replaced it. */
  instance: z.number().int().nonnegative(),
  replacement: z.number().int().nonnegative().nullable(),
  signal: z.enum(['SIGTERM', 'SIGKILL']),
  /** Signal → process exit; null when it never exited before the run ended. */
  exitMs: z.number().nonnegative().nullable(),
  /** True when the drain timeout passed and SIGKILL had to follow. */
  killedAfterTimeout: z.boolean(),
  exit: z.string().nullable(),
  /** Webhooks the signalled instance answered after the signal, by class. */
  answeredAfterSignal: z.object({ ok: z.number().int().nonnegative(), notOk: z.number().int().nonnegative() }),
  /** Start → healthy of the replacement (started before the load, joined at the drill). */
  replacementReadyMs: z.number().nonnegative().nullable(),
  /** Inbound message seqs (part 0) this instance acknowledged with a 2xx. */
  acked: encodedBytesSchema,
  /** Seqs delivered to this instance (any outcome) that a later instance acknowledged again. */
  reackedLater: encodedBytesSchema,
});
export type DrillResult = z.infer<typeof drillResultSchema>;

export const instanceExitSchema = z.object({
  instance: z.number().int().nonnegative(),
  atS: z.number(),
  exit: z.string(),
  lastLines: z.array(z.string()),
});

export const supervisedSchema = z.object({
  /** The shell command, with the secrets the harness handed over scrubbed. */
  command: z.string(),
  replicas: z.number().int().positive(),
  healthPath: z.string(),
  drainTimeoutS: z.number().positive(),
  /** Variable names handed to the target (values never recorded). */
  envNames: z.array(z.string()),
  instances: z.array(
    z.object({
      instance: z.number().int().nonnegative(),
      port: z.number().int(),
      startedAtS: z.number(),
      log: z.string(),
    }),
  ),
  resources: z.object({ available: z.boolean(), note: z.string(), samples: z.array(resourceSampleSchema) }),
  health: z.object({ timeoutMs: z.number().positive(), probes: z.array(healthProbeSchema) }),
  logs: logHygieneSchema,
  drills: z.array(drillResultSchema),
  /** Instances that died on their own during the run (the run is then aborted). */
  deaths: z.array(instanceExitSchema),
});
export type Supervised = z.infer<typeof supervisedSchema>;
