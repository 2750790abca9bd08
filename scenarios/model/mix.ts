/** A fixture as the mix sees it: its name and default weight. */
export interface MixFixture {
  name: string;
  weight: number;
}

/**
 * Cumulative weights over the loaded fixtures: `mix` (fixture name → weight, omitted weigh 0)
 * when given, else each fixture's default weight. Throws an Error naming the problem when a
 * mix entry names no loaded fixture or every weight is 0; Node wraps it into a UserError.
 */
export function resolveMixWeights(fixtures: readonly MixFixture[], mix?: Record<string, number>): number[] {
  if (fixtures.length === 0) throw new Error('the fixture set is empty');
  if (mix) {
    const known = new Set(fixtures.map((f) => f.name));
    const unknown = Object.keys(mix).filter((name) => !known.has(name));
    if (unknown.length)
      throw new Error(`the mix names unknown fixtures: ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  }
  let total = 0;
  const cumulative = fixtures.map((f) => (total += Math.max(0, mix ? (mix[f.name] ?? 0) : f.weight)));
  if (total <= 0) throw new Error('every fixture in the mix weighs 0');
  return cumulative;
}
