/**
 * The mock Graph API: one simulator (validation, real limits, timed chaos, exactly-once ledger)
 * served by two transports, an Express server and msw handlers.
 *
 * @example
 * import { startMockServer, loadChaosProfile } from '../mock-graph-api/index.ts';
 * const mock = await startMockServer({ profile: loadChaosProfile('flaky-5xx') });
 * // point the connector at mock.url, run the load, then:
 * const stats = mock.simulator.stats();
 * await mock.close();
 */

/**
 * Starts the Express server on loopback (port 0 = OS-chosen).
 * @example const { url, simulator, close } = await startMockServer({ port: 0, config: { throughputPerS: 'off' } });
 */
export {
  startMockServer,
  createMockApp,
  createMockRequestListener,
  type MockServer,
  type MockServerOptions,
} from './express/server.ts';

/**
 * Who may talk to the mock: the admin token and the accepted access tokens, required off loopback.
 * @example const access = resolveMockAccess({ host: '0.0.0.0', env: process.env, readFile: (p) => readFileSync(p, 'utf8') });
 */
export { resolveMockAccess, ADMIN_TOKEN_ENV, ACCESS_TOKENS_ENV, type MockAccess } from './access-control.ts';

/**
 * A client of a running mock's admin API (reset, chaos, ledger stats), with its admin token if it has one.
 * @example const stats = await createMockClient('http://10.0.0.7:8089', process.env.WA_MOCK_ADMIN_TOKEN).stats();
 */
export { createMockClient, type MockClient } from './admin-client.ts';

/**
 * The transport-free core: `handle`, `stats()`, `reset()`, `setChaos()`, `currentPhase()`.
 * @example const sim = createSimulator({ correlation: 'context' }, loadChaosProfile('none')); sim.stats().runs;
 */
export { createSimulator, type Simulator } from './simulator.ts';

/**
 * msw handlers over the same route list, for in-process interception.
 * @example const server = setupServer(...createGraphHandlers(createSimulator())); server.listen();
 */
export { createGraphHandlers } from './msw/graph-handlers.ts';

/**
 * Chaos profiles: built-in names (none, flaky-5xx, rate-limit-storm, timeouts, brownout, meltdown, mild, calibration) or a JSON file.
 * @example const profile = loadChaosProfile('meltdown'); profilePhases(profile, 60); // [{ name: 'healthy', startS: 0, endS: 10 }, …]
 */
export { loadChaosProfile } from './chaos/load-chaos-profile.ts';
export { BUILTIN_PROFILES } from './chaos/builtin-profiles.ts';
export { profilePhases, resolvePhaseJudge, type PhaseWindow } from './chaos/phases.ts';
export {
  chaosProfileSchema,
  faultSchema,
  phaseSchema,
  type ChaosProfile,
  type ChaosProfileInput,
  type Fault,
  type Phase,
} from './chaos/profile-schema.ts';
export { FAULT_TABLE, FAULT_KINDS, type FaultKind } from './chaos/faults/fault-table.ts';
/**
 * The `redis` sections of a chaos profile: dependency faults the redis-proxy injects per phase.
 * @example redisFaultSchema.parse({ kind: 'error', probability: 0.5, attributes: { reply: 'LOADING' } });
 */
export {
  redisFaultSchema,
  redisPhaseSchema,
  redisProfileSettingsSchema,
  REDIS_ERROR_REPLIES,
  REDIS_COMMAND_FAMILIES,
  REDIS_FAULT_KINDS,
  REDIS_COMMAND_FAILURE_KINDS,
  type RedisFault,
  type RedisFaultKind,
  type RedisPhase,
  type RedisProfileSettings,
} from './chaos/redis-fault-schema.ts';
export { sampleLatencyMs } from './chaos/faults/latency.ts';
export { computePhaseEndsMs, findPhaseIndex } from './chaos/phases.ts';
export { ENDPOINT_NAMES, type EndpointName } from './chaos/endpoints.ts';

/**
 * Mock settings (token, limits, correlation mode, seed).
 * @example mockConfigSchema.parse({ throughputPerS: 'off', correlation: 'auto', runId: 'a1b2c3d4e5f6' }); // ties replies by context.message_id, else by `to`, for run a1b2c3d4e5f6 only
 */
export { mockConfigSchema, type MockConfig, type MockConfigInput } from './config.ts';

/**
 * The human-oriented ledger view (what GET /__admin/ledger returns).
 * @example summarizeLedger(stats, { a1b2c3d4e5f6: 1000 }).lost;
 */
export { summarizeLedger, type LedgerSummary } from './ledger/summarize-ledger.ts';

export { GRAPH_ROUTES } from './graph-routes.ts';
export type { MockOutcome, MockRequest } from './outcome.ts';
/**
 * The mock CLI's flags (`npm run mock -- …`) as server options.
 *
 * @example const { port, host, profile, config } = parseMockArgs(['--port', '8089', '--profile', 'flaky-5xx']);
 */
export { parseMockArgs, MOCK_USAGE, type MockCliOptions } from './cli-options.ts';
