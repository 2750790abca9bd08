import type { LoadProfile } from '../../common/contracts/scenario.ts';
import { arrivalsBy, totalDurationS } from './load-profile.ts';

/** Slack for float error in the integral, so rate × duration is not rounded up to one more. */
const EPSILON = 1e-9;

/**
 * First deliveries the arrival schedule holds for the time a run actually ran: the run record's
 * `counters.planned`. Arrival n is due when the integral of the rate reaches n (the Node engine's
 * arrival clock; k6's arrival-rate executors start iteration n at the same time), so arrival 0 is
 * due at 0 s. A completed run holds the whole plan; an aborted one the arrivals due by its stop.
 * Pure, no imports beyond types and the load-profile arithmetic: k6 loads it too.
 *
 * @example
 * plannedArrivals({ profile: 'constant', rate: 20, durationS: 60 }, 'aborted', 10_000); // 201
 */
export function plannedArrivals(load: LoadProfile, status: 'completed' | 'aborted', ranMs: number): number {
  const whole = Math.ceil(arrivalsBy(load, totalDurationS(load)) - EPSILON);
  if (status === 'completed') return whole;
  return Math.min(whole, Math.floor(arrivalsBy(load, Math.max(0, ranMs) / 1000) + EPSILON) + 1);
}
