/**
 * Counters copied out of a source that may be missing (no slot for that second, no progress yet,
 * no counters for that phase), each 0 when absent. Give a list to keep the names, or a map
 * (out name → source key) to rename. The output's keys are in the order given, so JSON written
 * from it keeps its field order. Pure, no imports: k6 loads it too.
 */
export function pickCounters<const K extends string>(
  source: Partial<Record<K, number>> | undefined,
  keys: readonly K[],
): Record<K, number>;
export function pickCounters<const M extends Record<string, string>>(
  source: Partial<Record<M[keyof M], number>> | undefined,
  renames: M,
): { [P in keyof M]: number };
export function pickCounters(
  source: Partial<Record<string, number>> | undefined,
  keys: readonly string[] | Record<string, string>,
): Record<string, number> {
  const pairs: [string, string][] = Array.isArray(keys) ? keys.map((k) => [k, k]) : Object.entries(keys);
  const out: Record<string, number> = {};
  for (const [to, from] of pairs) out[to] = source?.[from] ?? 0;
  return out;
}
