import type { LedgerStats, RedisProxyStats, RunRecord, Scenario } from '../../../common/contracts/index.ts';
import type { ChildWatch, EnvMap } from '../../../common/node/index.ts';
import type { FixtureSet } from '../../../fixtures/index.ts';
import type { ChaosProfile, PhaseWindow } from '../../../mock-graph-api/index.ts';
import type { Summary } from '../../../reports/index.ts';
import type { NodeEngineDiagnostics } from '../../../scenarios/engines/index.ts';
import type { RedisDependency } from '../../../targets/redis-proxy/index.ts';
import type { TargetPool } from '../../../targets/supervisor/index.ts';
import type { LiveDashboard } from '../live/live-dashboard.ts';
import type { ResolvedLoadtest } from '../resolve/resolve-config.ts';
import type { prepareInTargetMock } from './in-target-mock.ts';
import type { LoadtestIo } from './loadtest-io.ts';
import type { MockClient } from '../../../mock-graph-api/index.ts';
import type { RunningService } from './service.ts';

/** What the pre-flight fixed before anything started; the same for every stage. */
export interface RunPlan {
  config: ResolvedLoadtest;
  io: LoadtestIo;
  scenario: Scenario;
  log(line: string): void;
  parentEnv: EnvMap;
  /** Strings scrubbed from whatever a child prints that we repeat. */
  secrets: string[];
  fixtureSet: FixtureSet;
  /** What the mock and the Redis proxy run: scaled with --duration, ended with the load (endChaosWithLoad). */
  profile: ChaosProfile;
  /** The profile differs from the named one the spawned mock loads by itself (scaled or ended): it must be sent. */
  profileAdjusted: boolean;
  phases: PhaseWindow[];
  engine: 'node' | 'k6';
  baseline?: Summary;
  runId: string;
  runDir: string;
  /** Every child the run depends on: the first unplanned death aborts `signal` and is the abort reason. */
  watch: ChildWatch;
  /** Ctrl-C / SIGTERM or a child's death. */
  signal: AbortSignal;
}

/** What each stage leaves for the ones after it, by the stage that sets it. */
export interface StageOutputs {
  /** start dependencies; the mock's client and URL move to the target's own mock under --mock in-target. */
  dependencies: {
    redis?: RedisDependency;
    mock: MockClient;
    mockUrl: string;
    inTarget?: Awaited<ReturnType<typeof prepareInTargetMock>>;
  };
  /** start the target */
  target: {
    url: string;
    connector?: RunningService;
    pool?: TargetPool;
    /** The preset's health endpoints' answers, for preset.json. */
    health: Record<string, unknown>;
    metricsUrl?: string;
    sourceAddresses: string[];
    metricsBefore?: string;
  };
  /** load */
  load: { record: RunRecord; diagnostics: NodeEngineDiagnostics; dashboard?: LiveDashboard };
  /** settle; no ledger when the mock died with it. */
  settled: { ledger?: LedgerStats; metricsAfter?: string };
  /** judge */
  verdict: { summary: Summary; redisProxy?: RedisProxyStats };
  /** write the report */
  report: { exitCode: number };
}

/** The one context a run's stages share: the plan, then each stage's output as it is reached. */
export interface RunContext extends RunPlan, Partial<StageOutputs> {
  /** Set as the load starts: the clock of a death's message ("… died 12 s into the run"). */
  loadStartedMs?: number;
  /** Keep the run folder after a failure: the error points into it (k6's config, to reproduce it). */
  keepRunDir: boolean;
}

/** The output of an earlier stage; a stage listed before the one that sets it is a bug, so it throws. */
export function need<K extends keyof StageOutputs>(run: Partial<StageOutputs>, key: K): StageOutputs[K] {
  const value = run[key];
  if (value === undefined)
    throw new Error(`No ${key} in the run context yet: a stage runs before the one that sets it.`);
  return value as StageOutputs[K];
}
