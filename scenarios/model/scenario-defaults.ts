import type { Scenario, ScenarioInput } from '../../common/contracts/scenario.ts';

/**
 * k6 cannot load zod, so a scenario definition read inside k6 gets its defaults from this
 * mirror of `scenarioSchema`'s defaults. A test parses every definition with zod and compares,
 * so the two cannot drift apart silently.
 */
export const SCENARIO_DEFAULTS: Omit<Scenario, 'name' | 'load'> = {
  description: '',
  target: {
    url: 'builtin',
    pathTemplate: '/webhook',
    verifyToken: 'wa-loadtest-verify',
    appSecret: 'wa-loadtest-app-secret',
    headers: {},
    secretHeaders: [],
    handshake: true,
    allowHosts: [],
  },
  maxInFlight: 2000,
  delivery: {
    timeoutMs: 10000,
    redelivery: { enabled: true, maxAttempts: 4, initialBackoffMs: 500, backoffFactor: 2, maxBackoffMs: 10000 },
    duplicateRatio: 0.02,
    duplicateDelayMs: 50,
    late: { fraction: 0, copies: 2, minDelayS: 2, horizon: 'run' },
    rebatchRatio: 0,
    outOfOrderRatio: 0.1,
    forgedRatio: 0,
    unsignedRatio: 0,
    senderPool: 'unique',
    batchSize: 1,
  },
  correlation: 'auto',
  business: { phoneNumberId: '106540352242922', displayPhoneNumber: '15550783881', wabaId: '102290129340398' },
  chaos: 'none',
  gates: {
    ackP99Ms: 5000,
    errorRate: 0.01,
    dedupeP99Ms: 100,
    replyP99Ms: 5000,
    duplicateSideEffects: 0,
    lostMessages: 0,
    callsAnswerMs: 5000,
    callsUnanswered: 0,
    forgedAccepted: 0,
    nonRetryableRetries: 0,
    allowNotMeasured: [],
    requireMeasured: [],
  },
  seed: 1,
};

/** A definition with every default filled in (objects merged deeply, arrays and `load` replaced). */
export function applyScenarioDefaults(input: ScenarioInput): Scenario {
  const merged = mergeDeep(SCENARIO_DEFAULTS, input) as Scenario;
  if (merged.load.profile === 'ramping' && merged.load.startRate === undefined)
    merged.load = { ...merged.load, startRate: 0 };
  return merged;
}

function mergeDeep(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over))
    return over === undefined ? structuredCopy(base) : structuredCopy(over);
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(over)])) {
    out[key] =
      key === 'load' || key === 'mix' || key === 'headers'
        ? structuredCopy(over[key] ?? base[key])
        : mergeDeep(base[key], over[key]);
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function structuredCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
