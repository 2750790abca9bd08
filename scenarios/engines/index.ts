/**
 * The load engines and the named scenarios. The built-in Node engine (undici, open model,
 * HDR histograms) and the k6 runner take the same scenario model and return the same run record.
 *
 * @example
 * import { loadScenarioDefinition, runNodeEngine } from './index.ts';
 * import { scenarioSchema } from '../../common/contracts/index.ts';
 * const scenario = scenarioSchema.parse(loadScenarioDefinition('smoke'));
 * const record = await runNodeEngine({ scenario, targetUrl: 'http://127.0.0.1:3000', fixtures, runId: 'a1b2c3d4e5f6', phases: [] });
 */

/**
 * Runs a scenario with the built-in Node engine: open-model arrivals, latency from the intended
 * send time, drops beyond maxInFlight, Meta-like redeliveries and duplicates. Resolves with the
 * run record (`status: 'aborted'` when `signal` fired).
 *
 * @example
 * const record = await runNodeEngine({ scenario, targetUrl, fixtures, runId, phases, signal, onProgress: (p) => console.log(p.achievedRate) });
 */
export {
  runNodeEngine,
  resolveWebhookUrl,
  type NodeEngineOptions,
  type NodeEngineDiagnostics,
} from './node/run-node-engine.ts';
/**
 * Once-per-second progress of a run, the same from both engines (built by record/progress-snapshot.ts):
 * what the progress line, the live dashboard and the live metrics exporter read.
 *
 * @example
 * const onProgress = (p: ProgressSnapshot) => console.log(`${p.elapsedS.toFixed(0)}/${p.durationS}s ${p.achievedRate}/${p.targetRate} p99 ${p.p99Ms} ms`);
 */
export { progressSnapshotSchema, type ProgressSnapshot } from './record/progress-snapshot.ts';

/**
 * Runs a scenario with k6 (`k6 run scenarios/<name>.ts`, config via WA_CONFIG) and returns the
 * run record its handleSummary wrote.
 *
 * @example
 * const record = await runK6Engine({ scenario, targetUrl, runId, phases, runDir: 'reports/runs/x', fixturesDir });
 */
export { runK6Engine, type K6EngineOptions } from './k6/run-k6-engine.ts';
/**
 * The k6 command line, env and config file content for a run (pure).
 *
 * @example
 * const { args, env, config } = buildK6Command({ scenario, targetUrl, runId, phases: [], runDir: '/tmp/run', fixturesDir });
 */
export { buildK6Command, K6_SCENARIOS_DIR, type K6Command, type K6CommandInput } from './k6/k6-command.ts';
/**
 * k6's version when it is on PATH, else null.
 *
 * @example
 * const engine = (await isK6Available()) ? 'k6' : 'node';
 */
export { isK6Available, parseK6Version } from './k6/k6-available.ts';
