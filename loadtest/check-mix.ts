import type { LoadedFixture } from '../core/index.ts';
import { UserError } from '../lib/index.ts';

/** A mix that names fixtures the set does not have is a config error, not a silent zero. */
export function checkMix(mix: Record<string, number> | undefined, fixtures: readonly LoadedFixture[]): void {
  if (!mix) return;
  const known = new Set(fixtures.map((f) => f.name));
  const unknown = Object.keys(mix).filter((name) => !known.has(name));
  if (unknown.length) {
    throw new UserError(`Could not use the traffic mix: unknown fixture(s) ${unknown.join(', ')}. Known fixtures: ${[...known].join(', ')}.`);
  }
  if (!Object.values(mix).some((w) => w > 0)) throw new UserError('Could not use the traffic mix: every weight is zero. Give at least one fixture a positive weight.');
}
