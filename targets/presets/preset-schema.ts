import { z } from 'zod';
import { CORRELATION_MODES, deliverySchema, gatesSchema, targetSchema } from '../../common/contracts/index.ts';
import { targetCommandSchema } from '../supervisor/index.ts';

/** What one inbound update of a kind should cause at the Graph API, in the order the target sends it. */
export const SIDE_EFFECTS = [
  'read',
  'reply',
  'typing',
  'call-pre_accept',
  'call-accept',
  'call-reject',
  'call-terminate',
] as const;
/** Kinds of webhook updates a preset can state expectations for. */
export const UPDATE_KINDS = ['message', 'status', 'error', 'calls-connect', 'calls-terminate', 'other-field'] as const;

const endpointPath = z
  .string()
  .regex(/^\/[A-Za-z0-9._~\/-]*$/, 'expected a path such as /health (no query, no placeholders)');

/**
 * The scenario layer a preset contributes (between the scenario defaults and the --config file).
 * Strict at every level so a typo fails with its field named instead of being dropped. Target
 * URL, secrets and load are not the target's shape and stay with the scenario and flags; a chaos
 * profile may be named when the target's shape calls for one (generic-redis: Redis faults).
 */
export const presetScenarioSchema = z.strictObject({
  target: targetSchema.pick({ pathTemplate: true, handshake: true, headers: true }).partial().strict().optional(),
  mix: z.record(z.string(), z.number().nonnegative()).optional(),
  delivery: deliverySchema.partial().strict().optional(),
  gates: gatesSchema.partial().strict().optional(),
  correlation: z.enum(CORRELATION_MODES).optional(),
  chaos: z.string().min(1).optional(),
  maxInFlight: z.number().int().positive().max(100_000).optional(),
});

/** How the engine picks source addresses: a fixed list, or enough loopback addresses to stay under a per-IP limit. */
export const sourceAddressesSchema = z.union([
  z.array(z.ipv4()).min(1).max(1000),
  z.strictObject({
    spread: z.literal('loopback'),
    /** The target's per-source limit (requests/s); attempts are spread so each address stays under it. */
    maxRatePerAddress: z.number().positive(),
  }),
]);
export type SourceAddressesSpec = z.infer<typeof sourceAddressesSchema>;

/** The reference connector's settings that make `--target builtin` look like this kind of target. */
export const builtinTargetSchema = z.strictObject({
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
    .optional(),
  rateLimitPerIp: z.number().positive().optional(),
  rateLimitBurst: z.number().int().positive().optional(),
  callsMode: z.enum(['ignore', 'answer']).optional(),
});
export type BuiltinTarget = z.infer<typeof builtinTargetSchema>;

export const presetSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
  description: z.string().min(1),
  scenario: presetScenarioSchema,
  endpoints: z.strictObject({
    /** Checked before the load (any 2xx passes); null = the target has none. */
    health: endpointPath.nullable(),
    /** Also checked before the load when set (Wappa's /health/detailed). */
    healthDetailed: endpointPath.optional(),
    /** Prometheus text scraped before and after the run; null = none. */
    metrics: endpointPath.nullable(),
  }),
  sideEffects: z.partialRecord(z.enum(UPDATE_KINDS), z.array(z.enum(SIDE_EFFECTS))),
  builtin: builtinTargetSchema.default({}),
  engine: z.strictObject({ sourceAddresses: sourceAddressesSchema.optional() }).default({}),
  /** How to start this kind of target under --target-cmd supervision (docs/targets.md "Supervised targets"). */
  target: z.strictObject({ command: targetCommandSchema.optional() }).optional(),
});
export type Preset = z.infer<typeof presetSchema>;
export type PresetInput = z.input<typeof presetSchema>;
