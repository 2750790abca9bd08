import type { z } from 'zod';
import type { Rng } from '../../../common/core/index.ts';
import type { GraphErrorSpec } from '../../graph-errors.ts';

/** What a fault does to one request. */
export type FaultEffect =
  | { type: 'error'; spec: GraphErrorSpec }
  | { type: 'reset' }
  | { type: 'hold'; holdMs: number }
  | { type: 'raw'; status: number; contentType: string; body: string }
  | { type: 'delay'; delayMs: number };

/** One fault kind: its attribute schema and how it turns attributes into an effect. */
export interface FaultModule<S extends z.ZodType = z.ZodType> {
  kind: string;
  /** Additive faults (latency) roll their own dice and stack with one failure fault. */
  additive: boolean;
  attributesSchema: S;
  toEffect(attributes: z.infer<S>, rng: Rng, limitHttpStatus: number): FaultEffect;
}
