import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PhaseWindow, Scenario } from '../../../common/contracts/index.ts';
import { buildChildEnv, K6_OUTPUT_ENV_PREFIXES } from '../../../common/node/index.ts';
import { REDACTED, redactSecrets } from '../../model/index.ts';
import type { K6RunConfig } from '../../k6/index.ts';

/** The scenarios/ folder holding one k6 file per built-in scenario. */
export const K6_SCENARIOS_DIR = fileURLToPath(new URL('../../', import.meta.url));

export interface K6CommandInput {
  scenario: Scenario;
  targetUrl: string;
  runId: string;
  phases: PhaseWindow[];
  runDir: string;
  fixturesDir: string;
  /** Scenario file to run; default: scenarios/<scenario.name>.ts, else scenarios/load.ts (config decides anyway). */
  scriptPath?: string;
  /** Environment of the parent: only PATH, HOME, TMPDIR, LANG… and k6 output settings (K6_OUT, K6_PROMETHEUS_RW_*, …) pass. */
  baseEnv?: NodeJS.ProcessEnv;
  knownScripts?: readonly string[];
  /** Local addresses k6 sends from (`--local-ips`, spread over VUs), e.g. under a per-IP limit. */
  sourceAddresses?: readonly string[];
  /** Mock Graph API base URL: the script's setup() restarts its chaos clock there. */
  mockUrl?: string;
  /** That mock's admin token (WA_MOCK_ADMIN_TOKEN), passed through the environment, never the config file. */
  mockAdminToken?: string;
}

export interface K6Command {
  command: 'k6';
  args: string[];
  /** Explicit: platform variables, the user's K6_* output settings, WA_CONFIG, WA_APP_SECRET, WA_SECRET_HEADERS (the redacted header values, JSON) and WA_MOCK_ADMIN_TOKEN; no other WA_*. */
  env: Record<string, string>;
  configPath: string;
  /** The resolved config as written to configPath (app secret redacted: it travels in WA_APP_SECRET). */
  config: K6RunConfig;
  outFile: string;
  /** k6's JSON output (`--out json=`): the samples the exact run record is built from. */
  samplesFile: string;
}

/**
 * The `k6 run` invocation for a resolved scenario (pure). The config file names everything but
 * the app secret and the values of secret headers, which go through the environment so they never land on disk.
 */
export function buildK6Command(input: K6CommandInput): K6Command {
  // k6 resolves a relative open() path against the script's folder, not the working directory:
  // every path handed to k6 is made absolute here so `--out reports/runs` works from anywhere.
  const runDir = resolve(input.runDir);
  const configPath = join(runDir, 'k6-config.json');
  const outFile = join(runDir, 'run-record.k6.json');
  const samplesFile = join(runDir, 'k6-samples.json');
  const script =
    input.scriptPath ??
    join(
      K6_SCENARIOS_DIR,
      `${(input.knownScripts ?? []).includes(input.scenario.name) ? input.scenario.name : 'load'}.ts`,
    );
  const scenario = redactSecrets(input.scenario);
  // Header values the file shows redacted still have to reach the target: they travel like the app secret.
  const secretHeaders = Object.fromEntries(
    Object.entries(input.scenario.target.headers).filter(([name]) => scenario.target.headers[name] === REDACTED),
  );
  const config: K6RunConfig = {
    scenario,
    targetUrl: input.targetUrl,
    runId: input.runId,
    phases: input.phases,
    fixturesDir: resolve(input.fixturesDir),
    outFile,
    samples: true,
    ...(input.mockUrl ? { mockUrl: input.mockUrl } : {}),
  };
  return {
    command: 'k6',
    // --quiet: our own progress line replaces k6's bars. --address 127.0.0.1:0: k6 v1 starts its
    // REST API on 127.0.0.1:6565 by default, so two k6 at once collided; a free port never does
    // (v2 starts the API only when --address is given; both accept it).
    args: [
      'run',
      '--quiet',
      '--no-usage-report',
      '--address',
      '127.0.0.1:0',
      '--out',
      `json=${samplesFile}`,
      ...(input.sourceAddresses?.length ? ['--local-ips', input.sourceAddresses.join(',')] : []),
      script,
    ],
    env: buildChildEnv(
      input.baseEnv ?? {},
      {
        WA_CONFIG: configPath,
        WA_APP_SECRET: input.scenario.target.appSecret,
        ...(Object.keys(secretHeaders).length ? { WA_SECRET_HEADERS: JSON.stringify(secretHeaders) } : {}),
        ...(input.mockAdminToken ? { WA_MOCK_ADMIN_TOKEN: input.mockAdminToken } : {}),
        K6_NO_USAGE_REPORT: 'true',
      },
      { passPrefixes: K6_OUTPUT_ENV_PREFIXES },
    ),
    configPath,
    config,
    outFile,
    samplesFile,
  };
}
