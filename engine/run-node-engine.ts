import type { LoadedFixture } from '../core/fixture.ts';
import type { PhaseWindow, RunRecord } from '../contracts/run-record.ts';
import type { Scenario } from '../contracts/scenario.ts';
import { UserError } from '../lib/errors.ts';
import { totalDurationS } from '../scenarios/lib/load-profile.ts';
import { resolveMixWeights } from '../scenarios/lib/mix.ts';
import { createDeliveryFactory } from './delivery-factory.ts';
import { ENGINE_VERSION } from './engine-version.ts';
import { NodeEngineRun, targetRateOfSecond, type ProgressSnapshot } from './node-engine-run.ts';
import { buildNodeRunRecord } from './node-record.ts';
import { RunStats } from './run-stats.ts';
import { assertSourceAddressesUsable, createSourcePools } from './source-pools.ts';

export interface NodeEngineOptions {
  scenario: Scenario;
  /** Base URL of the target, e.g. http://127.0.0.1:3000; the scenario's path template is appended. */
  targetUrl: string;
  fixtures: LoadedFixture[];
  runId: string;
  phases: PhaseWindow[];
  signal?: AbortSignal;
  onProgress?: (progress: ProgressSnapshot) => void;
  /** Keep-alive connections to the target (default: maxInFlight, opened on demand: open model means every arrival gets a connection, never a queue inside the harness). */
  connections?: number;
  /** HTTP/1.1 pipelining depth per connection (default 1: no head-of-line blocking). */
  pipelining?: number;
  /**
   * Local addresses to send from, one pool each, round-robin per attempt (e.g. 127.0.0.2…127.0.0.6
   * against a target limiting per source IP). Default: one pool, the OS picks.
   */
  sourceAddresses?: readonly string[];
  /** Filled when the run ends with what the run record has no field for. */
  diagnostics?: NodeEngineDiagnostics;
}

/** Observations outside the run record contract. */
export interface NodeEngineDiagnostics {
  /** Attempts the target answered 429 Too Many Requests (also counted in status4xx): its limiter, not a connector error. */
  rateLimitedByTarget: number;
}

/** Runs a scenario with the built-in Node engine and returns its run record. */
export async function runNodeEngine(options: NodeEngineOptions): Promise<RunRecord> {
  const { scenario, runId, phases } = options;
  const { origin, path } = resolveWebhookUrl(options.targetUrl, scenario);
  const cumulativeWeights = resolveWeights(options.fixtures, scenario);
  const sourceAddresses = options.sourceAddresses ?? [];
  await assertSourceAddressesUsable(sourceAddresses);
  const startedAt = new Date();
  const pools = createSourcePools(origin, sourceAddresses, {
    connections: options.connections ?? scenario.maxInFlight,
    pipelining: options.pipelining ?? 1,
  });
  const deliverySettings = { scenario, fixtures: options.fixtures, cumulativeWeights, runId, startEpochMs: startedAt.getTime() };
  warmUp(createDeliveryFactory(deliverySettings));
  const openSeconds = Math.ceil(scenario.delivery.timeoutMs / 1000) + 3;
  const stats = new RunStats(phases, openSeconds, (second) => targetRateOfSecond(scenario, second));
  const run = new NodeEngineRun({
    scenario,
    dispatcher: pools.dispatcher,
    origin,
    path,
    stats,
    createDelivery: createDeliveryFactory(deliverySettings),
    signal: options.signal,
    onProgress: options.onProgress,
  });
  try {
    const result = await run.run();
    if (options.diagnostics) options.diagnostics.rateLimitedByTarget = stats.rateLimitedByTarget;
    const durationS = totalDurationS(scenario.load);
    return buildNodeRunRecord({
      scenario,
      runId,
      phases,
      engineVersion: ENGINE_VERSION,
      startedAt,
      endedAt: new Date(),
      status: result.status,
      abortReason: result.abortReason,
      timelineSeconds: result.status === 'aborted' ? Math.min(Math.ceil(result.elapsedMs / 1000), Math.ceil(durationS)) : Math.ceil(durationS),
      stats,
    });
  } finally {
    await pools.close();
  }
}

/** Base URL + path template with `{phone_number_id}` filled. */
export function resolveWebhookUrl(targetUrl: string, scenario: Scenario): { origin: string; path: string } {
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    throw new UserError(`Could not start the Node engine: target "${targetUrl}" is not a URL. Pass a base URL such as http://127.0.0.1:3000.`);
  }
  const path = scenario.target.pathTemplate.split('{phone_number_id}').join(scenario.business.phoneNumberId);
  return { origin: url.origin, path: url.pathname.replace(/\/+$/, '') + path };
}

/**
 * Builds and throws away a few hundred deliveries before the clock starts, so JIT compilation of
 * planning, filling and signing does not show up as scheduling lag in the first second.
 */
function warmUp(createDelivery: ReturnType<typeof createDeliveryFactory>): void {
  for (let seq = 0; seq < WARM_UP_DELIVERIES; seq++) createDelivery(seq, 0);
}

const WARM_UP_DELIVERIES = 500;

function resolveWeights(fixtures: readonly LoadedFixture[], scenario: Scenario): number[] {
  try {
    return resolveMixWeights(fixtures, scenario.mix);
  } catch (error) {
    throw new UserError(`Could not build the traffic mix of scenario "${scenario.name}": ${(error as Error).message}. Fix "mix" in the scenario or the fixture manifest.`);
  }
}
