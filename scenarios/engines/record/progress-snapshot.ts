import { z } from 'zod';
import type { LoadProfile } from '../../../common/contracts/index.ts';
import { countErrors, rateAt, totalDurationS } from '../../model/index.ts';
import type { RunStats } from './run-stats.ts';

/**
 * What a running engine reports about once a second: the terminal progress line, the live
 * dashboard and the live metrics exporter all read it.
 */
export const progressSnapshotSchema = z.object({
  /** Seconds since the run started (the engine's clock). */
  elapsedS: z.number().nonnegative(),
  /** Scheduled duration of the load (redelivery tails not included). */
  durationS: z.number().nonnegative(),
  /** Deliveries per second the load profile asks for now. */
  targetRate: z.number().nonnegative(),
  /** Deliveries (first attempts) started per second since the previous snapshot. */
  achievedRate: z.number().nonnegative(),
  /** Attempts sent so far (all kinds). */
  sent: z.number().int().nonnegative(),
  /** Failed attempts as the error-rate gate counts them (countErrors). */
  errors: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative(),
  /** Ack latency p99 so far, from intended send times. */
  p99Ms: z.number().nonnegative(),
});
export type ProgressSnapshot = z.infer<typeof progressSnapshotSchema>;

/** What an engine knows at a progress tick. */
export interface ProgressCounts {
  /** Milliseconds since the run started. */
  elapsedMs: number;
  /** The run so far; `counters.deliveries` are the deliveries started, dropped ones excluded, on both engines. */
  stats: RunStats;
}

/**
 * The one progress builder of both engines. Returns a function to call about once a second; the
 * achieved rate is the deliveries started since its previous call (since the start, the first time).
 *
 * @example
 * const progressOf = createProgressMeter(scenario.load);
 * onProgress(progressOf({ elapsedMs: 1000, stats }));
 */
export function createProgressMeter(load: LoadProfile): (counts: ProgressCounts) => ProgressSnapshot {
  const durationS = totalDurationS(load);
  let previous = { elapsedMs: 0, deliveriesStarted: 0 };
  return ({ elapsedMs, stats }) => {
    const deliveriesStarted = stats.counters.deliveries;
    const sinceS = (elapsedMs - previous.elapsedMs) / 1000;
    const achievedRate = sinceS > 0 ? Math.max(0, deliveriesStarted - previous.deliveriesStarted) / sinceS : 0;
    previous = { elapsedMs, deliveriesStarted };
    const elapsedS = Math.max(0, elapsedMs / 1000);
    const c = stats.counters;
    return {
      elapsedS,
      durationS,
      targetRate: rateAt(load, elapsedS),
      achievedRate,
      sent: c.sent,
      errors: countErrors(c),
      dropped: c.dropped,
      p99Ms: stats.ack.percentileMs(99),
    };
  };
}
