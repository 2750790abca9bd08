import type { PhaseWindow } from '../../common/contracts/run-record.ts';
import type { Scenario, ScenarioInput } from '../../common/contracts/scenario.ts';
import { applyScenarioDefaults, overrideDuration, overrideRate, parseDurationS, REDACTED } from '../model/index.ts';
import type { K6Env } from './env.ts';

/**
 * Everything a k6 run needs, resolved once in the init context. The orchestrator writes it as
 * JSON (`WA_CONFIG`, app secret redacted and passed as `WA_APP_SECRET`) and nothing else from the
 * environment applies; run directly, k6 builds it from the named definition plus `WA_*` overrides.
 */
export interface K6RunConfig {
  scenario: Scenario;
  /** Base URL; the scenario's path template is appended. */
  targetUrl: string;
  /** 12 hex chars; absent: setup() draws one (give one for distributed runs). */
  runId?: string;
  phases: PhaseWindow[];
  /** Folder holding the fixture manifest.json. */
  fixturesDir: string;
  /** Where handleSummary writes the run record. */
  outFile: string;
  /** VUs k6 starts with (default: peak rate × expected ack latency, see executor.ts). */
  preAllocatedVUs?: number;
  /**
   * Mock Graph API base URL: setup() POSTs /__admin/reset there, so the mock's chaos clock starts
   * when k6 starts iterating (the orchestrator sets it; a direct run may set WA_MOCK_URL).
   */
  mockUrl?: string;
  /** Also stream per-attempt samples for the exact run record (`--out json=`, set by the orchestrator). */
  samples?: boolean;
}

export const DEFAULT_TARGET_URL = 'http://127.0.0.1:3000';
/** Relative to the scenarios/ folder (where the scenario files call open()). */
export const DEFAULT_FIXTURES_DIR = '../fixtures';
export const DEFAULT_OUT_FILE = 'run-record.json';

/** Thrown for a bad `WA_*` value: k6 prints it and stops in the init context. */
export class K6ConfigError extends Error {}

/** The app secret is checked in setup(), not in the init context: `k6 archive`/`k6 inspect` see no shell env. */
export const MISSING_SECRET_MESSAGE =
  'Could not sign deliveries: the app secret is missing or empty. Set WA_APP_SECRET in the environment of `k6 run` to the secret your connector verifies with (never pass it to `k6 archive`).';

/**
 * Resolves the run config from the environment, the named definition and a file reader (k6 `open`).
 * Relative `WA_CONFIG`, `WA_FIXTURES_DIR` and `WA_OUT` are made absolute against the working
 * directory (`PWD`, which `k6 run` exposes from the shell), as users expect; k6's own `open()`
 * would resolve them against the scenario file's folder. `WA_RELATIVE_TO=script` keeps k6's rule
 * (emitted archives, whose paths point inside the archive). With `WA_CONFIG` no other `WA_*` but
 * the secrets (WA_APP_SECRET, WA_SECRET_HEADERS) apply; without it (`k6 run` by hand) the definition plus `WA_*` overrides.
 */
export function resolveK6RunConfig(
  env: K6Env,
  definitionText: string,
  readFile: (path: string) => string,
): K6RunConfig {
  // With WA_CONFIG (a run started by `loadtest`, which merged every layer once) the file is the
  // whole config: no other WA_* applies but the secrets (app secret, secret header values), which never go on disk.
  if (env.WA_CONFIG) return withSecrets(readConfigFile(fromWorkingDir(env, env.WA_CONFIG), readFile), env);
  return applyOverrides(fromDefinition(definitionText), env);
}

/** True when the config can sign (setup() throws MISSING_SECRET_MESSAGE otherwise). */
export function hasAppSecret(config: K6RunConfig): boolean {
  return Boolean(config.scenario.target.appSecret) && config.scenario.target.appSecret !== REDACTED;
}

/** `path` made absolute against the working directory when k6 exposes it (PWD), else unchanged. */
export function fromWorkingDir(env: K6Env, path: string): string {
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || env.WA_RELATIVE_TO === 'script' || !env.PWD) return path;
  return joinPath(env.PWD, path);
}

/** Minimal POSIX join + normalisation (k6 has no path module). */
export function joinPath(base: string, path: string): string {
  const out: string[] = [];
  for (const part of `${base}/${path}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** The folder part of a file path ('' when there is none). */
export function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : i === 0 ? '/' : path.slice(0, i);
}

function readConfigFile(path: string, readFile: (path: string) => string): K6RunConfig {
  try {
    return JSON.parse(readFile(path)) as K6RunConfig;
  } catch (error) {
    throw new K6ConfigError(
      `Could not read the run config ${path} (WA_CONFIG): ${(error as Error).message}. Check the path.`,
    );
  }
}

/** The app secret (WA_APP_SECRET) and the redacted header values (WA_SECRET_HEADERS, JSON) put back. */
function withSecrets(config: K6RunConfig, env: K6Env): K6RunConfig {
  const target = { ...config.scenario.target };
  if (env.WA_APP_SECRET) target.appSecret = env.WA_APP_SECRET;
  if (env.WA_SECRET_HEADERS) {
    const values = parseSecretHeaders(env.WA_SECRET_HEADERS);
    target.headers = Object.fromEntries(
      Object.entries(target.headers).map(([name, value]) => [
        name,
        value === REDACTED ? (values[name] ?? value) : value,
      ]),
    );
  }
  return { ...config, scenario: { ...config.scenario, target } };
}

function parseSecretHeaders(text: string): Record<string, string> {
  try {
    return JSON.parse(text) as Record<string, string>;
  } catch {
    // The value itself is never printed: it holds credentials.
    throw new K6ConfigError(
      'Could not read WA_SECRET_HEADERS: it is not JSON. Set it to {"<header>": "<value>"} or leave it unset.',
    );
  }
}

function fromDefinition(definitionText: string): K6RunConfig {
  return {
    scenario: applyScenarioDefaults(JSON.parse(definitionText) as ScenarioInput),
    targetUrl: DEFAULT_TARGET_URL,
    phases: [],
    fixturesDir: DEFAULT_FIXTURES_DIR,
    outFile: DEFAULT_OUT_FILE,
  };
}

function applyOverrides(config: K6RunConfig, env: K6Env): K6RunConfig {
  const scenario: Scenario = JSON.parse(JSON.stringify(config.scenario)) as Scenario;
  if (env.WA_RATE !== undefined) scenario.load = overrideRate(scenario.load, positiveNumber('WA_RATE', env.WA_RATE));
  if (env.WA_DURATION !== undefined) {
    const durationS = parseDurationS(env.WA_DURATION);
    if (durationS === undefined)
      throw new K6ConfigError(`Could not use WA_DURATION="${env.WA_DURATION}": not a duration. Use e.g. 90, 90s, 5m.`);
    scenario.load = overrideDuration(scenario.load, durationS);
  }
  // Only the environment signs a direct run: the definition's default secret would sign every
  // delivery wrongly for a connector started with another one (all refused, nothing saying why),
  // and an empty WA_APP_SECRET= is a mistake, not a request for the default. setup() stops on ''.
  scenario.target.appSecret = env.WA_APP_SECRET ?? '';
  if (env.WA_PATH_TEMPLATE) scenario.target.pathTemplate = env.WA_PATH_TEMPLATE;
  if (env.WA_SEED !== undefined) scenario.seed = Math.floor(positiveNumber('WA_SEED', env.WA_SEED, true));
  if (env.WA_MAX_IN_FLIGHT !== undefined)
    scenario.maxInFlight = Math.floor(positiveNumber('WA_MAX_IN_FLIGHT', env.WA_MAX_IN_FLIGHT));
  if (env.WA_TIMEOUT_MS !== undefined)
    scenario.delivery.timeoutMs = Math.floor(positiveNumber('WA_TIMEOUT_MS', env.WA_TIMEOUT_MS));
  if (env.WA_RUN_ID !== undefined && !/^[0-9a-f]{12}$/.test(env.WA_RUN_ID)) {
    throw new K6ConfigError(`Could not use WA_RUN_ID="${env.WA_RUN_ID}": a run id is 12 lowercase hex characters.`);
  }
  return {
    ...config,
    scenario,
    targetUrl: env.WA_TARGET_URL ?? config.targetUrl,
    runId: env.WA_RUN_ID ?? config.runId,
    phases: env.WA_PHASES ? parsePhases(env.WA_PHASES) : config.phases,
    fixturesDir: env.WA_FIXTURES_DIR !== undefined ? fromWorkingDir(env, env.WA_FIXTURES_DIR) : config.fixturesDir,
    outFile: env.WA_OUT !== undefined ? fromWorkingDir(env, env.WA_OUT) : config.outFile,
    mockUrl: env.WA_MOCK_URL ?? config.mockUrl,
    preAllocatedVUs:
      env.WA_VUS !== undefined ? Math.floor(positiveNumber('WA_VUS', env.WA_VUS)) : config.preAllocatedVUs,
  };
}

function positiveNumber(name: string, text: string, allowZero = false): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new K6ConfigError(
      `Could not use ${name}="${text}": expected a ${allowZero ? 'non-negative' : 'positive'} number.`,
    );
  }
  return value;
}

function parsePhases(text: string): PhaseWindow[] {
  try {
    const phases = JSON.parse(text) as PhaseWindow[];
    if (
      Array.isArray(phases) &&
      phases.every((p) => typeof p.name === 'string' && typeof p.startS === 'number' && typeof p.endS === 'number')
    )
      return phases;
  } catch {
    // reported below
  }
  throw new K6ConfigError('Could not use WA_PHASES: expected JSON like [{"name":"storm","startS":10,"endS":40}].');
}
