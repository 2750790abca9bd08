import type { Counters } from '../../common/contracts/index.ts';
import type { LoadDelivery } from '../schema/summary-schema.ts';
import { LOAD_DELIVERY_RULE } from './verdict-model.ts';

/**
 * The load-delivered rule of the verdict model (LOAD_DELIVERY_RULE): planned = started + dropped +
 * unstarted from the run record's counters, and whether the shortfall stays within the rule.
 * Undefined for records that carry no plan (older ones, k6's own handleSummary record). Pure.
 *
 * @example
 * judgeLoadDelivery({ planned: 1020, deliveries: 1000, dropped: 0, unstarted: 20 })?.delivered; // false
 */
export function judgeLoadDelivery(
  c: Pick<Counters, 'planned' | 'deliveries' | 'dropped' | 'unstarted'>,
  gatesVerdict: LoadDelivery['gatesVerdict'] = 'pass',
): LoadDelivery | undefined {
  if (c.planned === undefined) return undefined;
  const unstarted = c.unstarted ?? Math.max(0, c.planned - c.deliveries - c.dropped);
  const short = c.dropped + unstarted;
  const shortfall = c.planned > 0 ? short / c.planned : 0;
  const delivered = shortfall <= LOAD_DELIVERY_RULE.maxShortfall;
  const pct = `${(shortfall * 100).toFixed(2)} %`;
  const text = delivered
    ? `load delivered: ${c.deliveries} of ${c.planned} planned deliveries started (${c.dropped} dropped, ${unstarted} never started: ${pct})`
    : `load not delivered: the load generator fell short — ${short} of ${c.planned} planned deliveries dropped or never started (${pct}); the target was not judged on the planned load`;
  return {
    planned: c.planned,
    started: c.deliveries,
    dropped: c.dropped,
    unstarted,
    shortfall,
    delivered,
    gatesVerdict,
    text,
  };
}
