import type { GateId, GateResult } from '../schema/summary-schema.ts';

export const GATE_TITLES: Record<GateId, string> = {
  'ack-p99': 'Webhook ack p99',
  'error-rate': 'Webhook error rate',
  'dedupe-p99': 'Dedupe overhead p99',
  'reply-p99': 'Webhook → reply p99',
  duplicates: 'Duplicate side effects',
  lost: 'Lost messages',
  'forged-accepted': 'Forged deliveries accepted',
  'non-retryable-retries': 'Retries after do-not-retry errors',
  'peak-rss': 'Target peak RSS',
  'rss-growth': 'Target RSS growth after warm-up',
  health: 'Health probes failed under load',
  'log-hygiene': 'Secrets and PII in target logs',
  'drain-unprocessed': 'Acknowledged but unprocessed after drain',
  'drain-time': 'Drain time (SIGTERM → exit)',
  'restart-lost': 'Acknowledged but lost across restart',
  'restart-duplicates': 'Answered twice across restart',
  'calls-unanswered': 'Calls not answered in time',
  recovery: 'Back to the reply SLO after the fault phase',
};

export interface GateContext {
  allowNotMeasured: readonly string[];
  aborted: boolean;
}

/** A measured gate: latency and rate gates pass strictly below, count gates at or below. */
export function judgeGate(
  id: GateId,
  spec: { observed: number; threshold: number; unit: GateResult['unit']; source: string; note?: string },
  ctx: GateContext,
): GateResult {
  const comparator = spec.unit === 'count' ? '<=' : '<';
  const ok = comparator === '<' ? spec.observed < spec.threshold : spec.observed <= spec.threshold;
  return {
    id,
    title: GATE_TITLES[id],
    comparator,
    threshold: spec.threshold,
    observed: spec.observed,
    unit: spec.unit,
    verdict: ctx.aborted ? 'incomplete' : ok ? 'pass' : 'fail',
    source: spec.source,
    note: spec.note ?? '',
    allowedNotMeasured: false,
  };
}

/** A gate nothing could measure: fails the run unless its id is in gates.allowNotMeasured. */
export function notMeasuredGate(
  id: GateId,
  spec: { threshold: number; unit: GateResult['unit']; note: string },
  ctx: GateContext,
): GateResult {
  const allowed = ctx.allowNotMeasured.includes(id);
  return {
    id,
    title: GATE_TITLES[id],
    comparator: spec.unit === 'count' ? '<=' : '<',
    threshold: spec.threshold,
    observed: null,
    unit: spec.unit,
    verdict: ctx.aborted ? 'incomplete' : 'not-measured',
    source: 'none',
    note:
      spec.note +
      (allowed ? ' Allowed by gates.allowNotMeasured.' : ' Fails the run unless listed in gates.allowNotMeasured.'),
    allowedNotMeasured: allowed,
  };
}

/** True when this gate makes the run fail. */
export function isFailing(gate: GateResult): boolean {
  return gate.verdict === 'fail' || (gate.verdict === 'not-measured' && !gate.allowedNotMeasured);
}
