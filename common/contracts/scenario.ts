import { z } from 'zod';

/**
 * The scenario model: one shape for both engines. Rates are webhook deliveries (POSTs) per
 * second; a batched fixture is one delivery. Units are in field names (…S seconds, …Ms ms).
 */
const rate = z.number().positive().max(100_000);
const seconds = z
  .number()
  .positive()
  .max(7 * 24 * 3600);

export const loadProfileSchema = z.discriminatedUnion('profile', [
  z.strictObject({ profile: z.literal('constant'), rate, durationS: seconds }),
  z.strictObject({
    profile: z.literal('ramping'),
    startRate: z.number().nonnegative().default(0),
    stages: z.array(z.strictObject({ durationS: seconds, targetRate: z.number().nonnegative() })).min(1),
  }),
  z.strictObject({
    profile: z.literal('spike'),
    baseRate: rate,
    spikeRate: rate,
    durationS: seconds,
    spikeAtS: z.number().nonnegative(),
    spikeDurationS: seconds,
  }),
  z.strictObject({ profile: z.literal('soak'), rate, durationS: seconds }),
]);
export type LoadProfile = z.infer<typeof loadProfileSchema>;

export const targetSchema = z.strictObject({
  /** http(s) URL of the connector, or `builtin` for the reference connector. */
  url: z.string().min(1).default('builtin'),
  /** Webhook path; `{phone_number_id}` is replaced per delivery. */
  pathTemplate: z.string().startsWith('/').default('/webhook'),
  verifyToken: z.string().min(1).default('wa-loadtest-verify'),
  /** Meta app secret used to sign deliveries. Never written to logs or reports. */
  appSecret: z.string().min(1).default('wa-loadtest-app-secret'),
  headers: z.record(z.string(), z.string()).default({}),
  /**
   * Names in `headers` whose values are credentials, redacted in every artefact and log like
   * Authorization, Cookie and any *auth* / *key* / *token* / *secret* / *password* header already are.
   */
  secretHeaders: z.array(z.string()).default([]),
  /** Send the GET verify handshake before loading. */
  handshake: z.boolean().default(true),
  /** Hosts other than loopback that may receive load (exact host names or IPs). */
  allowHosts: z.array(z.string()).default([]),
});

export const deliverySchema = z.strictObject({
  /** A delivery with no answer within this is a timeout (Meta waits about 20 s; we default lower). */
  timeoutMs: z.number().int().positive().max(120_000).default(10_000),
  /** Meta-like redelivery of failed deliveries: same bytes (unless rebatched: rebatchRatio), growing backoff. */
  redelivery: z
    .strictObject({
      enabled: z.boolean().default(true),
      maxAttempts: z.number().int().min(1).max(20).default(4),
      initialBackoffMs: z.number().int().nonnegative().default(500),
      backoffFactor: z.number().min(1).default(2),
      maxBackoffMs: z.number().int().positive().default(10_000),
    })
    .prefault({}),
  /** Share of deliveries sent a second time (same id; same bytes unless rebatched) although the first was acked. */
  duplicateRatio: z.number().min(0).max(1).default(0.02),
  /** Delay before a spontaneous duplicate is sent (0 = concurrently, the dedupe race). */
  duplicateDelayMs: z.number().int().nonnegative().default(50),
  /**
   * Meta-like late copies (README "Late copies and the dedupe horizon"): a seeded share of signed
   * deliveries gets `copies` more copies (same id; same bytes unless rebatched), spread log-uniformly (often soon,
   * rarely late: Meta's decreasing frequency, compressed) from minDelayS to the horizon, always
   * inside the scheduled load. Proves the target remembers ids at least that long.
   */
  late: z
    .strictObject({
      /** Share (0–1) of signed deliveries that get late copies; 0 = off. */
      fraction: z.number().min(0).max(1).default(0),
      /** Late copies per chosen delivery. */
      copies: z.number().int().min(1).max(5).default(2),
      /** Earliest delay of a late copy after the delivery's first attempt, seconds. */
      minDelayS: z
        .number()
        .positive()
        .max(7 * 24 * 3600)
        .default(2),
      /** Latest delay: 'run' = up to the end of the scheduled load, or seconds (still clipped to it). */
      horizon: z
        .union([
          z.literal('run'),
          z
            .number()
            .positive()
            .max(7 * 24 * 3600),
        ])
        .default('run'),
    })
    .prefault({}),
  /**
   * Share (0–1) of signed deliveries whose copies (duplicates, late copies, redeliveries) come
   * inside a different batch, as Meta may send them: the same message ids, with status callbacks
   * spliced around them in another entry/changes layout, signed anew. An id dedupe is unaffected;
   * a dedupe by body hash processes the message again. 0 = every copy repeats the first bytes.
   */
  rebatchRatio: z.number().min(0).max(1).default(0),
  /** Share of status callbacks delivered in reverse order (read before delivered). */
  outOfOrderRatio: z.number().min(0).max(1).default(0.1),
  /** Share of deliveries sent with a wrong signature; they must be rejected (401). */
  forgedRatio: z.number().min(0).max(1).default(0),
  /** Share of deliveries sent with no signature header; they must be rejected too. */
  unsignedRatio: z.number().min(0).max(1).default(0),
  /**
   * Fixtures combined into one POST (their `entry` arrays spliced byte for byte, one signature
   * over the whole body), as Meta batches updates. 1 = one fixture per POST.
   */
  batchSize: z.number().int().min(1).max(50).default(1),
  /**
   * `unique`: every inbound message has its own sender wa_id, which names it (a reply with only
   * `to` is tied to it). N: a pool of N senders shared by many messages; replies then need
   * `context.message_id` to be tied.
   */
  senderPool: z.union([z.literal('unique'), z.number().int().positive()]).default('unique'),
});

/** Gate thresholds of a supervised target (--target-cmd); docs/targets.md "Supervised targets". */
export const supervisedGatesSchema = z.strictObject({
  /** Peak RSS of the target's whole process tree (all replicas summed), MB. */
  peakRssMb: z.number().positive().default(200),
  /** RSS growth after warm-up, MB per 10 min (least-squares slope); judged on long runs only. */
  rssGrowthMbPer10Min: z.number().positive().default(20),
  /** Samples before this are ignored by the growth gate. */
  warmupS: z.number().nonnegative().default(60),
  /** The growth gate needs at least this much post-warm-up data, else it is not judged. */
  growthMinWindowS: z.number().positive().default(300),
  /** Every health probe must answer 2xx within this. */
  healthTimeoutMs: z.number().positive().default(5000),
  healthFailures: z.number().int().nonnegative().default(0),
  logHygieneHits: z.number().int().nonnegative().default(0),
  drainUnprocessed: z.number().int().nonnegative().default(0),
  /** SIGTERM → exit; absent = the target's drain timeout. */
  drainTimeMs: z.number().positive().optional(),
  restartLost: z.number().int().nonnegative().default(0),
  restartDuplicates: z.number().int().nonnegative().default(0),
});
export type SupervisedGates = z.infer<typeof supervisedGatesSchema>;

export const gatesSchema = z.strictObject({
  ackP99Ms: z.number().positive().default(5000),
  errorRate: z.number().min(0).max(1).default(0.01),
  dedupeP99Ms: z.number().positive().default(100),
  replyP99Ms: z.number().positive().default(5000),
  duplicateSideEffects: z.number().int().nonnegative().default(0),
  lostMessages: z.number().int().nonnegative().default(0),
  forgedAccepted: z.number().int().nonnegative().default(0),
  /** Sends the target retried after a do-not-retry Graph error (from the ledger). */
  nonRetryableRetries: z.number().int().nonnegative().default(0),
  /** A calls `connect` webhook must get pre_accept/accept (or reject/terminate) on /calls within this. */
  callsAnswerMs: z.number().positive().default(5000),
  /** Acked connect calls allowed to go unanswered (or be answered late). */
  callsUnanswered: z.number().int().nonnegative().default(0),
  /** Gate ids that may pass when they could not be measured (otherwise "not measured" fails). */
  allowNotMeasured: z.array(z.string()).default([]),
  /** Gate ids that must be measured: "not measured" fails them even where it is a warning by default (dedupe-p99). */
  requireMeasured: z.array(z.string()).default([]),
  /** Prometheus histogram in the target's /metrics to read dedupe overhead from (seconds). */
  dedupeMetric: z.string().optional(),
  /** Supervised targets (--target-cmd) only: see docs/targets.md "Supervised targets". Absent = the defaults. */
  supervised: supervisedGatesSchema.optional(),
});

export type Gates = z.infer<typeof gatesSchema>;

/**
 * How the mock ties a reply to the inbound message it answers (a mark-as-read always by its
 * `message_id`). `auto`: the wamid the reply quotes (`context.message_id`, a reaction's
 * `message_id`), else its `to`, which names one message since every synthetic message has its own
 * sender wa_id; works for any bot. `context`: the quote only (a reply with only `to` is not tied:
 * for bots that must thread every reply). `recipient`: the `to` only. `read`: replies are not
 * tied, only counted by type (for bots that do not answer each message).
 */
export const CORRELATION_MODES = ['auto', 'context', 'recipient', 'read'] as const;

export const scenarioSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
  description: z.string().default(''),
  target: targetSchema.prefault({}),
  /** Fixture set folder (manifest.json inside); absent: the built-in corpus in fixtures/. */
  fixtures: z.string().optional(),
  /** Fixture name → weight; omitted fixtures weigh 0. Absent: the manifest's default weights. */
  mix: z.record(z.string(), z.number().nonnegative()).optional(),
  load: loadProfileSchema,
  /** Cap on deliveries in flight; beyond it a delivery is counted as dropped, never delayed. */
  maxInFlight: z.number().int().positive().max(100_000).default(2000),
  delivery: deliverySchema.prefault({}),
  /** How the mock ties a Graph send to the inbound message it answers (CORRELATION_MODES). */
  correlation: z.enum(CORRELATION_MODES).default('auto'),
  business: z
    .strictObject({
      phoneNumberId: z
        .string()
        .regex(/^\d{6,20}$/)
        .default('106540352242922'),
      displayPhoneNumber: z
        .string()
        .regex(/^\d{6,20}$/)
        .default('15550783881'),
      wabaId: z
        .string()
        .regex(/^\d{6,20}$/)
        .default('102290129340398'),
    })
    .prefault({}),
  /** Mock Graph API chaos profile: a built-in name or a path to a profile file. */
  chaos: z.string().default('none'),
  gates: gatesSchema.prefault({}),
  seed: z.number().int().nonnegative().default(1),
});
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
