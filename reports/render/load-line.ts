import type { Summary } from '../schema/summary-schema.ts';
import { formatRate } from './format.ts';

/**
 * The load line every text report prints: target, achieved first deliveries, and what else the
 * target received, apart (copies, redeliveries, forged), so a 5/s run never reads "achieved 20/s".
 *
 * @example describeLoad(s.load) // 'target 5.0 msg/s, achieved 5.0 msg/s first deliveries (+ copies 4.0 msg/s, redeliveries 11.1 msg/s; forged 0.2 msg/s of them; attempts peak 21.0 msg/s)'
 */
export function describeLoad(load: Summary['load']): string {
  const extra = [
    load.copiesRate ? `copies ${formatRate(load.copiesRate)}` : '',
    load.redeliveriesRate ? `redeliveries ${formatRate(load.redeliveriesRate)}` : '',
  ].filter(Boolean);
  const apart = [
    extra.length ? `+ ${extra.join(', ')}` : '',
    load.forgedRate ? `forged ${formatRate(load.forgedRate)} of them` : '',
    `attempts peak ${formatRate(load.peakAchievedRate)}`,
  ].filter(Boolean);
  const first = load.copiesRate === undefined ? '' : ' first deliveries';
  return `target ${formatRate(load.targetRate)}, achieved ${formatRate(load.achievedRate)}${first} (${apart.join('; ')})`;
}

/**
 * The run's plan as the run record counts it on both engines, or undefined for records without one.
 *
 * @example describePlan(s.loadDelivery) // '1020 planned = 1000 started + 0 dropped + 20 never started'
 */
export function describePlan(d: Summary['loadDelivery']): string | undefined {
  if (!d) return undefined;
  // Real k6 v1.3 sometimes starts one iteration at t = duration, beyond the plan (K6-FACTS): say so
  // rather than print an equation that does not add up.
  const beyond = d.started + d.dropped - d.planned - d.unstarted;
  if (beyond > 0)
    return `${d.planned} planned; ${d.started} started (${beyond} beyond the plan, at its end) + ${d.dropped} dropped + ${d.unstarted} never started`;
  return `${d.planned} planned = ${d.started} started + ${d.dropped} dropped + ${d.unstarted} never started`;
}

/** What the gates said under a load-not-delivered headline. */
export function describeGatesUnderShortfall(d: NonNullable<Summary['loadDelivery']>): string {
  return d.gatesVerdict === 'pass'
    ? 'the gates below all pass, but they judged less load than planned'
    : 'the gates below fail too, on less load than planned';
}
