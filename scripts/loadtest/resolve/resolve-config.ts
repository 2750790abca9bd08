import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { scenarioSchema, type Scenario } from '../../../common/contracts/index.ts';
import { isLoopbackHost, readDuration, readEnum, readList, readNumber, validate } from '../../../common/node/index.ts';
import type { LoadtestFlags } from './flags.ts';
import { overrideDuration, overrideRate, totalDurationS } from '../../../scenarios/model/index.ts';
import { referenceConnectorCommand, resolveSupervised, type SupervisedConfig } from './supervised-target.ts';
import { resolveMock } from '../run/in-target-mock.ts';
import { mergeLayers, mergeLoadLayers } from './merge.ts';
import {
  loadPresetLayer,
  resolveSourceAddresses,
  type Preset,
  type PresetLayer,
} from '../../../targets/presets/index.ts';

/** Environment variables `loadtest` reads (only the CLI entry reads process.env and passes them here). */
export const LOADTEST_ENV = [
  'WA_SCENARIO',
  'WA_PRESET',
  'WA_TARGET_URL',
  'WA_APP_SECRET',
  'WA_VERIFY_TOKEN',
  'WA_RATE',
  'WA_DURATION',
  'WA_ENGINE',
  'WA_CHAOS',
  'WA_ALLOW_HOSTS',
  'WA_MOCK_URL',
  'GITHUB_STEP_SUMMARY',
] as const;
export type LoadtestEnv = Partial<Record<(typeof LOADTEST_ENV)[number], string>>;

/** Picks the variables we read, so nothing else from the environment leaks into a run. */
export function pickLoadtestEnv(env: Record<string, string | undefined>): LoadtestEnv {
  const out: LoadtestEnv = {};
  for (const key of LOADTEST_ENV) if (env[key] !== undefined && env[key] !== '') out[key] = env[key];
  return out;
}

export const DEFAULT_SCENARIO = 'demo';

export interface ResolvedLoadtest {
  scenario: Scenario;
  engine: 'auto' | 'k6' | 'node';
  /** `builtin` starts the reference connector; otherwise the URL of the user's connector. */
  target: 'builtin' | string;
  outDir: string;
  /** `in-target`: the msw preload inside the supervised target hosts it (--mock in-target). */
  mock: { mode: 'spawn'; port: number } | { mode: 'external'; url: string } | { mode: 'in-target' };
  metricsUrl?: string;
  /** Serve live harness metrics on 127.0.0.1:<port> (Node engine); off when undefined. */
  metricsPort?: number;
  /** Serve the live dashboard on 127.0.0.1:<port> (0 = any free port); off when undefined. */
  dashboardPort?: number;
  defect?: string;
  /** Factor the chaos profile's timed phases are stretched by (--duration / the scenario's own; 1 with --chaos-timing fixed). */
  chaosScale?: number;
  redisUrl?: string;
  /** Put the Redis proxy in front of a Redis (--redis-proxy, --redis-upstream, or a profile with redis faults). */
  redisProxy?: { upstreamUrl?: string; port?: number };
  baseline?: string;
  githubStepSummary?: string;
  /** The target preset in use (--preset): its endpoints, expected side effects and builtin settings. */
  preset?: { name: string; file: string } & Pick<Preset, 'endpoints' | 'sideEffects' | 'builtin' | 'engine'>;
  /** Local addresses the engine sends from, round-robin (empty: the OS picks). */
  sourceAddresses?: string[];
  /** The harness starts the target itself (--target-cmd / target.command / --replicas / --drill). */
  supervised?: SupervisedConfig;
}

export interface ConfigSources {
  flags: LoadtestFlags;
  env: LoadtestEnv;
  /** Loads a named scenario definition (ScenarioInput). */
  loadDefinition: (name: string) => unknown;
  /** Parsed --config file content and its path, when given. */
  configFile?: { path: string; data: unknown };
  /** Loads a target preset by name or path (default: presets/). */
  loadPreset?: (nameOrPath: string) => PresetLayer;
  /** Folder of scripts/connector.ts, for the reference connector as a supervised command. */
  scriptsDir?: string;
}

const configFileSchema = z.looseObject({ scenario: z.string().optional(), preset: z.string().min(1).optional() });

/**
 * Merges defaults < preset < config file < environment < flags into one validated scenario,
 * once; everything downstream receives the resolved value.
 */
export function resolveLoadtest(sources: ConfigSources): ResolvedLoadtest {
  const { flags, env } = sources;
  const file = sources.configFile
    ? validate(configFileSchema, sources.configFile.data, { thing: 'config file', filePath: sources.configFile.path })
    : undefined;
  const { scenario: fileScenarioName, preset: filePresetName, ...fileLayer } = file ?? {};
  const name = flags.scenario ?? env.WA_SCENARIO ?? fileScenarioName ?? DEFAULT_SCENARIO;
  const base = sources.loadDefinition(name);
  const presetName = flags.preset ?? env.WA_PRESET ?? filePresetName;
  const preset = presetName === undefined ? undefined : (sources.loadPreset ?? loadPresetLayer)(presetName);

  const envLayer = {
    target: { appSecret: env.WA_APP_SECRET, verifyToken: env.WA_VERIFY_TOKEN },
    chaos: env.WA_CHAOS,
  };
  const flagLayer = {
    chaos: flags.chaos,
    seed: flags.seed,
    target: { handshake: flags.handshake },
  };
  const merged = mergeLayers(base, preset?.scenario, fileLayer, envLayer, flagLayer);
  const load = mergeLoadLayers(base, preset?.scenario, fileLayer);
  if (load) merged.load = load;
  // target.command is not part of the scenario: taken out here, resolved below.
  const mergedTarget = merged.target as { command?: unknown } | undefined;
  const layeredCommand = mergedTarget?.command;
  if (mergedTarget) delete mergedTarget.command;
  const namedTarget = flags.target ?? env.WA_TARGET_URL ?? (merged.target as { url?: string } | undefined)?.url;
  const targetFlag = namedTarget ?? 'builtin';
  const allowHosts = [
    ...((merged.target as { allowHosts?: string[] } | undefined)?.allowHosts ?? []),
    ...readList(env.WA_ALLOW_HOSTS),
    ...flags.allowHost,
  ];
  const withTarget = mergeLayers(merged, { target: { url: targetFlag, allowHosts } });
  const thing = sources.configFile ? 'scenario config' : `scenario "${name}"`;
  const scenario = validate(scenarioSchema, withTarget, { thing, filePath: sources.configFile?.path });

  const rate =
    flags.rate ??
    (env.WA_RATE === undefined ? undefined : readNumber('WA_RATE', env.WA_RATE, { above: 0, example: 50 }));
  const durationS =
    flags.durationS ?? (env.WA_DURATION === undefined ? undefined : readDuration('WA_DURATION', env.WA_DURATION));
  if (rate !== undefined) scenario.load = overrideRate(scenario.load, rate);
  const ownDurationS = totalDurationS(scenario.load);
  if (durationS !== undefined) scenario.load = overrideDuration(scenario.load, durationS);
  const chaosScale = flags.chaosTiming === 'fixed' ? 1 : totalDurationS(scenario.load) / ownDurationS;

  const engine =
    flags.engine ??
    (env.WA_ENGINE === undefined ? 'auto' : readEnum('WA_ENGINE', env.WA_ENGINE, ['auto', 'k6', 'node'] as const));
  const mockUrl = flags.mockUrl ?? env.WA_MOCK_URL;
  const supervised = resolveSupervised({
    targetCmd: flags.targetCmd,
    fileCommand: layeredCommand as Record<string, unknown> | undefined,
    presetCommand: preset?.preset.target?.command,
    replicas: flags.replicas,
    drills: flags.drill,
    durationS: totalDurationS(scenario.load),
    targetUrl: scenario.target.url,
    targetNamed: namedTarget !== undefined,
    builtinReference: () =>
      referenceConnectorCommand({
        scriptsDir: sources.scriptsDir ?? fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, ''),
        scenario,
        defect: flags.defect,
        builtin: preset?.preset.builtin,
      }),
    filePath: sources.configFile?.path,
  });
  if (supervised) scenario.target.url = 'supervised';
  const targetIsLoopback =
    scenario.target.url === 'builtin' || supervised !== undefined || isLoopbackUrl(scenario.target.url);
  return {
    scenario,
    engine,
    target: scenario.target.url,
    outDir: flags.out ?? 'reports/runs',
    mock: resolveMock({
      mode: flags.mock,
      mockUrl,
      mockUrlFromEnv: flags.mockUrl === undefined,
      mockPort: flags.mockPort,
      supervised,
      drills: flags.drill,
    }),
    metricsUrl: flags.metricsUrl,
    metricsPort: flags.metricsPort,
    dashboardPort: flags.dashboardPort ?? (flags.dashboard ? 0 : undefined),
    defect: flags.defect,
    chaosScale,
    redisUrl: flags.redisUrl ?? preset?.preset.builtin.redisUrl,
    ...((flags.redisProxy || flags.redisUpstream || flags.redisProxyPort !== undefined) && {
      redisProxy: { upstreamUrl: flags.redisUpstream, port: flags.redisProxyPort },
    }),
    baseline: flags.baseline,
    githubStepSummary: env.GITHUB_STEP_SUMMARY,
    ...(supervised && { supervised }),
    ...(preset && {
      preset: { name: preset.name, file: preset.file, ...pickRuntime(preset.preset) },
      sourceAddresses: resolveSourceAddresses(preset.preset.engine.sourceAddresses, scenario, targetIsLoopback),
    }),
  };
}

function pickRuntime({ endpoints, sideEffects, builtin, engine }: Preset) {
  return { endpoints, sideEffects, builtin, engine };
}

function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}
