import type { LoadProfile, Scenario } from '../../common/contracts/index.ts';
import { peakRate } from '../../scenarios/model/index.ts';
import { UserError } from '../../common/node/index.ts';
import type { SourceAddressesSpec } from './preset-schema.ts';

/** 127.0.0.1 is what every other client uses; spreading starts above it. */
const FIRST_HOST = 2;
/** 127.0.0.2 … 127.0.0.254, then 127.0.1.1 …: far more than any loopback run needs. */
const MAX_LOOPBACK_ADDRESSES = 10_000;

/** `count` loopback addresses from 127.0.0.2 up, skipping .0 and .255 (Linux routes all of 127/8). */
export function loopbackAddresses(count: number): string[] {
  if (count > MAX_LOOPBACK_ADDRESSES)
    throw new UserError(
      `Could not spread the load over ${count} loopback addresses: at most ${MAX_LOOPBACK_ADDRESSES}. Lower the rate.`,
    );
  const out: string[] = [];
  for (let n = FIRST_HOST; out.length < count; n++) {
    const last = n & 255;
    if (last === 0 || last === 255) continue;
    out.push(`127.0.${(n >> 8) & 255}.${last}`);
  }
  return out;
}

/**
 * How many source addresses keep each under `maxRatePerAddress`: the peak attempt rate
 * (deliveries plus spontaneous duplicates and forgeries) divided by the limit, plus one spare
 * for redeliveries and clock jitter. 40 deliveries/s against 10/s per IP → 5 addresses.
 */
export function sourceAddressCount(
  load: LoadProfile,
  delivery: Scenario['delivery'],
  maxRatePerAddress: number,
): number {
  const attemptsPerDelivery = 1 + delivery.duplicateRatio + delivery.forgedRatio + delivery.unsignedRatio;
  // The tiny epsilon keeps 40 × 1.0 / 10 at 4, not 4.000000001 → 5.
  return Math.ceil((peakRate(load) * attemptsPerDelivery) / maxRatePerAddress - 1e-9) + 1;
}

/** The addresses a run sends from; loopback spreading only applies to a loopback target. */
export function resolveSourceAddresses(
  spec: SourceAddressesSpec | undefined,
  scenario: Scenario,
  targetIsLoopback: boolean,
): string[] {
  if (!spec) return [];
  if (Array.isArray(spec)) return [...spec];
  if (!targetIsLoopback) return [];
  return loopbackAddresses(sourceAddressCount(scenario.load, scenario.delivery, spec.maxRatePerAddress));
}
