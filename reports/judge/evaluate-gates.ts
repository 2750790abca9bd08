import { droppedByK6, K6_DROPPED } from './dropped-cause.ts';
import type { HistogramData, LedgerStats, Counters, Gates } from '../../common/contracts/index.ts';
import type { PromDedupe, WireDedupe } from './dedupe-source.ts';
import { tallyErrors } from '../../scenarios/model/index.ts';
import { evaluateCallsGates } from './calls-gates.ts';
import { evaluateDedupeGate } from './dedupe-gate.ts';
import { countRetriedNonRetryable } from './retried-non-retryable.ts';
import { diagnoseRefusedSignature } from './signature-diagnosis.ts';
import { describeLostCauses } from './lost-causes.ts';
import { judgeGate, notMeasuredGate, type GateContext } from './gate-result.ts';
import { mergeLatency } from './latency-stats.ts';
import type { MergedRun } from './merge-run-records.ts';
import type { GateResult, PhaseGates, Reconciliation } from '../schema/summary-schema.ts';
import type { PhaseJudge } from '../../common/contracts/index.ts';
import { evaluateFaultPhaseGates, judgeOf } from './phase-judging.ts';
import { classifyPhases } from './phase-kinds.ts';
import { thresholdOf, type PhaseKind } from './verdict-model.ts';

export interface GateInput {
  run: MergedRun;
  ledger: LedgerStats | undefined;
  reconciliation: Reconciliation | null;
  gates: Gates;
  promDedupe: PromDedupe;
  /** From the Redis proxy, when the run had one. */
  wireDedupe?: WireDedupe;
}

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

function latencyGate(
  id: 'ack-p99' | 'reply-p99',
  parts: readonly HistogramData[],
  threshold: number,
  source: string,
  ctx: GateContext,
): GateResult | undefined {
  const merged = mergeLatency(parts);
  if (!merged) return undefined;
  const note = merged.stats.exact
    ? `${merged.stats.count} samples.`
    : `${merged.stats.count} samples; p99 is the worst instance's (k6 percentiles cannot be merged exactly).`;
  return judgeGate(id, { observed: round(merged.stats.p99Ms), threshold, unit: 'ms', source, note }, ctx);
}

function errorRateGate(c: Counters, threshold: number, ctx: GateContext, engineName = 'node'): GateResult | undefined {
  const t = tallyErrors(c);
  if (t.rate === null) return undefined;
  const cause = droppedByK6(engineName)
    ? `${K6_DROPPED} are not counted: raise WA_VUS or maxInFlight, or lower the rate.`
    : 'dropped by the harness (maxInFlight reached) are not counted: raise maxInFlight or lower the rate.';
  const dropped = c.dropped ? ` ${c.dropped} deliveries ${cause}` : '';
  const forged =
    t.forgedFailed > 0
      ? ` ${t.forgedFailed} forged or unsigned attempts answered neither 401/403 nor 2xx (counted as errors).`
      : '';
  const refused = diagnoseRefusedSignature(c);
  const note = `${refused ? `${refused} ` : ''}${t.errors} errors in ${t.attempts} attempts (${c.status3xx ? `3xx ${c.status3xx} (redirects, not followed), ` : ''}4xx ${Math.max(0, c.status4xx - c.forgedRejected)}, 5xx ${c.status5xx}, timeouts ${c.timeouts}, connection errors ${c.connectionErrors}).${forged}${dropped}`;
  return judgeGate(
    'error-rate',
    { observed: round(t.rate * 100, 4), threshold: round(threshold * 100, 4), unit: '%', source: 'run-record', note },
    ctx,
  );
}

function dedupeGate(input: GateInput, ctx: GateContext): GateResult {
  return evaluateDedupeGate(
    { dedupe: input.run.dedupe, ack: input.run.ack, promDedupe: input.promDedupe, wireDedupe: input.wireDedupe },
    input.gates,
    ctx,
  );
}

function reconciliationGates(input: GateInput, ctx: GateContext): GateResult[] {
  const g = input.gates;
  const r = input.reconciliation;
  if (!r) {
    const note = input.ledger ? 'The ledger has no data for this run.' : 'No ledger stats from the mock Graph API.';
    return [
      notMeasuredGate('duplicates', { threshold: g.duplicateSideEffects, unit: 'count', note }, ctx),
      notMeasuredGate('lost', { threshold: g.lostMessages, unit: 'count', note }, ctx),
    ];
  }
  const dupNote =
    `Extra replies: ${r.duplicateReplies.genuine}; extra read receipts: ${r.duplicateReads.genuine}.` +
    (r.duplicateReplies.ambiguous + r.duplicateReads.ambiguous
      ? ` Not counted (ambiguous, after an after-commit fault the target could not see): ${r.duplicateReplies.ambiguous + r.duplicateReads.ambiguous}.`
      : '');
  const causes = describeLostCauses(r, input.ledger, input.run.counters);
  const lostObserved = causes.reduce((n, cause) => n + cause.count, 0);
  const refused = lostObserved > 0 ? diagnoseRefusedSignature(input.run.counters) : undefined;
  const lostNote =
    (refused ? `${refused} ` : '') +
    (causes.length ? `Why: ${causes.map((cause) => cause.text).join('; ')}. ` : '') +
    `${r.lost} of ${r.ackedMessages} acknowledged messages got no reply${r.estimate ? ' (estimate: the engine reported only a count of acked messages)' : ''}.` +
    (r.rejectedNotLost ? ` ${r.rejectedNotLost} rejected by Graph with a do-not-retry error, not lost.` : '') +
    (r.unacked.messages
      ? ` ${r.unacked.replies} side effects for ${r.unacked.messages} unacknowledged deliveries.`
      : '');
  return [
    judgeGate(
      'duplicates',
      {
        observed: r.duplicateReplies.genuine + r.duplicateReads.genuine,
        threshold: g.duplicateSideEffects,
        unit: 'count',
        source: 'ledger',
        note: dupNote,
      },
      ctx,
    ),
    judgeGate(
      'lost',
      {
        observed: lostObserved,
        threshold: g.lostMessages,
        unit: 'count',
        source: r.estimate ? 'ledger+run-record (estimate)' : 'ledger+run-record',
        note: lostNote,
      },
      ctx,
    ),
  ];
}

function forgedGate(c: Counters, threshold: number, r: Reconciliation | null, ctx: GateContext): GateResult {
  const side = r?.unacked.messages
    ? ` The ledger saw ${r.unacked.replies} side effects for unacknowledged deliveries.`
    : '';
  const note = `${c.forgedSent} forged or unsigned deliveries sent, ${c.forgedRejected} rejected.${side}`;
  return judgeGate(
    'forged-accepted',
    { observed: c.forgedAccepted, threshold, unit: 'count', source: 'run-record', note },
    ctx,
  );
}

/** A phase's reply gate says which replies it left to the recovery window of the fault phase before it. */
function withSettlingNote(gate: GateResult | undefined, settling: HistogramData | undefined): GateResult | undefined {
  const s = settling && mergeLatency([settling]);
  if (!gate || !s) return gate;
  return {
    ...gate,
    note: `${gate.note} ${s.stats.count} replies to messages sent within the recovery time of the fault phase before are not judged (see its recovery gate).`,
  };
}

function nonRetryableGate(input: GateInput, ctx: GateContext): GateResult {
  const threshold = input.gates.nonRetryableRetries;
  if (!input.ledger)
    return notMeasuredGate(
      'non-retryable-retries',
      { threshold, unit: 'count', note: 'No ledger stats from the mock Graph API.' },
      ctx,
    );
  const { retried, reprocessed } = countRetriedNonRetryable(input.ledger, input.run.runId);
  const twice = reprocessed
    ? ` Not counted: ${reprocessed} messages whose other side effects were repeated too (processed twice: see duplicates).`
    : '';
  return judgeGate(
    'non-retryable-retries',
    {
      observed: retried,
      threshold,
      unit: 'count',
      source: 'ledger',
      note: `Messages whose send was repeated after Graph answered a do-not-retry code (100, 131008, 131026, …).${twice}`,
    },
    ctx,
  );
}

/** Evaluates every gate over the whole run, in the order of the summary's gate table. */
export function evaluateGates(input: GateInput, ctx: GateContext): GateResult[] {
  const g = input.gates;
  const noAck = 'No webhook was acknowledged, so there is no ack latency.';
  const out: GateResult[] = [
    latencyGate('ack-p99', input.run.ack, g.ackP99Ms, 'run-record', ctx) ??
      notMeasuredGate('ack-p99', { threshold: g.ackP99Ms, unit: 'ms', note: noAck }, ctx),
    errorRateGate(input.run.counters, g.errorRate, ctx, input.run.engine.name) ??
      notMeasuredGate(
        'error-rate',
        { threshold: g.errorRate * 100, unit: '%', note: 'No non-forged webhook was sent.' },
        ctx,
      ),
    dedupeGate(input, ctx),
    (input.ledger && latencyGate('reply-p99', [input.ledger.latency.reply], g.replyP99Ms, 'ledger', ctx)) ||
      notMeasuredGate(
        'reply-p99',
        {
          threshold: g.replyP99Ms,
          unit: 'ms',
          note: !input.ledger
            ? 'No ledger stats from the mock Graph API.'
            : input.ledger.uncorrelated
              ? `The mock saw ${input.ledger.uncorrelated} sends it could not tie to a message of this run (see lost).`
              : 'The mock saw no reply.',
        },
        ctx,
      ),
    ...reconciliationGates(input, ctx),
    forgedGate(input.run.counters, g.forgedAccepted, input.reconciliation, ctx),
    nonRetryableGate(input, ctx),
    ...evaluateCallsGates(
      {
        calls: input.run.connectCalls ?? null,
        ledger: input.ledger,
        answerMs: g.callsAnswerMs,
        unansweredThreshold: g.callsUnanswered,
      },
      ctx,
    ),
  ];
  return out;
}

/** A threshold note for a gate whose threshold carries the Redis round trip of its phase. */
function wireNote(gate: GateResult | undefined | false, base: number, threshold: number): GateResult | undefined {
  if (!gate) return undefined;
  if (threshold === base) return gate;
  const extra = round(threshold - base);
  return {
    ...gate,
    note: `${gate.note} Threshold ${base} ms + ${extra} ms: the p99 of one dedupe round trip the Redis proxy timed on the wire in this phase (the latency it injected).`,
  };
}

/**
 * The same gates per chaos phase, wherever per-phase data exists (a phase with no samples has
 * no verdict rather than a "not measured" one: the whole-run gate already covers measurement).
 * Which gate is judged in which kind of phase, and against what, is the verdict model's.
 */
export function evaluatePhaseGates(
  input: GateInput & {
    judging?: ReadonlyMap<string, PhaseJudge>;
    kinds?: ReadonlyMap<string, PhaseKind>;
    /** Dedupe round trips the Redis proxy timed on the wire, by phase. */
    wireByPhase?: Readonly<Record<string, HistogramData>>;
  },
  ctx: GateContext,
): PhaseGates[] {
  const { run, ledger, gates: g } = input;
  const judging = input.judging ?? new Map<string, PhaseJudge>();
  const kinds = input.kinds ?? classifyPhases(run.phases, judging);
  const names = new Set([
    ...run.phases.map((p) => p.name),
    ...Object.keys(run.ackByPhase),
    ...Object.keys(run.countersByPhase),
    ...Object.keys(run.dedupeByPhase),
    ...Object.keys(ledger?.latency.replyByPhase ?? {}),
  ]);
  const out: PhaseGates[] = [];
  for (const phase of names) {
    const window = run.phases.find((p) => p.name === phase);
    const counters = run.countersByPhase[phase];
    const dedupe = mergeLatency(run.dedupeByPhase[phase] ?? []);
    const replyPart = ledger?.latency.replyByPhase[phase];
    const judge = judgeOf(judging, phase);
    const kind = kinds.get(phase) ?? 'healthy';
    const wire = input.wireByPhase?.[phase] && mergeLatency([input.wireByPhase[phase]]);
    const at = { judge, redisWireP99Ms: wire ? wire.stats.p99Ms : 0 };
    const ackT = thresholdOf('ack-p99', kind, g, at);
    const errorT = thresholdOf('error-rate', kind, g, at);
    const dedupeT = thresholdOf('dedupe-p99', kind, g, at);
    const replyT = thresholdOf('reply-p99', kind, g, at);
    const gates = [
      ackT !== undefined &&
        wireNote(latencyGate('ack-p99', run.ackByPhase[phase] ?? [], ackT, 'run-record', ctx), g.ackP99Ms, ackT),
      counters && errorT !== undefined && errorRateGate(counters, errorT, ctx, input.run.engine.name),
      dedupe &&
        dedupeT !== undefined &&
        wireNote(
          judgeGate(
            'dedupe-p99',
            {
              observed: round(dedupe.stats.p99Ms),
              threshold: dedupeT,
              unit: 'ms',
              source: 'server-timing',
              note: `${dedupe.stats.count} samples.`,
            },
            ctx,
          ),
          g.dedupeP99Ms,
          dedupeT,
        ),
      replyPart &&
        replyT !== undefined &&
        withSettlingNote(
          latencyGate('reply-p99', [replyPart], replyT, 'ledger', ctx),
          ledger?.latency.replySettlingByPhase?.[phase],
        ),
      ...(judge.fault ? evaluateFaultPhaseGates({ run, ledger, gates: g, phase, judge, judging, kinds }, ctx) : []),
      counters && counters.forgedSent > 0 ? forgedGate(counters, g.forgedAccepted, null, ctx) : undefined,
    ].filter((x): x is GateResult => Boolean(x));
    const judged = judging.get(phase);
    if (gates.length)
      out.push({
        phase,
        startS: window?.startS ?? null,
        endS: window?.endS ?? null,
        gates,
        ...(judged ? { judge: judged } : {}),
      });
  }
  return out;
}
