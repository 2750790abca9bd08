import type { z } from 'zod';

type AnyDef = { type: string; [k: string]: unknown };
const defOf = (schema: unknown): AnyDef | undefined => (schema as { _zod?: { def?: AnyDef } } | undefined)?._zod?.def;

/** Wrappers whose inner schema describes the same value (optional, default, prefault…). */
const INNER: Record<string, string> = {
  optional: 'innerType',
  nullable: 'innerType',
  default: 'innerType',
  prefault: 'innerType',
  readonly: 'innerType',
  catch: 'innerType',
  nonoptional: 'innerType',
  pipe: 'in',
};

const child = (data: unknown, key: PropertyKey): unknown =>
  typeof data === 'object' && data !== null ? (data as Record<PropertyKey, unknown>)[key] : undefined;

/** False when an object option's literal field (a discriminator) disagrees with the data. */
function optionFits(option: unknown, data: unknown): boolean {
  const def = defOf(option);
  if (def?.type !== 'object' || typeof data !== 'object' || data === null) return true;
  for (const [key, field] of Object.entries(def.shape as Record<string, unknown>)) {
    const fieldDef = defOf(field);
    if (fieldDef?.type === 'literal' && key in data && !(fieldDef.values as unknown[]).includes(child(data, key)))
      return false;
  }
  return true;
}

/** The schemas that may describe the value at `path` (several for a union). */
function schemasAt(schema: unknown, path: readonly PropertyKey[], data: unknown, depth = 0): unknown[] {
  const def = defOf(schema);
  if (!def || depth > 64) return [];
  const inner = INNER[def.type];
  if (inner) return schemasAt(def[inner], path, data, depth + 1);
  if (def.type === 'lazy') return schemasAt((def.getter as () => unknown)(), path, data, depth + 1);
  if (def.type === 'union') {
    const options = def.options as unknown[];
    const fitting = options.filter((o) => optionFits(o, data));
    return (fitting.length > 0 ? fitting : options).flatMap((o) => schemasAt(o, path, data, depth + 1));
  }
  if (def.type === 'intersection')
    return [...schemasAt(def.left, path, data, depth + 1), ...schemasAt(def.right, path, data, depth + 1)];
  if (path.length === 0) return [schema];
  const [head, ...rest] = path as [PropertyKey, ...PropertyKey[]];
  const next = child(data, head);
  if (def.type === 'object') {
    const field = (def.shape as Record<string, unknown>)[String(head)];
    return field === undefined ? [] : schemasAt(field, rest, next, depth + 1);
  }
  if (def.type === 'array') return schemasAt(def.element, rest, next, depth + 1);
  if (def.type === 'record') return schemasAt(def.valueType, rest, next, depth + 1);
  if (def.type === 'tuple') return schemasAt((def.items as unknown[])[Number(head)], rest, next, depth + 1);
  return [];
}

/**
 * The keys an object schema knows at `path` (empty when there is no object there); `data`
 * (the value that was parsed) picks the matching variants of a discriminated union.
 */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[], data?: unknown): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(schema, path, data)) {
    const def = defOf(s);
    if (def?.type === 'object') for (const k of Object.keys(def.shape as object)) keys.add(k);
  }
  return [...keys];
}

/** Optimal-string-alignment distance, case-insensitive: a swap of neighbours ("laod") is one edit. */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}

/**
 * The known key nearest to `key`, when it is close enough to be a typo (at most a third of
 * its letters wrong, or a case/underscore variant).
 *
 * @example nearestKey('laod', ['load', 'gates']) // 'load'
 */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
  const exact = known.find((k) => norm(k) === norm(key));
  if (exact) return exact;
  let best: { key: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(key, k);
    if (!best || d < best.d) best = { key: k, d };
  }
  return best && best.d <= Math.max(1, Math.floor(Math.max(key.length, best.key.length) / 3)) ? best.key : undefined;
}
