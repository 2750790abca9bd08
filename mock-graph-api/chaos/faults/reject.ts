import { z } from 'zod';
import { describeGraphError } from '../../graph-errors.ts';
import type { FaultModule } from './fault-effect.ts';

const attributesSchema = z
  .object({
    /** Do-not-retry codes: a correct client gives up on the message. */
    code: z
      .union([
        z.literal(100),
        z.literal(131008),
        z.literal(131009),
        z.literal(131026),
        z.literal(131047),
        z.literal(131051),
      ])
      .default(131026),
  })
  .strict();

/**
 * A permanent rejection (HTTP 400). It never commits, whatever `commit` says: Cloud API sends
 * nothing for a message it rejects.
 */
export const rejectFault: FaultModule<typeof attributesSchema> = {
  kind: 'reject',
  additive: false,
  attributesSchema,
  toEffect: (a) => ({ type: 'error', spec: describeGraphError(a.code, { status: 400 }) }),
};
