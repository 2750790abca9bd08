import { UserError } from '../../common/node/index.ts';
import type { BaselineComparison, BaselineTolerances, GateId, Summary } from '../schema/summary-schema.ts';

type Metric = BaselineComparison['metrics'][number];
type Current = Pick<Summary, 'scenario' | 'gates' | 'load'>;

const round = (x: number): number => Number(x.toFixed(2));

function gateValue(s: Pick<Summary, 'gates'>, id: GateId): { value: number | null; source: string } {
  const g = s.gates.find((x) => x.id === id);
  return { value: g?.observed ?? null, source: g?.source ?? 'none' };
}

function compareP99(id: GateId, title: string, baseline: Summary, current: Current, tolPct: number): Metric {
  const b = gateValue(baseline, id);
  const c = gateValue(current, id);
  // An estimate against a Server-Timing figure compares two different things.
  if (b.value === null || c.value === null || b.value === 0 || b.source !== c.source) {
    return { id, title, unit: 'ms', baseline: b.value, current: c.value, changePct: null, verdict: 'not-comparable' };
  }
  const changePct = round(((c.value - b.value) / b.value) * 100);
  return {
    id,
    title,
    unit: 'ms',
    baseline: b.value,
    current: c.value,
    changePct,
    verdict: changePct > tolPct ? 'regressed' : 'ok',
  };
}

/**
 * Compares a run with a baseline summary (last night's): p99s may grow by at most
 * tolerances.p99Pct, the achieved rate may drop by at most tolerances.ratePct; the error rate is
 * shown for context (its own gate already has an absolute threshold).
 */
export function compareBaseline(
  current: Current,
  baseline: Summary,
  tolerances: BaselineTolerances,
): BaselineComparison {
  if (baseline.scenario !== current.scenario) {
    throw new UserError(
      `Could not compare with the baseline: it comes from scenario "${baseline.scenario}", this run from "${current.scenario}". Pass a summary.json of the same scenario as --baseline.`,
    );
  }
  const rateB = baseline.load.achievedRate;
  const rateC = current.load.achievedRate;
  const rateChange = rateB > 0 ? round(((rateC - rateB) / rateB) * 100) : null;
  const errB = gateValue(baseline, 'error-rate').value;
  const errC = gateValue(current, 'error-rate').value;
  return {
    runId: baseline.runId,
    startedAt: baseline.startedAt,
    tolerances: { p99Pct: tolerances.p99Pct, ratePct: tolerances.ratePct },
    metrics: [
      compareP99('ack-p99', 'Webhook ack p99', baseline, current, tolerances.p99Pct),
      compareP99('reply-p99', 'Webhook → reply p99', baseline, current, tolerances.p99Pct),
      compareP99('dedupe-p99', 'Dedupe overhead p99', baseline, current, tolerances.p99Pct),
      {
        id: 'achieved-rate',
        title: 'Achieved rate',
        unit: 'msg/s',
        baseline: rateB,
        current: rateC,
        changePct: rateChange,
        verdict: rateChange === null ? 'not-comparable' : rateChange < -tolerances.ratePct ? 'regressed' : 'ok',
      },
      {
        id: 'error-rate',
        title: 'Webhook error rate',
        unit: '%',
        baseline: errB,
        current: errC,
        changePct: errB && errC !== null ? round(((errC - errB) / errB) * 100) : null,
        verdict: 'info',
      },
    ],
  };
}
