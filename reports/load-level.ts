import type { Counters, TimelinePoint } from '../contracts/run-record.ts';
import type { Summary } from './summary-schema.ts';

const round = (x: number): number => Number(x.toFixed(2));

/**
 * Load level in webhook POSTs per second: target from the plan, achieved from attempts started
 * (redeliveries and duplicates included, as the target felt them), averaged over the seconds
 * the timeline covers.
 */
export function measureLoad(timeline: readonly TimelinePoint[], counters: Counters, durationS: number): Summary['load'] {
  const seconds = timeline.length || Math.max(1, durationS);
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
    achievedRate: round(counters.sent / seconds),
    peakAchievedRate: round(peakAchieved),
  };
}
