type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge for config layers: objects merge key by key, arrays and scalars replace, undefined is ignored. */
export function mergeLayers(...layers: readonly unknown[]): Plain {
  let out: Plain = {};
  for (const layer of layers) if (isPlain(layer)) out = mergeTwo(out, layer);
  return out;
}

function mergeTwo(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    out[key] = isPlain(value) && isPlain(out[key]) ? mergeTwo(out[key] as Plain, value) : value;
  }
  return out;
}

/**
 * Merges the `load` blocks of config layers; a layer naming another `profile` kind starts the
 * load over, so the base's fields of another kind (e.g. `rate` of a constant profile) do not
 * leak into a ramping one and trip the strict schema.
 */
export function mergeLoadLayers(...layers: readonly unknown[]): Plain | undefined {
  let out: Plain | undefined;
  for (const layer of layers) {
    const load = isPlain(layer) ? layer.load : undefined;
    if (!isPlain(load)) continue;
    out =
      out === undefined || (load.profile !== undefined && load.profile !== out.profile)
        ? mergeLayers(load)
        : mergeLayers(out, load);
  }
  return out;
}
