/**
 * The `loadtest` orchestrator: resolves config once, starts the mock Graph API and the target,
 * runs an engine, settles the ledger, and hands everything to the reporter.
 *
 * @example
 * const config = resolveLoadtest({ flags: parseLoadtestFlags(['--rate', '10']), env: {}, loadDefinition });
 * const { exitCode, runDir } = await runLoadtest(config, { stdout: process.stdout, stderr: process.stderr, signal, scriptsDir });
 */
export { parseLoadtestFlags, loadtestFlagsSchema, type LoadtestFlags } from './resolve/flags.ts';
export {
  resolveLoadtest,
  pickLoadtestEnv,
  LOADTEST_ENV,
  DEFAULT_SCENARIO,
  type ResolvedLoadtest,
  type LoadtestEnv,
} from './resolve/resolve-config.ts';
export { runLoadtest } from './run/run-loadtest.ts';
export type { LoadtestIo, LoadtestResult, OutputStream } from './run/loadtest-io.ts';
export { checkHandshake } from './run/handshake.ts';
export { startService, type RunningService } from './run/service.ts';
export { formatProgress } from './run/progress.ts';
export { LOADTEST_HELP, formatLoadtestHelp } from './resolve/help.ts';
export { checkFlagCombinations, checkOutDirWritable } from './run/preflight.ts';
export { checkEmitFlags, emitK6Operator, type EmitOptions, type EmittedRun } from './emit/index.ts';
