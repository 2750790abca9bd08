/**
 * The supervised target: the harness starts the user's connector itself (`--target-cmd`), hands
 * it a free loopback port, the secrets and the mock's URL by environment, runs N replicas behind
 * a round-robin loopback balancer, samples the process trees' memory and CPU, probes health,
 * drills drain and restart, and scans the logs for what it planted. Pure cores (schemas, env,
 * drills, /proc parsing, stats, log scanning, exchange bookkeeping) plus thin process shells.
 *
 * @example
 * import { startTargetPool, targetCommandSchema, parseDrill } from './index.ts';
 * const pool = await startTargetPool({ command: targetCommandSchema.parse({ command: 'python3 app.py' }), replicas: 2, runId, runDir, values, parentEnv: process.env, healthTimeoutMs: 5000, log: console.error });
 * pool.startMonitoring(Date.now());
 * pool.scheduleDrill(parseDrill('drain@20s', 60));
 * // … send load to pool.url …
 * const supervised = await pool.finish(); // goes into the run record
 * await pool.close();
 */
export { startTargetPool, type TargetPool, type PoolOptions } from './pool.ts';

/**
 * The `target.command` schema (config file, preset, --target-cmd) and the contract's default
 * environment variable names.
 *
 * @example
 * const command = targetCommandSchema.parse({ command: 'go run .', envNames: { port: 'LISTEN_PORT' } });
 * resolveEnvNames(command.envNames).port; // 'LISTEN_PORT'
 */
export {
  targetCommandSchema,
  resolveEnvNames,
  DEFAULT_ENV_NAMES,
  ENV_ROLES,
  type TargetCommand,
  type TargetCommandInput,
  type EnvRole,
} from './target-command.ts';

/**
 * The explicit environment of an instance (never the whole shell).
 *
 * @example
 * buildTargetEnv(command, { port: 4100, host: '127.0.0.1', appSecret, verifyToken, accessToken, graphBaseUrl }, process.env).PORT; // '4100'
 */
export { buildTargetEnv, type TargetEnvValues } from './child-env.ts';

/**
 * `--drill drain@20s` / `restart@1m`.
 *
 * @example
 * parseDrill('drain@20s', 60); // { kind: 'drain', atS: 20 }
 */
export { parseDrill, type DrillPlan } from './drill.ts';

/**
 * The harness's loopback balancer, usable on its own.
 *
 * @example
 * const lb = await startBalancer();
 * lb.setUpstreams([{ id: 0, port: 4100 }, { id: 1, port: 4101 }]);
 */
export { startBalancer, type Balancer, type Upstream } from './balancer.ts';

/**
 * Pure summaries the reporter uses.
 *
 * @example
 * summarizeResources(samples, { warmupS: 60, minWindowS: 300 }).peakRssMb;
 * summarizeHealth(probes, 5000).failures;
 */
export { summarizeResources, type ResourceSummary } from './resource-stats.ts';
export { summarizeHealth, type HealthSummary } from './health-stats.ts';
export { createLogScanner, redactLine, type Needles } from './log-scan.ts';
