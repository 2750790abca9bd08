import { z } from 'zod';
import { describeGraphError } from '../../graph-errors.ts';
import type { FaultModule } from './fault-effect.ts';

const attributesSchema = z
  .object({
    httpStatus: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(503),
    /** Transient Graph codes: 1 unknown, 2 service unavailable, 131000 something went wrong, 131016 service unavailable. */
    code: z.union([z.literal(1), z.literal(2), z.literal(131000), z.literal(131016)]).default(2),
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
