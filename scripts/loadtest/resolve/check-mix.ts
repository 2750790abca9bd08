import type { LoadedFixture } from '../../../common/core/index.ts';
import { isBatchable } from '../../../scenarios/model/index.ts';
import { UserError } from '../../../common/node/index.ts';

/** A mix that names fixtures the set does not have is a config error, not a silent zero. */
export function checkMix(mix: Record<string, number> | undefined, fixtures: readonly LoadedFixture[]): void {
  if (!mix) return;
  const known = new Set(fixtures.map((f) => f.name));
  const unknown = Object.keys(mix).filter((name) => !known.has(name));
  if (unknown.length) {
    throw new UserError(
      `Could not use the traffic mix: unknown fixture(s) ${unknown.join(', ')}. Known fixtures: ${[...known].join(', ')}.`,
    );
  }
  if (!Object.values(mix).some((w) => w > 0))
    throw new UserError(
      'Could not use the traffic mix: every weight is zero. Give at least one fixture a positive weight.',
    );
}

/** batchSize > 1 splices fixtures byte for byte: every fixture that can be drawn must allow it. */
export function checkBatchable(
  batchSize: number,
  mix: Record<string, number> | undefined,
  fixtures: readonly LoadedFixture[],
): void {
  if (batchSize <= 1) return;
  const drawn = fixtures.filter((f) => (mix ? (mix[f.name] ?? 0) : f.weight) > 0);
  const bad = drawn.filter((f) => !isBatchable(f.raw)).map((f) => f.name);
  if (bad.length) {
    throw new UserError(
      `Could not batch ${batchSize} fixtures per delivery: ${bad.join(', ')} do not start with Meta's envelope {"object":"whatsapp_business_account","entry":[ . Re-capture them with npm run capture, or set delivery.batchSize to 1.`,
    );
  }
}

/**
 * A note when nothing in the mix expects a reply: the reply-side gates will have nothing to
 * measure. Silent when the scenario already allows reply-p99 to go unmeasured (voice-bridge).
 */
export function warnIfNoInboundMessages(
  mix: Record<string, number> | undefined,
  fixtures: readonly LoadedFixture[],
  allowNotMeasured: readonly string[] = [],
): string | undefined {
  const drawn = fixtures.filter((f) => (mix ? (mix[f.name] ?? 0) : f.weight) > 0);
  if (drawn.some((f) => f.template.wamidParts > 0)) return undefined;
  if (allowNotMeasured.includes('reply-p99')) return undefined;
  return 'loadtest: note: no fixture in the traffic mix carries an inbound message (only statuses or other fields), so reply-p99 cannot be measured and will fail unless listed in gates.allowNotMeasured. Add message fixtures to the mix.';
}
