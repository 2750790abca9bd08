import { z } from 'zod';
import { graphErrorCodesOf } from '../../../common/core/index.ts';
import { describeGraphError } from '../../graph-errors.ts';
import type { FaultModule } from './fault-effect.ts';

const attributesSchema = z
  .object({
    /** A rate-limit code of the taxonomy: 130429 throughput, 131056 pair rate, 80007 account, 4 app. */
    code: z.literal(graphErrorCodesOf('throughput-limit', 'pair-rate', 'account-limit')).default(130429),
    /** Sent as the Retry-After header when set. */
    retryAfterS: z.number().int().min(0).max(3600).optional(),
    /** Defaults to the mock's limitHttpStatus. */
    httpStatus: z.union([z.literal(400), z.literal(429)]).optional(),
  })
  .strict();

/** A rate-limit answer like the ones Cloud API gives under pressure. */
export const rateLimitFault: FaultModule<typeof attributesSchema> = {
  kind: 'rate-limit',
  additive: false,
  attributesSchema,
  toEffect: (a, _rng, limitHttpStatus) => ({
    type: 'error',
    spec: describeGraphError(a.code, { status: a.httpStatus ?? limitHttpStatus, retryAfterS: a.retryAfterS }),
  }),
};
