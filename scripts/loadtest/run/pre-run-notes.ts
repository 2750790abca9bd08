import type { FixtureSet } from '../../../fixtures/index.ts';
import { peakRate } from '../../../scenarios/model/index.ts';
import { warnIfNoInboundMessages } from '../resolve/check-mix.ts';
import type { ResolvedLoadtest } from '../resolve/resolve-config.ts';
import { warnIfRateExceedsMockLimit } from '../resolve/rate-warning.ts';

/**
 * Warnings worth reading before the load: a mix with no inbound message (nothing for the reply
 * gates to judge), a rate above what the harness's mock lets one number send. Lines to log.
 */
export function describeMixAndRate(config: ResolvedLoadtest, fixtures: FixtureSet['fixtures']): string[] {
  const { scenario } = config;
  const mixNote = warnIfNoInboundMessages(scenario.mix, fixtures, scenario.gates.allowNotMeasured);
  // An external mock has limits of its own, which the harness does not know.
  const rateNote =
    config.mock.mode !== 'external'
      ? warnIfRateExceedsMockLimit({
          peakRate: peakRate(scenario.load),
          batchSize: scenario.delivery.batchSize,
          mix: scenario.mix,
          fixtures,
          phoneNumberId: scenario.business.phoneNumberId,
        })
      : undefined;
  return [mixNote, rateNote].filter((note): note is string => Boolean(note));
}
