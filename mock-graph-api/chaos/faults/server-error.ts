import { z } from 'zod';
import { graphErrorCodesOf } from '../../../common/core/index.ts';
import { describeGraphError } from '../../graph-errors.ts';
import type { FaultModule } from './fault-effect.ts';

const attributesSchema = z
  .object({
    httpStatus: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(503),
    /** A transient code of the taxonomy: 1 unknown, 2 service unavailable, 131000 something went wrong, 131016 service unavailable. */
    code: z.literal(graphErrorCodesOf('transient')).default(2),
    retryAfterS: z.number().int().min(0).max(3600).optional(),
  })
  .strict();

/** A transient server error (5xx) with a Graph envelope. */
export const serverErrorFault: FaultModule<typeof attributesSchema> = {
  kind: 'server-error',
  additive: false,
  attributesSchema,
  toEffect: (a) => ({
    type: 'error',
    spec: describeGraphError(a.code, { status: a.httpStatus, retryAfterS: a.retryAfterS }),
  }),
};
