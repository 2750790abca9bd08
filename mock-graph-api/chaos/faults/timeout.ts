import { z } from 'zod';
import type { FaultModule } from './fault-effect.ts';

const attributesSchema = z
  .object({
    /** How long the request is held before the connection is dropped (or the client gives up first). */
    holdMs: z.number().int().min(0).max(600_000).default(30_000),
  })
  .strict();

/** Holds the request without answering, then drops the connection. */
export const timeoutFault: FaultModule<typeof attributesSchema> = {
  kind: 'timeout',
  additive: false,
  attributesSchema,
  toEffect: (a) => ({ type: 'hold', holdMs: a.holdMs }),
};
