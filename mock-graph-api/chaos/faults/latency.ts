import { z } from 'zod';
import type { Rng } from '../../../common/core/index.ts';
import type { FaultModule } from './fault-effect.ts';

const attributesSchema = z
  .object({
    distribution: z.enum(['fixed', 'uniform', 'normal', 'lognormal']).default('fixed'),
    /** fixed: the delay; normal: the mean; lognormal: the median. */
    latencyMs: z.number().min(0).max(600_000).default(100),
    /** uniform bounds. */
    minMs: z.number().min(0).max(600_000).default(0),
    maxMs: z.number().min(0).max(600_000).default(1000),
    /** normal spread. */
    stdDevMs: z.number().min(0).max(600_000).default(50),
    /** lognormal shape (σ of the underlying normal). */
    sigma: z.number().min(0).max(5).default(0.5),
  })
  .strict();

type LatencyAttributes = z.infer<typeof attributesSchema>;

function sampleStandardNormal(rng: Rng): number {
  // Box–Muller; 1 - next() keeps log away from 0.
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** Draws one delay in ms from the configured distribution (never negative, capped at 10 min). */
export function sampleLatencyMs(a: LatencyAttributes, rng: Rng): number {
  let ms: number;
  switch (a.distribution) {
    case 'fixed':
      ms = a.latencyMs;
      break;
    case 'uniform':
      ms = a.minMs + rng.next() * Math.max(0, a.maxMs - a.minMs);
      break;
    case 'normal':
      ms = a.latencyMs + a.stdDevMs * sampleStandardNormal(rng);
      break;
    case 'lognormal':
      ms = a.latencyMs * Math.exp(a.sigma * sampleStandardNormal(rng));
      break;
  }
  return Math.min(600_000, Math.max(0, Math.round(ms)));
}

/** Adds a delay before the answer; stacks with any failure fault. */
export const latencyFault: FaultModule<typeof attributesSchema> = {
  kind: 'latency',
  additive: true,
  attributesSchema,
  toEffect: (a, rng) => ({ type: 'delay', delayMs: sampleLatencyMs(a, rng) }),
};
