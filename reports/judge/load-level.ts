import type { Counters, TimelinePoint } from '../../common/contracts/index.ts';
import type { Summary } from '../schema/summary-schema.ts';
import { startedDeliveries } from '../../scenarios/model/index.ts';

const round = (x: number): number => Number(x.toFixed(2));

/**
 * Load level in webhook POSTs per second, averaged over the scheduled seconds (the redelivery
 * tail after the schedule is left out): target from the plan, achieved from the first attempts of
 * planned deliveries (what the target rate promises), with copies, redeliveries and forged ones
 * shown apart; the peak counts every attempt, as the target felt them.
 */
export function measureLoad(
  timeline: readonly TimelinePoint[],
  counters: Counters,
  durationS: number,
): Summary['load'] {
  // The redelivery tail (seconds after the schedule, target 0) is not part of the load shape:
  // averaging over it would report `target 3.6 msg/s` for a 5/s scenario.
  let lastScheduled = -1;
  timeline.forEach((p, i) => p.targetRate > 0 && (lastScheduled = i));
  const seconds = lastScheduled >= 0 ? lastScheduled + 1 : timeline.length || Math.max(1, durationS);
  let target = 0;
  let peakTarget = 0;
  let peakAchieved = 0;
  for (const p of timeline) {
    target += p.targetRate;
    peakTarget = Math.max(peakTarget, p.targetRate);
    peakAchieved = Math.max(peakAchieved, p.sent);
  }
  return {
    targetRate: round(target / seconds),
    peakTargetRate: round(peakTarget),
    achievedRate: round(startedDeliveries(counters) / seconds),
    peakAchievedRate: round(peakAchieved),
    copiesRate: round(counters.duplicatesSent / seconds),
    redeliveriesRate: round(counters.redeliveries / seconds),
    forgedRate: round(counters.forgedSent / seconds),
  };
}
