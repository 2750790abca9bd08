import { z } from 'zod';
import { GRAPH_ERROR_CODES, graphErrorCodesOf } from '../../../common/core/index.ts';
import { describeGraphError } from '../../graph-errors.ts';
import type { FaultModule } from './fault-effect.ts';

const REJECT_CODES = graphErrorCodesOf('do-not-retry').filter((code) => GRAPH_ERROR_CODES[code]?.httpStatus === 400);

const attributesSchema = z
  .object({
    /** A do-not-retry code Graph answers with 400 (not 190, the token's 401): a correct client gives up on the message. */
    code: z.literal(REJECT_CODES).default(131026),
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
