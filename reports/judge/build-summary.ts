import type { LedgerStats, RunRecord, Gates, RedisProxyStats } from '../../common/contracts/index.ts';
import { compareBaseline } from './compare-baseline.ts';
import { readDedupeFromMetrics, readDedupeFromWire } from './dedupe-source.ts';
import { buildDependencySummary, withoutCutClaims } from './dependency-verdicts.ts';
import { judgingByPhase, withoutExemptPhaseErrors, withoutFaultPhaseLatency } from './phase-judging.ts';
import { classifyPhases, redisLatencyPhases } from './phase-kinds.ts';
import { describeLateHorizon } from './late-horizon.ts';
import { downsampleTimeline } from './downsample-timeline.ts';
import { tallyErrors } from '../../scenarios/model/index.ts';
import { evaluateGates, evaluatePhaseGates, type GateInput } from './evaluate-gates.ts';
import { isFailing } from './gate-result.ts';
import { mergeLatency } from './latency-stats.ts';
import { measureLoad } from './load-level.ts';
import { mergeLedgerStats } from './merge-ledger-stats.ts';
import { mergeRunRecords } from './merge-run-records.ts';
import { describeMetaGuidance } from './meta-guidance.ts';
import { reconcile } from './reconcile.ts';
import { buildFaultTimeline, buildReplyTimeline } from './second-series.ts';
import { evaluateSupervised } from './supervisor-gates.ts';
import {
  baselineTolerancesSchema,
  SUMMARY_SCHEMA_VERSION,
  type BaselineTolerances,
  type LoadDelivery,
  type Summary,
} from '../schema/summary-schema.ts';
import { judgeLoadDelivery } from './load-delivery.ts';
import { LOAD_DELIVERY_RULE } from './verdict-model.ts';

export interface SummaryInput {
  runRecords: RunRecord[];
  ledgers: LedgerStats[];
  gates: Gates;
  metricsBefore?: string;
  metricsAfter?: string;
  baseline?: Summary;
  tolerances?: Partial<BaselineTolerances>;
  /** redis-proxy-stats.json of a run with the Redis proxy. */
  redisProxy?: RedisProxyStats;
}

function describeLedger(ledger: LedgerStats | undefined): Summary['ledger'] {
  if (!ledger) return null;
  const { replicas, committedByType, rejectedByCode, uncorrelated, faults, limits, retriedNonRetryable } = ledger;
  return { replicas, committedByType, rejectedByCode, uncorrelated, faults, limits, retriedNonRetryable };
}

/** Verdict and exit code: aborted beats load not delivered beats failed beats passed. */
function decide(
  status: Summary['status'],
  failing: boolean,
  loadDelivery: LoadDelivery | undefined,
): Pick<Summary, 'verdict' | 'exitCode'> {
  if (status === 'aborted') return { verdict: 'aborted', exitCode: 3 };
  if (loadDelivery && !loadDelivery.delivered)
    return { verdict: 'load-not-delivered', exitCode: LOAD_DELIVERY_RULE.exitCode };
  return failing ? { verdict: 'fail', exitCode: 99 } : { verdict: 'pass', exitCode: 0 };
}

/** Turns run records, ledgers and scrapes into the summary every renderer reads. Pure. */
export function buildSummary(input: SummaryInput): Summary {
  const run = mergeRunRecords(input.runRecords);
  const ledger = input.ledgers.length ? mergeLedgerStats(input.ledgers) : undefined;
  const reconciliation = reconcile(run.acked, ledger);
  const gateInput: GateInput = {
    run,
    ledger,
    reconciliation,
    gates: input.gates,
    promDedupe: readDedupeFromMetrics(input.gates, input.metricsBefore, input.metricsAfter),
    wireDedupe: input.redisProxy && readDedupeFromWire(input.redisProxy),
  };
  const ctx = { allowNotMeasured: input.gates.allowNotMeasured, aborted: run.status === 'aborted' };
  const supervisedRecord = input.runRecords.find((r) => r.supervised)?.supervised;
  const supervised =
    supervisedRecord && evaluateSupervised(supervisedRecord, { gates: input.gates, ledger, runId: run.runId }, ctx);
  const dependency = input.redisProxy
    ? buildDependencySummary({ stats: input.redisProxy, run, ledger, gates: input.gates }, ctx)
    : null;
  // A fault phase is judged by what a correct connector can promise there (reports/phase-judging.ts):
  // while Redis is broken, failing closed (5xx) is the promise, so its lost/duplicates gates judge those seconds.
  // Redis faults count only when they reached the target (some command went through the proxy).
  const judging = judgingByPhase(run.phases, dependency && dependency.commands > 0 ? dependency : null);
  // Every phase has a kind in the verdict model (reports/judge/verdict-model.ts, docs/verdicts.md).
  const kinds = classifyPhases(run.phases, judging, redisLatencyPhases(dependency));
  const judged = withoutExemptPhaseErrors(run, judging);
  // …and samples a phase judges against its own threshold (or not at all) leave the whole-run gates.
  const steady = withoutFaultPhaseLatency(judged.run, ledger, judging, kinds);
  const unambiguous = withoutCutClaims(run, ledger, input.redisProxy, reconciliation);
  const gates = [
    ...evaluateGates(
      { ...gateInput, run: steady.run, ledger: steady.ledger, reconciliation: unambiguous.reconciliation },
      ctx,
    ).map((g) =>
      g.id === 'error-rate'
        ? { ...g, note: g.note + judged.note }
        : g.id === 'lost'
          ? { ...g, note: g.note + unambiguous.note }
          : g.id === 'ack-p99' || g.id === 'reply-p99' || g.id === 'dedupe-p99'
            ? { ...g, note: g.note + (steady.notes[g.id] ?? '') }
            : g,
    ),
    ...(supervised?.gates ?? []),
  ];
  const phaseGates = evaluatePhaseGates(
    { ...gateInput, run: judged.run, judging, kinds, wireByPhase: input.redisProxy?.dedupe.latencyByPhase },
    ctx,
  );
  const durationS = Math.max(0, (Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000);
  const load = measureLoad(run.timeline, run.counters, durationS);
  const ack = mergeLatency(run.ack);
  const tolerances = baselineTolerancesSchema.parse(input.tolerances ?? {});
  const baseline = input.baseline
    ? compareBaseline({ scenario: run.scenario, gates, load }, input.baseline, tolerances)
    : null;
  const failing =
    gates.some(isFailing) ||
    phaseGates.some((p) => p.gates.some(isFailing)) ||
    (dependency?.phases.some((p) => p.gates.some(isFailing)) ?? false) ||
    (baseline?.metrics.some((m) => m.verdict === 'regressed') ?? false);
  const c = run.counters;
  const loadDelivery = judgeLoadDelivery(c, failing ? 'fail' : 'pass');
  const errors = tallyErrors(c);
  const timeline = downsampleTimeline(run.timeline);
  const startedAtMs = Date.parse(run.startedAt);
  const seriesSpan = { resolutionS: timeline.resolutionS, seconds: run.timeline.length };
  const replyTimeline = buildReplyTimeline(ledger?.replyBySecond, startedAtMs, seriesSpan);
  const faultTimeline = buildFaultTimeline(
    { graph: ledger?.faultsBySecond, redis: input.redisProxy?.faultsBySecond },
    startedAtMs,
    seriesSpan,
  );
  const lateCopies = describeLateHorizon(
    run,
    gates.find((g) => g.id === 'duplicates'),
  );
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    kind: 'summary',
    runId: run.runId,
    scenario: run.scenario,
    engine: run.engine,
    status: run.status,
    abortReason: run.abortReason,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    durationS,
    load,
    ...(loadDelivery ? { loadDelivery } : {}),
    gates,
    phaseGates,
    ...(lateCopies ? { lateCopies } : {}),
    info: describeMetaGuidance(ack),
    counters: c,
    errors: {
      errors: errors.errors,
      attempts: errors.attempts,
      status3xx: c.status3xx,
      status4xx: Math.max(0, c.status4xx - c.forgedRejected),
      status5xx: c.status5xx,
      timeouts: c.timeouts,
      connectionErrors: c.connectionErrors,
      dropped: c.dropped,
    },
    latency: {
      ack: ack?.stats ?? null,
      dedupe: mergeLatency(run.dedupe)?.stats ?? null,
      reply: (ledger && mergeLatency([ledger.latency.reply])?.stats) ?? null,
      read: (ledger && mergeLatency([ledger.latency.read])?.stats) ?? null,
    },
    reconciliation,
    ledger: describeLedger(ledger),
    timeline,
    phases: run.phases,
    ...(replyTimeline && { replyTimeline }),
    ...(faultTimeline && { faultTimeline }),
    dependency,
    baseline,
    ...(supervised && { supervised: supervised.summary }),
    ...decide(run.status, failing, loadDelivery),
  };
}

/** The process exit code for a summary: 0 pass, 99 a gate failed, 3 aborted or load not delivered. */
export function exitCodeFor(summary: Pick<Summary, 'status' | 'exitCode'>): 0 | 99 | 3 {
  return summary.status === 'aborted' ? 3 : summary.exitCode;
}
