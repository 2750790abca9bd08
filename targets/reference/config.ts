import { z } from 'zod';
import { DEFECT_NAMES } from './defects.ts';

/** Meta's body limit is 3 MB; the margin keeps a legal maximal delivery from being cut at 413. */
export const DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024 + 256 * 1024;

const PATH_TEMPLATE = /^(\/([A-Za-z0-9._~-]+|\{phone_number_id\}))+$/;
const ms = (max: number) => z.number().int().nonnegative().max(max);

/**
 * Everything the reference connector can be told. Units are in the names. Secrets have no
 * defaults: a connector that cannot verify signatures must not start.
 */
export const connectorConfigSchema = z
  .object({
    port: z.number().int().min(0).max(65_535).default(0),
    host: z.string().min(1).default('127.0.0.1'),
    appSecret: z.string({ error: 'the Meta app secret is required' }).min(1, 'the Meta app secret is required'),
    /** Without a verify token every GET handshake is refused with 403. */
    verifyToken: z.string().min(1).optional(),
    accessToken: z
      .string({ error: 'a Graph API access token is required' })
      .min(1, 'a Graph API access token is required'),
    graphBaseUrl: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com'),
    graphVersion: z
      .string()
      .regex(/^v\d+\.\d+$/, 'expected a Graph API version such as v23.0')
      .default('v23.0'),
    /** Sender used only when a webhook carries no metadata.phone_number_id (and the path none either). */
    phoneNumberId: z.string().regex(/^\d+$/, 'expected digits only').optional(),
    pathTemplate: z
      .string()
      .regex(PATH_TEMPLATE, 'expected a path such as /webhook or /webhook/messenger/{phone_number_id}/whatsapp')
      .default('/webhook'),
    /** redis:// or rediss:// URL; absent means the in-memory store. */
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
      .optional(),
    defect: z.enum(DEFECT_NAMES).default('none'),
    /** Per-source-IP token bucket in front of the webhook path, requests per second; absent = no limit. */
    rateLimitPerIp: z.number().positive().max(100_000).optional(),
    /** Bucket size of the per-IP limit: requests that may pass back to back (default: twice the rate, at least 1). */
    rateLimitBurst: z.number().int().positive().max(1_000_000).optional(),
    /** `answer`: a calls `connect` webhook gets pre_accept then accept on /calls (a voice bridge); `ignore`: counted only. */
    callsMode: z.enum(['ignore', 'answer']).default('ignore'),
    /** Seed of the defect dice (webhook-errors) and the retry jitter. */
    seed: z.number().int().default(1),
    maxBodyBytes: z
      .number()
      .int()
      .positive()
      .max(100 * 1024 * 1024)
      .default(DEFAULT_MAX_BODY_BYTES),
    logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),

    dedupeTtlSeconds: z.number().int().positive().default(86_400),
    dedupeKeyPrefix: z.string().default('wa-connector:dedupe:'),
    /** Memory store bound; the oldest ids are forgotten first (use Redis in production). */
    maxDedupeEntries: z.number().int().positive().default(1_000_000),
    redisCommandTimeoutMs: ms(60_000).default(1_000),
    /** How long startup waits for Redis before giving up (exit 3). */
    redisConnectTimeoutMs: ms(120_000).default(5_000),

    sendTimeoutMs: ms(120_000).default(10_000),
    retryBaseMs: ms(60_000).default(200),
    retryMaxDelayMs: ms(300_000).default(5_000),
    // Enough for a 30 s 429 storm at 1 s Retry-After (8 lost ~1 % of sends to a 55 % storm); the deadline is the real bound.
    retryMaxAttempts: z.number().int().min(1).max(50).default(20),
    retryDeadlineMs: ms(600_000).default(60_000),
    rateLimitBaseMs: ms(60_000).default(1_000),
    rateLimitMaxDelayMs: ms(300_000).default(30_000),
    breakerFailureThreshold: z.number().int().min(1).default(5),
    breakerOpenMs: ms(300_000).default(2_000),
    maxConcurrentSends: z.number().int().min(1).max(10_000).default(128),
    drainTimeoutMs: ms(600_000).default(30_000),

    /** Defect timings: the defaults are the documented calibration values; tests shorten them. */
    slowDedupeMs: ms(60_000).default(150),
    slowAckMs: ms(120_000).default(6_000),
    slowReplyMs: ms(120_000).default(6_000),
    webhookErrorRate: z.number().min(0).max(1).default(0.02),
    dedupeRaceWindowMs: ms(10_000).default(20),
    /** drop-on-sigterm: how long webhooks are still acknowledged (and dropped) after SIGTERM. */
    dropOnSigtermAckMs: ms(60_000).default(1_000),
  })
  .refine((c) => c.rateLimitBurst === undefined || c.rateLimitPerIp !== undefined, {
    message: 'a burst needs a rate: set --rate-limit-per-ip too',
    path: ['rateLimitBurst'],
  });

export type ConnectorConfigInput = z.input<typeof connectorConfigSchema>;
export type ResolvedConnectorConfig = z.output<typeof connectorConfigSchema>;
