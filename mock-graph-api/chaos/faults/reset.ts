import { z } from 'zod';
import type { FaultModule } from './fault-effect.ts';

const attributesSchema = z.object({}).strict();

/** Drops the connection without an answer (the client sees ECONNRESET / "fetch failed"). */
export const resetFault: FaultModule<typeof attributesSchema> = {
  kind: 'reset',
  additive: false,
  attributesSchema,
  toEffect: () => ({ type: 'reset' }),
};
