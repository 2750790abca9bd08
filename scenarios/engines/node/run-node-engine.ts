import type { LoadedFixture } from '../../../common/core/index.ts';
import type { PhaseWindow, RunRecord, Scenario } from '../../../common/contracts/index.ts';
import { UserError } from '../../../common/node/index.ts';
import {
  buildWebhookUrl,
  createDeliveryBuilder,
  resolveMixWeights,
  type DeliveryBuilderSettings,
} from '../../model/index.ts';
import { hmacSha256Hex } from './hmac.ts';
import { ENGINE_VERSION } from '../engine-version.ts';
import { NodeEngineRun } from './node-engine-run.ts';
import { buildRunRecord, runRecordHeader } from '../record/build-run-record.ts';
import type { ProgressSnapshot } from '../record/progress-snapshot.ts';
import { RunStats } from '../record/run-stats.ts';
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
  const deliverySettings: DeliveryBuilderSettings = {
    scenario,
    templateAt: (i) => (options.fixtures[i] as (typeof options.fixtures)[number]).template,
    cumulativeWeights,
    runId,
    hmac: hmacSha256Hex,
  };
  warmUp(createDeliveryBuilder(deliverySettings));
  const buildDelivery = createDeliveryBuilder(deliverySettings);
  const startEpochMs = startedAt.getTime();
  const openSeconds = Math.ceil(scenario.delivery.timeoutMs / 1000) + 3;
  const stats = new RunStats(phases, openSeconds, scenario.load);
  const run = new NodeEngineRun({
    scenario,
    dispatcher: pools.dispatcher,
    origin,
    path,
    stats,
    // The wamid carries the intended send time of the first attempt, as epoch ms.
    createDelivery: (seq, intendedMs) => buildDelivery(seq, startEpochMs + intendedMs),
    signal: options.signal,
    onProgress: options.onProgress,
  });
  try {
    const result = await run.run();
    if (options.diagnostics) options.diagnostics.rateLimitedByTarget = stats.rateLimitedByTarget;
    const header = runRecordHeader({
      scenario,
      runId,
      engine: { name: 'node', version: ENGINE_VERSION },
      phases,
      startedAt,
      endedAt: new Date(),
      status: result.status,
      abortReason: result.abortReason,
    });
    return buildRunRecord({ header, load: scenario.load, ranMs: result.elapsedMs, stats });
  } finally {
    await pools.close();
  }
}

/** The webhook URL (load-core's buildWebhookUrl) split into the origin and path undici dispatches to. */
export function resolveWebhookUrl(targetUrl: string, scenario: Scenario): { origin: string; path: string } {
  let url: URL;
  try {
    url = new URL(buildWebhookUrl(targetUrl, scenario.target.pathTemplate, scenario.business.phoneNumberId));
  } catch {
    throw new UserError(
      `Could not start the Node engine: target "${targetUrl}" is not a URL. Pass a base URL such as http://127.0.0.1:3000.`,
    );
  }
  return { origin: url.origin, path: url.pathname + url.search };
}

/**
 * Builds and throws away a few hundred deliveries before the clock starts, so JIT compilation of
 * planning, filling and signing does not show up as scheduling lag in the first second.
 */
function warmUp(buildDelivery: ReturnType<typeof createDeliveryBuilder>): void {
  for (let seq = 0; seq < WARM_UP_DELIVERIES; seq++) buildDelivery(seq, 0);
}

const WARM_UP_DELIVERIES = 500;

function resolveWeights(fixtures: readonly LoadedFixture[], scenario: Scenario): number[] {
  try {
    return resolveMixWeights(fixtures, scenario.mix);
  } catch (error) {
    throw new UserError(
      `Could not build the traffic mix of scenario "${scenario.name}": ${(error as Error).message}. Fix "mix" in the scenario or the fixture manifest.`,
    );
  }
}
