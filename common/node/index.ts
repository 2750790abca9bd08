/**
 * Node-only helpers shared by every CLI and server: errors and exit codes, flag parsing, validation with
 * file/path-named messages, the loopback guard, child-process environments,
 * compact byte codecs.
 *
 * @example
 * import { validate, UserError } from './index.ts';
 * const scenario = validate(scenarioSchema, data, { thing: 'scenario', filePath: 'x.json' });
 */
export { UserError, InfraError, handleError, runCli } from './errors.ts';
export { validate, readJsonFile, formatPath } from './validate.ts';
/** The nearest valid name for a typo (did you mean …?), as flags and config keys use it. */
export { nearestKey } from './known-keys.ts';
export {
  isLoopbackHost,
  isLoopbackAddress,
  assertTargetAllowed,
  assertUrlAllowed,
  type ResolveHost,
  type UrlGuardOptions,
} from './loopback.ts';
export {
  buildChildEnv,
  PLATFORM_ENV_NAMES,
  K6_OUTPUT_ENV_PREFIXES,
  type EnvMap,
  type ChildEnvOptions,
} from './child-env.ts';
export { encodeBytes, decodeBytes, BitSet } from './byte-codec.ts';
/**
 * Meta's webhook signature check over the exact body bytes, in constant time.
 *
 * @example
 * checkSignature(rawBody, req.headers['x-hub-signature-256'], appSecret); // 'valid' | 'missing' | 'invalid'
 */
export { checkSignature, type SignatureCheck } from './check-signature.ts';
/** Constant-time secret comparison (hashed first: no length leak), and a pre-hashed check for a token list. */
export { tokenMatches, createTokenCheck } from './token-compare.ts';
/** `mkdir -p` that fails instead of spinning (Node 20's recursive mkdir loops forever under /proc). */
export { makeDir, makeDirSync } from './make-dir.ts';
/** Children in their own process group: signal the group, and never let one outlive us. */
export { signalGroup, adoptGroup, liveGroupCount } from './process-group.ts';
/**
 * Every command's --help in one shape: usage, what it does, flags with defaults, exit codes.
 *
 * @example
 * const help: CommandHelp = { usage: ['npm run x -- [flags]'], about: '…', flags: [], exitCodes: [[0, 'ok'], [2, 'usage error']] };
 * if (printHelpIfAsked(process.argv.slice(2), help)) return EXIT.ok;
 */
export { formatCommandHelp, printHelpIfAsked, wantsHelp, type CommandHelp, type HelpFlag } from './cli-help.ts';
/**
 * Ctrl-C and SIGTERM for long-running commands: the first stops gracefully, copies of the same
 * press (npm, the process group, a wrapper relaying it) are ignored, a later press forces quit (exit 3).
 *
 * @example
 * const controller = new AbortController();
 * onStopSignals({ prefix: 'loadtest', stopping: 'stopping the load and writing a partial report', controller });
 */
export {
  onStopSignals,
  classifyStopSignal,
  FORCE_QUIT_AFTER_MS,
  type StopSignalOptions,
  type SignalHost,
} from './stop-signals.ts';
/**
 * One flag parser for every CLI: parseArgs errors and bad values both read
 * `Could not read --<flag> "<value>": <reason>. <fix>.` (UserError, exit 2).
 *
 * @example
 * const { values } = parseFlags(argv, { options: { rate: { type: 'string' } } }, 'Run `npm run x -- --help` for the flags');
 * const rate = values.rate === undefined ? undefined : readNumber('--rate', values.rate, { above: 0, example: 50 });
 */
export {
  parseFlags,
  readInteger,
  readNumber,
  readDuration,
  readList,
  readEnum,
  readSwitch,
  readUrl,
  redactUrlCredentials,
  flagError,
  type NumberBounds,
} from './cli-flags.ts';
/**
 * Unplanned child deaths abort the run at once, with the child's last lines in the reason.
 *
 * @example
 * const watch = createChildWatch(() => secondsSinceLoadStart);
 * watch.watch({ name: 'mock Graph API', child, isStopping: () => stopping, lastLines });
 * await runEngine({ signal: watch.signal });
 */
export {
  createChildWatch,
  describeChildDeath,
  type ChildDeath,
  type ChildWatch,
  type WatchedChild,
} from './child-watch.ts';
