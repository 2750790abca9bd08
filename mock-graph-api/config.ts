import { z } from 'zod';
import { RUN_ID_PATTERN } from '../common/core/index.ts';
import { CORRELATION_MODES } from '../common/contracts/index.ts';

/**
 * The mock's settings. Defaults mirror Cloud API: 80 msg/s per number, about one message per
 * 6 s to one user with a burst allowance, limit errors on HTTP 429.
 */
export const mockConfigSchema = z
  .object({
    /** The only Bearer token accepted; omitted = any non-empty token. */
    accessToken: z.string().min(1).optional(),
    /** The Bearer tokens accepted (WA_MOCK_ACCESS_TOKENS; required off loopback); when set, accessToken is ignored. */
    accessTokens: z.array(z.string().min(1)).min(1).optional(),
    /** Sends per second per phone number id before 130429 (Cloud API: 80 by default, up to 1000). */
    throughputPerS: z.union([z.literal('off'), z.number().int().min(1).max(1000)]).default(80),
    /** Pair rate per (phone number, recipient) before 131056. */
    pairRate: z
      .union([
        z.literal('off'),
        z
          .object({
            everyS: z.number().positive().max(3600).default(6),
            burst: z.number().int().min(1).max(1000).default(45),
          })
          .strict(),
      ])
      .prefault({}),
    /** HTTP status of limit errors: Meta answers 400 or 429 in practice. */
    limitHttpStatus: z.union([z.literal(400), z.literal(429)]).default(429),
    /** How a committed send is tied to its inbound message (see README: correlation modes). */
    correlation: z.enum(CORRELATION_MODES).default('auto'),
    /** The run this mock serves (12 hex chars): sends naming another run's messages count as uncorrelated. Absent: every run. */
    runId: z.string().regex(RUN_ID_PATTERN, 'must be 12 lowercase hex chars').optional(),
    /** Seed of every random choice (fault dice, latency samples). */
    seed: z.number().int().default(1),
    /** Largest JSON body accepted; larger gets a Graph 413. */
    maxJsonBytes: z
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
    /** Version an unversioned Graph path (`/{phone-number-id}/messages`) is served as, like Graph's oldest available one; `off` answers 2500. */
    unversionedAs: z
      .union([z.literal('off'), z.string().regex(/^v\d{1,2}\.\d$/, 'use a Graph version like v21.0, or off')])
      .default('v21.0'),
    /** Largest media upload accepted. */
    maxMediaBytes: z
      .number()
      .int()
      .positive()
      .default(16 * 1024 * 1024),
  })
  .strict();

export type MockConfig = z.infer<typeof mockConfigSchema>;
export type MockConfigInput = z.input<typeof mockConfigSchema>;
