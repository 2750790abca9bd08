import { redeliveryTailMs } from '../model/index.ts';
import { buildExecutor, sizeVuPool, type ArrivalRateScenario, type ExecutorSizing, type VuPool } from './executor.ts';
import type { K6RunConfig } from './k6-config.ts';
import { SUMMARY_TREND_STATS } from './metric-names.ts';
import { buildThresholds, type Thresholds } from './thresholds.ts';

/** The `options` a scenario file exports (and an emitted archive freezes in its metadata.json). */
export interface K6ScenarioOptions {
  scenarios: Record<string, ArrivalRateScenario>;
  thresholds: Thresholds;
  summaryTrendStats: string[];
  discardResponseBodies: boolean;
  setupTimeout: string;
  /** 0: k6 never follows a redirect (valid in k6 v1 and v2); a 3xx is counted as an outcome. */
  maxRedirects: number;
}

/** How a run config sizes k6's executor (VU pool, graceful stop). */
export function k6Sizing(config: K6RunConfig): ExecutorSizing {
  const { scenario } = config;
  const gracefulStopS =
    redeliveryTailMs(scenario.delivery.redelivery, scenario.delivery.timeoutMs) / 1000 +
    scenario.delivery.duplicateDelayMs / 1000 +
    1;
  return {
    maxInFlight: scenario.maxInFlight,
    preAllocatedVUs: config.preAllocatedVUs,
    gracefulStopS,
    late: scenario.delivery.late,
  };
}

/** The VU pool k6 gets for a run config, with the VUs added for late copies. */
export function k6VuPool(config: K6RunConfig): VuPool {
  return sizeVuPool(config.scenario.load, k6Sizing(config));
}

/** k6 options for a resolved run config (pure: no k6 modules, also used by the k6-operator emitter). */
export function buildK6Options(config: K6RunConfig): K6ScenarioOptions {
  const { scenario } = config;
  return {
    scenarios: {
      [scenario.name]: buildExecutor(scenario.load, k6Sizing(config)),
    },
    thresholds: buildThresholds(scenario.gates, config.phases),
    summaryTrendStats: SUMMARY_TREND_STATS,
    discardResponseBodies: true,
    setupTimeout: '10s',
    maxRedirects: 0,
  };
}
