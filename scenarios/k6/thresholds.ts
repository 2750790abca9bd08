import type { Gates } from '../../common/contracts/scenario.ts';
import type { PhaseWindow } from '../../common/contracts/run-record.ts';
import { COUNTER_METRICS, ERROR_RATE, TREND } from './metric-names.ts';

export type Thresholds = Record<string, string[]>;

/**
 * k6 thresholds from the scenario's gates. Only the gates k6 can see are here (ack p99, error
 * rate, dedupe p99, forged accepted); ledger gates (reply p99, duplicates, lost) are evaluated by
 * the reporter. Per-phase submetrics get always-true thresholds: k6 only reports submetrics that
 * a threshold names, and the run record needs them by phase.
 */
export function buildThresholds(gates: Gates, phases: readonly PhaseWindow[]): Thresholds {
  const thresholds: Thresholds = {
    [TREND.ack]: [`p(99)<${gates.ackP99Ms}`],
    [ERROR_RATE]: [`rate<${gates.errorRate}`],
    [TREND.dedupe]: [`p(99)<${gates.dedupeP99Ms}`],
    [COUNTER_METRICS.forgedAccepted]: [`count<=${gates.forgedAccepted}`],
  };
  for (const name of new Set(phases.map((p) => p.name))) {
    thresholds[`${TREND.ack}{phase:${name}}`] = ['max>=0'];
    thresholds[`${TREND.dedupe}{phase:${name}}`] = ['max>=0'];
    for (const [field, metric] of Object.entries(COUNTER_METRICS)) {
      if (field !== 'dropped' && field !== 'copiesDropped') thresholds[`${metric}{phase:${name}}`] = ['count>=0'];
    }
  }
  return thresholds;
}
