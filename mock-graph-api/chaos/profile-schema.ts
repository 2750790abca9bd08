import { z } from 'zod';
import { endpointNameSchema } from './endpoints.ts';
import { FAULT_TABLE, type FaultKind } from './faults/fault-table.ts';
import { redisPhaseSchema, redisProfileSettingsSchema } from './redis-fault-schema.ts';

const scopeSchema = z
  .object({
    /** Endpoints the fault applies to; omitted = all. */
    endpoints: z.array(endpointNameSchema).min(1).optional(),
    /** Phone number ids the fault applies to; omitted = all. */
    phoneNumberIds: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

function createFaultSchema<K extends FaultKind, S extends z.ZodObject>(kind: K, attributes: S) {
  return z
    .object({
      kind: z.literal(kind),
      /** Chance (0–1) that one request in scope gets this fault. */
      probability: z.number().min(0).max(1),
      scope: scopeSchema.prefault({}),
      /** before: nothing was sent; after: the send is recorded, then the client sees the failure. */
      commit: z.enum(['before', 'after']).default('before'),
      attributes: attributes.prefault({} as z.input<S>),
    })
    .strict();
}

export const faultSchema = z.discriminatedUnion('kind', [
  createFaultSchema('rate-limit', FAULT_TABLE['rate-limit'].attributesSchema),
  createFaultSchema('server-error', FAULT_TABLE['server-error'].attributesSchema),
  createFaultSchema('reject', FAULT_TABLE['reject'].attributesSchema),
  createFaultSchema('timeout', FAULT_TABLE['timeout'].attributesSchema),
  createFaultSchema('reset', FAULT_TABLE['reset'].attributesSchema),
  createFaultSchema('malformed', FAULT_TABLE['malformed'].attributesSchema),
  createFaultSchema('latency', FAULT_TABLE['latency'].attributesSchema),
]);
export type Fault = z.infer<typeof faultSchema>;

/**
 * How the reports judge a phase (README "Fault phases"). Omitted fields take defaults from the
 * phase's faults: a phase with Graph faults has latency 'off' and recoveryS 30; a phase that
 * breaks Redis has latency and errorRate 'off' and recoveryS 5; a healthy phase is judged at the SLO.
 */
export const phaseJudgeInputSchema = z.strictObject({
  /** 'slo': ack, reply and dedupe p99 in this phase are held to the gates; 'off': shown, not judged. */
  latency: z.enum(['slo', 'off']).optional(),
  /** 'off': the webhook error rate of this phase (and recoveryS after it) is not judged (a fail-closed 503 is the promise). */
  errorRate: z.enum(['slo', 'off']).optional(),
  /** Seconds after the phase ends within which latency must be back to the SLO (messages sent later are judged). */
  recoveryS: z.number().nonnegative().max(3600).optional(),
});

export const phaseSchema = z
  .object({
    name: z.string().min(1).max(64),
    /** Omitted only on the last phase, which otherwise also lasts until the run ends. */
    durationS: z.number().positive().optional(),
    faults: z.array(faultSchema).default([]),
    /** Faults between the target and its Redis (redis-proxy); the mock ignores them. */
    redis: redisPhaseSchema.optional(),
    judge: phaseJudgeInputSchema.optional(),
  })
  .strict()
  .superRefine((phase, ctx) => {
    const total = phase.faults.filter((f) => !FAULT_TABLE[f.kind].additive).reduce((sum, f) => sum + f.probability, 0);
    if (total > 1 + 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['faults'],
        message: `failure fault probabilities add up to ${total.toFixed(3)}; they must not exceed 1`,
      });
    }
  });
export type Phase = z.infer<typeof phaseSchema>;

/** A chaos profile: timed phases run one after the other from the chaos clock's start. */
export const chaosProfileSchema = z
  .object({
    name: z.string().min(1).max(64).default('custom'),
    description: z.string().max(500).optional(),
    phases: z.array(phaseSchema).min(1).max(100),
    /** Redis proxy settings (dedupe command shape, minimum TTL); used only with --redis-proxy. */
    redis: redisProfileSettingsSchema.optional(),
  })
  .strict()
  .superRefine((profile, ctx) => {
    const seen = new Set<string>();
    profile.phases.forEach((phase, i) => {
      if (i < profile.phases.length - 1 && phase.durationS === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['phases', i, 'durationS'],
          message: 'is required on every phase but the last',
        });
      }
      if (seen.has(phase.name))
        ctx.addIssue({ code: 'custom', path: ['phases', i, 'name'], message: `duplicate phase name "${phase.name}"` });
      seen.add(phase.name);
    });
  });
export type ChaosProfile = z.infer<typeof chaosProfileSchema>;
export type ChaosProfileInput = z.input<typeof chaosProfileSchema>;
