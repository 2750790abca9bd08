import type { LoadedFixture } from '../../../common/core/index.ts';

/** The spawned mock's Cloud API default: replies per second per business phone number before 130429. */
export const MOCK_THROUGHPUT_PER_S = 80;

export interface RateCheckInput {
  peakRate: number;
  batchSize: number;
  mix: Record<string, number> | undefined;
  fixtures: readonly LoadedFixture[];
  phoneNumberId: string;
  limitPerS?: number;
}

/** Share (0..1, by weight) of drawn fixtures that carry an inbound message, i.e. expect a reply. Pure. */
export function inboundMessageShare(
  mix: Record<string, number> | undefined,
  fixtures: readonly LoadedFixture[],
): number {
  const weightOf = (f: LoadedFixture) => (mix ? (mix[f.name] ?? 0) : f.weight);
  const total = fixtures.reduce((sum, f) => sum + weightOf(f), 0);
  return total > 0
    ? fixtures.filter((f) => f.template.wamidParts > 0).reduce((sum, f) => sum + weightOf(f), 0) / total
    : 0;
}

/**
 * A warning before the run when the peak rate makes the target send more replies per second than
 * the mock's per-number throughput limit lets through: those replies get 130429 and show up as
 * lost or retried, which is the limit, not the connector. Pure.
 */
export function warnIfRateExceedsMockLimit(input: RateCheckInput): string | undefined {
  const limit = input.limitPerS ?? MOCK_THROUGHPUT_PER_S;
  const messageShare = inboundMessageShare(input.mix, input.fixtures);
  if (messageShare <= 0) return undefined;
  const repliesPerS = input.peakRate * input.batchSize * messageShare;
  if (repliesPerS <= limit) return undefined;
  const maxRate = Math.floor(limit / (input.batchSize * messageShare));
  return (
    `loadtest: warning: at ${input.peakRate} deliveries/s the target must send about ${Math.round(repliesPerS)} replies/s from phone number ${input.phoneNumberId}, ` +
    `above the mock Graph API's ${limit} msg/s per-number throughput limit (Cloud API's default): the excess gets error 130429 and counts as lost or retried. ` +
    `Use --rate ${maxRate} or less, or run your own mock with a higher limit (npm run mock -- --throughput 1000) and pass --mock-url.`
  );
}
