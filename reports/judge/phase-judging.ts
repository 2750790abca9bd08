import { LEDGER_FLAG, type LedgerStats } from '../../common/contracts/index.ts';
import {
  PHASE_RECOVERY_S,
  type Counters,
  type PhaseJudge,
  type PhaseWindow,
  type TimelinePoint,
} from '../../common/contracts/index.ts';
import type { Gates } from '../../common/contracts/index.ts';
import type { DependencySummary } from '../schema/dependency-schema.ts';
import { judgeGate, type GateContext } from './gate-result.ts';
import { mergeLatency } from './latency-stats.ts';
import { replyGateLatency } from './reply-gate-population.ts';
import type { MergedRun } from './merge-run-records.ts';
import { reconcilePhase, seqRangesByPhase } from './reconcile-by-phase.ts';
import type { GateResult } from '../schema/summary-schema.ts';
import { classifyPhases, faultChainEndingAt } from './phase-kinds.ts';
import { countRetriedNonRetryable } from './retried-non-retryable.ts';
import { feedsWholeRun, type ModelGate, type PhaseKind } from './verdict-model.ts';

/**
 * One mechanism for every fault phase, Graph or Redis: a fault phase is judged by what a correct
 * connector can promise there (nothing lost, nothing answered twice, no retry of a do-not-retry
 * error, back at the SLO within recoveryS after it ends), not by the steady-state SLO. Pure.
 */

const HEALTHY: PhaseJudge = { fault: false, latency: 'slo', errorRate: 'slo', recoveryS: 0, sources: [] };
/** The Redis proxy's chaos clock starts with the mock's, a little before the engine's first send. */
export const CLOCK_LEAD_S = 1;
const fmtS = (s: number) => `${+s.toFixed(1)} s`;

/**
 * How each phase is judged: the run record's windows (the profile's judge, defaults filled in),
 * where Redis faults count only when the Redis proxy ran (the dependency summary), plus the
 * dependency summary's fault phases for records written before phases carried a judge.
 */
export function judgingByPhase(
  phases: readonly PhaseWindow[],
  dependency: Pick<DependencySummary, 'phases'> | null,
): Map<string, PhaseJudge> {
  const out = new Map<string, PhaseJudge>();
  for (const w of phases) {
    const j = w.judge;
    if (!j) continue;
    if (dependency || !j.sources.includes('redis')) out.set(w.name, j);
    else if (j.sources.includes('graph')) out.set(w.name, { ...j, errorRate: 'slo', sources: ['graph'] });
    // Redis faults without the proxy were never injected: the phase is healthy.
  }
  for (const d of dependency?.phases ?? []) {
    if (out.has(d.phase) || !Object.keys(d.faults).some((k) => k !== 'latency')) continue;
    out.set(d.phase, {
      fault: true,
      latency: 'off',
      errorRate: 'off',
      recoveryS: PHASE_RECOVERY_S.redis,
      sources: ['redis'],
    });
  }
  return out;
}

export const judgeOf = (judging: ReadonlyMap<string, PhaseJudge>, phase: string): PhaseJudge =>
  judging.get(phase) ?? HEALTHY;

export interface FaultPhaseInput {
  run: MergedRun;
  ledger: LedgerStats | undefined;
  gates: Gates;
  phase: string;
  judge: PhaseJudge;
  judging: ReadonlyMap<string, PhaseJudge>;
  kinds: ReadonlyMap<string, PhaseKind>;
}

/**
 * The promise gates of a fault phase: lost and duplicates among messages first sent in it (per
 * message acks: Node engine), retries of do-not-retry errors, and, on the last of back-to-back
 * fault phases, recovery (replies to messages sent in the next phase once the recovery time has
 * passed meet the reply SLO). A Redis fault phase's lost and duplicates are the dependency section's.
 */
export function evaluateFaultPhaseGates(input: FaultPhaseInput, ctx: GateContext): GateResult[] {
  const { run, ledger, gates: g, phase, judge } = input;
  const out: GateResult[] = [];
  const range = seqRangesByPhase(run.phases, run.countersByPhase).get(phase);
  const source = 'ledger (messages first sent in this phase)';
  if (range && !judge.sources.includes('redis')) {
    const r = reconcilePhase(run, ledger, range);
    if (r) {
      out.push(
        judgeGate(
          'lost',
          {
            observed: r.lost,
            threshold: g.lostMessages,
            unit: 'count',
            source,
            note: `${r.lost} of ${r.ackedMessages} acknowledged messages first sent in this phase got no reply.`,
          },
          ctx,
        ),
      );
      const dups = r.duplicateReplies.genuine + r.duplicateReads.genuine;
      out.push(
        judgeGate(
          'duplicates',
          {
            observed: dups,
            threshold: g.duplicateSideEffects,
            unit: 'count',
            source,
            note: `Extra replies ${r.duplicateReplies.genuine}, extra read receipts ${r.duplicateReads.genuine}.`,
          },
          ctx,
        ),
      );
    }
  }
  if (range && ledger) {
    const { retried, reprocessed } = countRetriedNonRetryable(ledger, run.runId, range);
    out.push(
      judgeGate(
        'non-retryable-retries',
        {
          observed: retried,
          threshold: g.nonRetryableRetries,
          unit: 'count',
          source,
          note: `${retried} messages whose send was repeated after a do-not-retry Graph error.${reprocessed ? ` Not counted: ${reprocessed} processed twice (see duplicates).` : ''}`,
        },
        ctx,
      ),
    );
  }
  const recovery = recoveryGate(input, ctx);
  if (recovery) out.push(recovery);
  return out;
}

function recoveryGate(input: FaultPhaseInput, ctx: GateContext): GateResult | undefined {
  const { run, ledger, phase, judging, kinds } = input;
  const found = faultChainEndingAt(run.phases, kinds, phase);
  const part = found && ledger?.latency.replyByPhase[found.next.name];
  const merged = part ? mergeLatency([part]) : undefined;
  if (!found || !merged || !ledger) return undefined;
  const { chain, next } = found;
  // The mock files replies to messages sent within any fault phase's recovery time as settling, so
  // the next phase's replies are those sent once the last recovery time of the chain has passed.
  const fromS = Math.max(...chain.map((w) => w.endS + judgeOf(judging, w.name).recoveryS));
  const settling = mergeLatency([ledger.latency.replySettlingByPhase?.[next.name]].filter((h) => h !== undefined));
  const settlingNote = settling
    ? ` ${settling.stats.count} replies to messages sent while recovering (p99 ${fmtS(settling.stats.p99Ms / 1000)}) are not judged.`
    : '';
  const after =
    chain.length > 1
      ? `after the last of the back-to-back fault phases ${chain.map((w) => w.name).join(', ')} ended`
      : `after ${phase} ended`;
  const note = `Replies to messages sent from ${fmtS(fromS)} (${fmtS(fromS - (chain.at(-1)?.endS ?? 0))} ${after}) in ${next.name}: ${merged.stats.count} samples.${settlingNote}`;
  return judgeGate(
    'recovery',
    {
      observed: Number(merged.stats.p99Ms.toFixed(3)),
      threshold: input.gates.replyP99Ms,
      unit: 'ms',
      source: 'ledger',
      note,
    },
    ctx,
  );
}

/**
 * The run and ledger as the whole-run latency gates should see them (reports/judge/verdict-model.ts):
 * ack, dedupe and reply samples of the phases judged at the plain configured gate. Phases where a
 * gate is not judged (reply in a fault phase) or has its own threshold (ack and dedupe under Redis
 * latency) are judged by their phase gates. Unchanged without phases or per-phase samples.
 */
export function withoutFaultPhaseLatency(
  run: MergedRun,
  ledger: LedgerStats | undefined,
  judging: ReadonlyMap<string, PhaseJudge>,
  kinds: ReadonlyMap<string, PhaseKind> = classifyPhases(run.phases, judging),
): { run: MergedRun; ledger: LedgerStats | undefined; note: string; notes: Partial<Record<ModelGate, string>> } {
  const apart = (gate: ModelGate) =>
    run.phases
      .filter((w) => !feedsWholeRun(gate, kinds.get(w.name) ?? 'healthy', judging.get(w.name)))
      .map((w) => w.name);
  const kept = (gate: ModelGate) => run.phases.map((w) => w.name).filter((name) => !apart(gate).includes(name));
  const pick = <T>(byPhase: Record<string, T[]>, gate: ModelGate): T[] =>
    kept(gate).flatMap((name) => byPhase[name] ?? []);
  const ack = apart('ack-p99').length ? pick(run.ackByPhase, 'ack-p99') : [];
  const dedupe = apart('dedupe-p99').length ? pick(run.dedupeByPhase, 'dedupe-p99') : [];
  const say = (gate: ModelGate, what: string) =>
    apart(gate).length ? ` ${what} in ${apart(gate).join(', ')} are judged by those phases' gates.` : '';
  const notes: Partial<Record<ModelGate, string>> = {
    'ack-p99': say('ack-p99', 'Acks of attempts sent under Redis latency'),
    'dedupe-p99': say('dedupe-p99', 'Dedupe timings'),
    'reply-p99': apart('reply-p99').length
      ? ` Messages sent in the fault phases (${apart('reply-p99').join(', ')}) and within their recovery time are judged by those phases' gates.`
      : '',
  };
  return {
    run: { ...run, ...(ack.length ? { ack } : {}), ...(dedupe.length ? { dedupe } : {}) },
    ledger: ledger && {
      ...ledger,
      latency: { ...ledger.latency, reply: replyGateLatency(ledger, run.phases, judging, kinds) },
    },
    note: notes['reply-p99'] ?? '',
    notes,
  };
}

function subtractSeconds(
  c: Counters,
  timeline: readonly TimelinePoint[],
  seconds: ReadonlySet<number>,
  fromS = 0,
  toS = Infinity,
): { counters: Counters; failed: number } {
  const out = { ...c };
  let failed = 0;
  for (const p of timeline) {
    if (!seconds.has(p.t) || p.t < fromS || p.t >= toS) continue;
    const answered = p.ok + p.serverErrors + p.timeouts + p.connectionErrors;
    out.sent = Math.max(0, out.sent - answered);
    out.status2xx = Math.max(0, out.status2xx - p.ok);
    out.status5xx = Math.max(0, out.status5xx - p.serverErrors);
    out.timeouts = Math.max(0, out.timeouts - p.timeouts);
    out.connectionErrors = Math.max(0, out.connectionErrors - p.connectionErrors);
    failed += p.serverErrors + p.timeouts + p.connectionErrors;
  }
  return { counters: out, failed };
}

/**
 * The run as the error-rate gates should see it when phases have `errorRate: 'off'` (a Redis
 * fault: a fail-closed connector answers 5xx by design and Meta redelivers): the seconds of each
 * such phase, from CLOCK_LEAD_S before to its recoveryS after, are judged by the phase's lost and
 * duplicates gates instead. Only the error-rate inputs move.
 */
export function withoutExemptPhaseErrors(
  run: MergedRun,
  judging: ReadonlyMap<string, PhaseJudge>,
): { run: MergedRun; note: string } {
  const exempt = run.phases.filter((w) => judging.get(w.name)?.errorRate === 'off');
  if (!exempt.length) return { run, note: '' };
  const seconds = new Set<number>();
  for (const w of exempt)
    for (let t = Math.floor(w.startS - CLOCK_LEAD_S); t < Math.ceil(w.endS + judgeOf(judging, w.name).recoveryS); t++)
      seconds.add(t);
  const whole = subtractSeconds(run.counters, run.timeline, seconds);
  // The phase right after a fault counts with it: the redelivery schedule and the reconnect run into it.
  const faultAndNext = new Set<string>();
  for (const w of exempt) {
    faultAndNext.add(w.name);
    const i = run.phases.findIndex((p) => p.name === w.name);
    const next = i >= 0 ? run.phases[i + 1] : undefined;
    if (next) faultAndNext.add(next.name);
  }
  const countersByPhase = { ...run.countersByPhase };
  for (const w of run.phases) {
    const c = countersByPhase[w.name];
    if (!c) continue;
    countersByPhase[w.name] = faultAndNext.has(w.name)
      ? {
          ...c,
          status5xx: 0,
          timeouts: 0,
          connectionErrors: 0,
          sent: Math.max(0, c.sent - c.status5xx - c.timeouts - c.connectionErrors),
        }
      : subtractSeconds(c, run.timeline, seconds, w.startS, w.endS).counters;
  }
  const names = exempt.map((p) => p.name).join(', ');
  const recoveries = [...new Set(exempt.map((w) => judgeOf(judging, w.name).recoveryS))].join('/');
  // A fail-closed answer during the fault is the promise, and Meta keeps redelivering for days:
  // a delivery whose compressed redelivery schedule ran out inside such a phase is not lost.
  const exhaustedInFaults = [...faultAndNext].reduce(
    (n, name) => n + (run.countersByPhase[name]?.redeliveriesExhausted ?? 0),
    0,
  );
  whole.counters.redeliveriesExhausted = Math.max(0, whole.counters.redeliveriesExhausted - exhaustedInFaults);
  const exhaustedNote = exhaustedInFaults
    ? ` ${exhaustedInFaults} deliveries whose redeliveries ran out during those phases (or the phase right after) are not counted as lost (Meta would keep redelivering).`
    : '';
  const kind = exempt.every((w) => judgeOf(judging, w.name).sources.includes('redis'))
    ? 'Redis-fault phases'
    : 'fault phases with errorRate off';
  return {
    run: { ...run, counters: whole.counters, countersByPhase },
    note: ` Attempts during the ${kind} (${names}) from ${CLOCK_LEAD_S} s before to ${recoveries} s after each are left out (${whole.failed} failed): ${kind === 'Redis-fault phases' ? 'the dependency gates judge them' : 'their lost and duplicates gates judge them'}.${exhaustedNote}`,
  };
}
