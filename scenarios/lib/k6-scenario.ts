import { buildWebhookUrl, resolveMixWeights } from '../../load-core/index.ts';
import { deliverIteration, type K6Runtime } from './k6-deliver.ts';
import { readEnv } from './env.ts';
import { resolveK6RunConfig } from './k6-config.ts';
import { loadK6Fixtures } from './k6-fixtures.ts';
import { createK6Metrics } from './k6-metrics.ts';
import { buildK6Options, type K6ScenarioOptions } from './k6-options.ts';
import { buildK6RunRecord, renderTextSummary, type K6SummaryData } from './k6-summary.ts';
export type { K6SummaryData } from './k6-summary.ts';
export type { K6ScenarioOptions } from './k6-options.ts';

/** What a scenario file exports, assembled from one definition. */
export interface K6Scenario {
  options: K6ScenarioOptions;
  setup: () => { runId: string };
  iterate: (data: { runId: string }) => void;
  summarize: (data: K6SummaryData) => Record<string, string>;
}

/**
 * Builds a k6 scenario in the init context: resolves config (WA_CONFIG or the definition +
 * WA_* overrides), loads fixtures with `readFile` (k6 `open`, defined in the scenario file so
 * relative paths resolve from scenarios/), builds executor options and thresholds.
 */
export function createK6Scenario(definitionText: string, readFile: (path: string) => string): K6Scenario {
  const config = resolveK6RunConfig(readEnv(), definitionText, readFile);
  const { scenario } = config;
  const fixtures = loadK6Fixtures(config.fixturesDir, readFile);
  let cumulativeWeights: number[];
  try {
    cumulativeWeights = resolveMixWeights(fixtures, scenario.mix);
  } catch (error) {
    throw new Error(`Could not build the traffic mix of scenario "${scenario.name}": ${(error as Error).message}. Fix "mix".`);
  }
  const runtime: K6Runtime = {
    config,
    delivery: { scenario, templates: fixtures.map((f) => f.template), cumulativeWeights },
    url: buildWebhookUrl(config.targetUrl, scenario.target.pathTemplate, scenario.business.phoneNumberId),
    metrics: createK6Metrics(),
  };
  return {
    options: buildK6Options(config),
    setup: () => ({ runId: config.runId ?? drawRunId() }),
    iterate: (data) => deliverIteration(runtime, data.runId),
    summarize: (data) => {
      const runId = (data.setup_data as { runId?: string } | undefined)?.runId ?? config.runId ?? '000000000000';
      const record = buildK6RunRecord(data, config, runId, Date.now());
      return { [config.outFile]: JSON.stringify(record), stdout: renderTextSummary(record) };
    },
  };
}

/** A run id for direct runs (setup runs once per instance; pass WA_RUN_ID for distributed runs). */
function drawRunId(): string {
  let id = '';
  for (let i = 0; i < 12; i++) id += Math.floor(Math.random() * 16).toString(16);
  return id;
}
