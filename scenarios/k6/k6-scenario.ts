import { SharedArray } from 'k6/data';
import http from 'k6/http';
import { attemptPolicyOf, buildWebhookUrl, resolveMixWeights } from '../model/index.ts';
import { deliverIteration, type K6Runtime, type K6SetupData } from './k6-deliver.ts';
import { readEnv } from './env.ts';
import { dirnameOf, hasAppSecret, K6ConfigError, MISSING_SECRET_MESSAGE, resolveK6RunConfig } from './k6-config.ts';
import { loadK6Fixtures, type K6Fixture } from './k6-fixtures.ts';
import { createK6Metrics } from './k6-metrics.ts';
import { buildK6Options, type K6ScenarioOptions } from './k6-options.ts';
import { buildK6RunRecord, renderTextSummary, type K6SummaryData } from './k6-summary.ts';
export type { K6SummaryData } from './k6-summary.ts';
export type { K6ScenarioOptions } from './k6-options.ts';
export type { K6SetupData } from './k6-deliver.ts';

/** What a scenario file exports, assembled from one definition. */
export interface K6Scenario {
  options: K6ScenarioOptions;
  setup: () => K6SetupData;
  iterate: (data: K6SetupData) => void | Promise<void>;
  summarize: (data: K6SummaryData) => Record<string, string>;
}

/**
 * Builds a k6 scenario in the init context (which k6 evaluates once per VU, plus once for
 * options): resolves config (WA_CONFIG or the definition + WA_* overrides), loads the fixtures
 * and the traffic mix ONCE into SharedArrays (k6 builds them in the first init context and
 * shares them read-only with every VU), builds executor options and thresholds.
 */
export function createK6Scenario(definitionText: string, readFile: (path: string) => string): K6Scenario {
  const config = resolveK6RunConfig(readEnv(), definitionText, readFile);
  const { scenario } = config;
  const fixtures = new SharedArray(`wa-fixtures ${config.fixturesDir}`, () =>
    loadK6Fixtures(config.fixturesDir, readFile),
  ) as unknown as readonly K6Fixture[];
  // A SharedArray supports length, indexing and for-of only (no map/forEach).
  const mix = new SharedArray(`wa-mix ${config.fixturesDir} ${JSON.stringify(scenario.mix ?? null)}`, () => {
    const weights: { name: string; weight: number }[] = [];
    for (let i = 0; i < fixtures.length; i++)
      weights.push({ name: (fixtures[i] as K6Fixture).name, weight: (fixtures[i] as K6Fixture).weight });
    try {
      return [{ cumulativeWeights: resolveMixWeights(weights, scenario.mix) }];
    } catch (error) {
      throw new Error(
        `Could not build the traffic mix of scenario "${scenario.name}": ${(error as Error).message}. Fix "mix".`,
      );
    }
  }) as unknown as { cumulativeWeights: number[] }[];
  const runtime: K6Runtime = {
    config,
    // SharedArray items are parsed on access: the builder reads each fixture it fills.
    delivery: {
      scenario,
      templateAt: (i) => (fixtures[i] as K6Fixture).template,
      cumulativeWeights: (mix[0] as { cumulativeWeights: number[] }).cumulativeWeights,
    },
    url: buildWebhookUrl(config.targetUrl, scenario.target.pathTemplate, scenario.business.phoneNumberId),
    metrics: createK6Metrics(),
    policy: attemptPolicyOf(scenario),
  };
  const outFolder = dirnameOf(config.outFile);
  const outFolderMissing =
    outFolder.startsWith('/') && readEnv().WA_RELATIVE_TO !== 'script' && folderExists(outFolder, readFile) === false;
  return {
    options: buildK6Options(config),
    setup: () => {
      // Checked here, not in the init context: `k6 archive` and `k6 inspect` evaluate the init
      // context without the shell environment, and must work without the secret.
      if (!hasAppSecret(config)) throw new K6ConfigError(MISSING_SECRET_MESSAGE);
      if (outFolderMissing) {
        throw new K6ConfigError(
          `Could not write the run record ${config.outFile}: the folder ${outFolder} does not exist, and k6 creates no folders. Create it (mkdir -p ${outFolder}) or set WA_OUT to a file in an existing folder.`,
        );
      }
      if (config.mockUrl) resetMockClock(config.mockUrl, readEnv().WA_MOCK_ADMIN_TOKEN);
      // The run's clock: phases, the timeline and the chaos clock start when k6 starts iterating.
      const startedAtMs = Date.now();
      runtime.metrics.clock.add(startedAtMs);
      return { runId: config.runId ?? drawRunId(), startedAtMs };
    },
    iterate: (data) => deliverIteration(runtime, data),
    summarize: (data) => {
      const setupData = data.setup_data as Partial<K6SetupData> | undefined;
      const runId = setupData?.runId ?? config.runId ?? '000000000000';
      const record = buildK6RunRecord(data, config, runId, Date.now(), setupData?.startedAtMs);
      return { [config.outFile]: JSON.stringify(record), stdout: renderTextSummary(record) };
    },
  };
}

/**
 * Whether a folder exists, from the init context (k6 has no stat): k6's open() refuses a
 * folder with "can't be used with directories" and a missing path with "no such file".
 * undefined when the answer is unclear (then nothing is blocked).
 */
export function folderExists(path: string, readFile: (path: string) => string): boolean | undefined {
  try {
    readFile(path);
    return false; // a file, not a folder: writing below it fails too
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    if (/directories|is a directory/i.test(message)) return true;
    if (/no such file|does not exist|not exist|cannot find/i.test(message)) return false;
    return undefined;
  }
}

/**
 * Restarts the mock Graph API's chaos clock (and clears its ledger) as k6 starts iterating. A mock
 * off loopback locks its admin API: WA_MOCK_ADMIN_TOKEN (from the environment, or a k6-operator
 * Secret) goes as a Bearer header.
 */
function resetMockClock(mockUrl: string, adminToken: string | undefined): void {
  const params = adminToken ? { timeout: '8s', headers: { Authorization: `Bearer ${adminToken}` } } : { timeout: '8s' };
  const res = http.post(`${mockUrl.replace(/\/+$/, '')}/__admin/reset`, null, params);
  if (res.status === 401) {
    throw new K6ConfigError(
      `Could not start the mock Graph API's chaos clock: POST ${mockUrl}/__admin/reset answered 401: its admin API is locked. Set WA_MOCK_ADMIN_TOKEN to the mock's admin token.`,
    );
  }
  if (res.status !== 200) {
    throw new K6ConfigError(
      `Could not start the mock Graph API's chaos clock: POST ${mockUrl}/__admin/reset answered ${res.status || `error ${res.error_code}`}. Check that the mock is running.`,
    );
  }
}

/** A run id for direct runs (setup runs once per instance; pass WA_RUN_ID for distributed runs). */
function drawRunId(): string {
  let id = '';
  for (let i = 0; i < 12; i++) id += Math.floor(Math.random() * 16).toString(16);
  return id;
}
