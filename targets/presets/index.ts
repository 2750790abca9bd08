/**
 * Target presets: the connector shapes seen in the field (generic /webhook with Redis dedupe,
 * Wappa, FastAPI chatbot, a bot behind a per-IP limit, a voice bridge), each a JSON file with
 * path, handshake, expected side effects, health and metrics endpoints and its own gates.
 *
 * @example
 * const layer = loadPresetLayer('wappa'); // or loadPresetLayer('./my-preset.json')
 * mergeLayers(scenarioDefaults, layer.scenario, configFile, env, flags);
 */

/**
 * Reads a preset by built-in name or path: the raw scenario layer plus the validated preset.
 * Unknown names throw a UserError listing the valid ones.
 *
 * @example
 * listPresets(); // ['fastapi-bot', 'generic-redis', 'rate-limited-bot', 'voice-bridge', 'wappa']
 * const { scenario, preset } = loadPresetLayer('fastapi-bot');
 * preset.endpoints.health; // '/health'
 */
export { loadPresetLayer, listPresets, PRESETS_DIR, type PresetLayer } from './load-preset.ts';

/**
 * The preset file schema (zod), strict at every level.
 *
 * @example
 * const preset = validate(presetSchema, JSON.parse(text), { thing: 'preset', filePath });
 */
export {
  presetSchema,
  presetScenarioSchema,
  sourceAddressesSchema,
  builtinTargetSchema,
  SIDE_EFFECTS,
  UPDATE_KINDS,
} from './preset-schema.ts';
export type { Preset, PresetInput, BuiltinTarget, SourceAddressesSpec } from './preset-schema.ts';

/**
 * Source addresses for the engine: a fixed list, or enough loopback addresses to keep each under
 * a per-IP limit.
 *
 * @example
 * loopbackAddresses(3); // ['127.0.0.2', '127.0.0.3', '127.0.0.4']
 * resolveSourceAddresses({ spread: 'loopback', maxRatePerAddress: 10 }, scenario, true);
 */
export { loopbackAddresses, sourceAddressCount, resolveSourceAddresses } from './source-addresses.ts';

/**
 * Reference-connector flags matching a preset's `builtin` block.
 *
 * @example
 * builtinConnectorArgs({ rateLimitPerIp: 10, rateLimitBurst: 20 }); // ['--rate-limit-per-ip', '10', '--rate-limit-burst', '20']
 */
export { builtinConnectorArgs } from './connector-args.ts';

/**
 * The pre-load health check (any 2xx passes; the parsed body is returned).
 *
 * @example
 * await checkHealth('http://127.0.0.1:8000/health/detailed');
 */
export { checkHealth } from './check-health.ts';

/**
 * The "rate-limited by target" explanation for 429 answers.
 *
 * @example
 * describeRateLimited(120, 1200, []); // 'rate-limited by target: 120 webhook attempts answered 429 …'
 */
export { describeRateLimited } from './rate-limit-note.ts';
