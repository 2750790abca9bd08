import { z } from 'zod';
import { FAULT_TABLE } from './faults/fault-table.ts';

/**
 * Faults between the target and its Redis, injected by the redis-proxy component. They live in
 * the same chaos profile as the Graph API faults (a `redis` section per phase), so one clock
 * drives both; the mock itself ignores them.
 */
export const REDIS_COMMAND_FAMILIES = ['read', 'write', 'script', 'connection', 'other'] as const;

/** The error replies a real Redis sends while it cannot serve (loading, replica, full, busy). */
export const REDIS_ERROR_REPLIES = {
  LOADING: 'LOADING Redis is loading the dataset in memory',
  READONLY: "READONLY You can't write against a read only replica.",
  OOM: "OOM command not allowed when used memory > 'maxmemory'.",
  BUSY: 'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSCRIPT.',
  MASTERDOWN: 'MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to no.',
} as const;

const redisScopeSchema = z
  .object({
    /** Command families in scope; omitted = every family but `connection`. */
    families: z.array(z.enum(REDIS_COMMAND_FAMILIES)).min(1).optional(),
    /** Command names in scope (case-insensitive); omitted = every command of the families. */
    commands: z.array(z.string().min(1).max(64)).min(1).optional(),
  })
  .strict();

function createRedisFaultSchema<K extends string, S extends z.ZodObject>(kind: K, attributes: S) {
  return z
    .object({
      kind: z.literal(kind),
      /** Per command (latency, error, reset, slow-drip) or per connection (outage, freeze): chance 0–1. */
      probability: z.number().min(0).max(1).default(1),
      scope: redisScopeSchema.prefault({}),
      attributes: attributes.prefault({} as z.input<S>),
    })
    .strict();
}

const none = z.object({}).strict();

export const redisFaultSchema = z.discriminatedUnion('kind', [
  /** Added before the reply reaches the client; same distributions as the Graph latency fault. */
  createRedisFaultSchema('latency', FAULT_TABLE.latency.attributesSchema),
  /** The command is not forwarded; the client gets this error reply instead. */
  createRedisFaultSchema(
    'error',
    z
      .object({
        reply: z.enum(Object.keys(REDIS_ERROR_REPLIES) as [keyof typeof REDIS_ERROR_REPLIES]).default('LOADING'),
      })
      .strict(),
  ),
  /** The command runs, then the connection is reset after part of its reply was sent. */
  createRedisFaultSchema('reset', z.object({ afterBytes: z.number().int().min(0).max(1_000_000).optional() }).strict()),
  /** The reply is sent a few bytes at a time. */
  createRedisFaultSchema(
    'slow-drip',
    z
      .object({
        chunkBytes: z.number().int().min(1).max(65_536).default(1),
        intervalMs: z.number().min(0).max(10_000).default(5),
      })
      .strict(),
  ),
  /** Redis is down: new connections are reset at once, open ones are closed when the phase starts. */
  createRedisFaultSchema('outage', none),
  /** Redis hangs: connections are accepted, commands read but never forwarded or answered; at the phase end the frozen connections are closed and their commands dropped. */
  createRedisFaultSchema('freeze', none),
]);
export type RedisFault = z.infer<typeof redisFaultSchema>;
export type RedisFaultKind = RedisFault['kind'];
export const REDIS_FAULT_KINDS = [
  'latency',
  'error',
  'reset',
  'slow-drip',
  'outage',
  'freeze',
] as const satisfies readonly RedisFaultKind[];
/** Kinds that decide the fate of one command; one die picks among them, so their probabilities add up to ≤ 1. */
export const REDIS_COMMAND_FAILURE_KINDS = ['error', 'reset', 'slow-drip'] as const;

export const redisPhaseSchema = z
  .object({ faults: z.array(redisFaultSchema).default([]) })
  .strict()
  .superRefine((phase, ctx) => {
    const failure = phase.faults.filter((f) => (REDIS_COMMAND_FAILURE_KINDS as readonly string[]).includes(f.kind));
    const total = failure.reduce((sum, f) => sum + f.probability, 0);
    if (total > 1 + 1e-9)
      ctx.addIssue({
        code: 'custom',
        path: ['faults'],
        message: `error/reset/slow-drip probabilities add up to ${total.toFixed(3)}; they must not exceed 1`,
      });
  });
export type RedisPhase = z.infer<typeof redisPhaseSchema>;

/** Profile-wide settings of the Redis proxy: what a dedupe command looks like, and the TTL it must keep. */
export const redisProfileSettingsSchema = z
  .object({
    /** Regex a dedupe key must match (in addition to the command shape); default: any key. */
    dedupeKeyPattern: z.string().min(1).max(500).optional(),
    /** Regex that marks an EVAL script as a dedupe script; default: scripts that SET … NX or SETNX. */
    dedupeScriptPattern: z.string().min(1).max(500).optional(),
    /** A dedupe TTL below this is flagged: Meta redelivers for up to 7 days, most within 24 h. */
    minTtlS: z.number().int().positive().default(86_400),
  })
  .strict()
  .superRefine((s, ctx) => {
    for (const key of ['dedupeKeyPattern', 'dedupeScriptPattern'] as const) {
      const pattern = s[key];
      if (pattern === undefined) continue;
      try {
        new RegExp(pattern);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `not a valid regular expression (${(error as Error).message})`,
        });
      }
    }
  });
export type RedisProfileSettings = z.infer<typeof redisProfileSettingsSchema>;
