import { LEDGER_FLAG, type LedgerStats } from '../../common/contracts/index.ts';
import {
  PHASE_RECOVERY_S,
  type Counters,
  type PhaseJudge,
  type PhaseWindow,
  type TimelinePoint,
} from '../../common/contracts/index.ts';
import type { Gates } from '../../common/contracts/index.ts';
import { decodeBytes } from '../../common/node/index.ts';
import type { DependencySummary } from '../schema/dependency-schema.ts';
import { judgeGate, type GateContext } from './gate-result.ts';
import { mergeLatency } from './latency-stats.ts';
import { mergeHistograms } from './merge-ledger-stats.ts';
import type { MergedRun } from './merge-run-records.ts';
import { reconcilePhase, seqRangesByPhase } from './reconcile-by-phase.ts';
import type { GateResult } from '../schema/summary-schema.ts';

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
  dependency: DependencySummary | null,
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

/** Messages first sent in `range` whose send the target repeated after a do-not-retry Graph error. */
function retriedInRange(ledger: LedgerStats, runId: string, [lo, hi]: [number, number]): number {
  const run = ledger.runs.find((r) => r.runId === runId);
  if (!run) return 0;
  const flags = decodeBytes(run.flags);
  let n = 0;
  for (let seq = lo; seq < Math.min(hi, flags.length); seq++)
    if ((flags[seq] ?? 0) & LEDGER_FLAG.retriedNonRetryable) n++;
  for (const [seq, , , , f] of run.extraParts) if (seq >= lo && seq < hi && f & LEDGER_FLAG.retriedNonRetryable) n++;
  return n;
}

/**
 * The promise gates of a fault phase: lost and duplicates among messages first sent in it (per
 * message acks: Node engine), retries of do-not-retry errors, and recovery (replies to messages
 * sent in the next phase from recoveryS after this one ended meet the reply SLO). A Redis fault
 * phase's lost and duplicates are the dependency section's.
 */
export function evaluateFaultPhaseGates(
  input: { run: MergedRun; ledger: LedgerStats | undefined; gates: Gates; phase: string; judge: PhaseJudge },
  ctx: GateContext,
): GateResult[] {
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
    const retried = retriedInRange(ledger, run.runId, range);
    out.push(
      judgeGate(
        'non-retryable-retries',
        {
          observed: retried,
          threshold: g.nonRetryableRetries,
          unit: 'count',
          source,
          note: `${retried} messages whose send was repeated after a do-not-retry Graph error.`,
        },
        ctx,
      ),
    );
  }
  const recovery = recoveryGate(input, ctx);
  if (recovery) out.push(recovery);
  return out;
}

function recoveryGate(
  input: { run: MergedRun; ledger: LedgerStats | undefined; gates: Gates; phase: string; judge: PhaseJudge },
  ctx: GateContext,
): GateResult | undefined {
  const { run, ledger, phase, judge } = input;
  const windows = [...run.phases].sort((a, b) => a.startS - b.startS);
  const i = windows.findIndex((w) => w.name === phase);
  const window = windows[i];
  const next = windows[i + 1];
  const part = next && ledger?.latency.replyByPhase[next.name];
  const merged = part && window ? mergeLatency([part]) : undefined;
  if (!merged || !window || !next || !ledger) return undefined;
  const fromS = window.endS + judge.recoveryS;
  const settling = mergeLatency([ledger.latency.replySettlingByPhase?.[next.name]].filter((h) => h !== undefined));
  const settlingNote = settling
    ? ` ${settling.stats.count} replies to messages sent while recovering (p99 ${fmtS(settling.stats.p99Ms / 1000)}) are not judged.`
    : '';
  const note = `Replies to messages sent from ${fmtS(fromS)} (${fmtS(judge.recoveryS)} after ${phase} ended) in ${next.name}: ${merged.stats.count} samples.${settlingNote}`;
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
 * The run and ledger as the whole-run latency gates should see them: ack and reply latency of
 * messages sent in phases with `latency: 'off'` (and, for replies, within their recovery time)
 * left out, since those phases are judged by their own promise gates. Unchanged without such phases.
 */
export function withoutFaultPhaseLatency(
  run: MergedRun,
  ledger: LedgerStats | undefined,
  judging: ReadonlyMap<string, PhaseJudge>,
): { run: MergedRun; ledger: LedgerStats | undefined; note: string } {
  const off = run.phases.filter((w) => judging.get(w.name)?.latency === 'off').map((w) => w.name);
  if (!off.length) return { run, ledger, note: '' };
  const kept = run.phases.filter((w) => !off.includes(w.name)).map((w) => w.name);
  const ack = kept.flatMap((name) => run.ackByPhase[name] ?? []);
  const replies = ledger
    ? kept.flatMap((name) => (ledger.latency.replyByPhase[name] ? [ledger.latency.replyByPhase[name]] : []))
    : [];
  const note = ` Messages sent in the fault phases (${off.join(', ')}) and within their recovery time are judged by those phases' gates.`;
  return {
    run: ack.length ? { ...run, ack } : run,
    ledger:
      ledger && replies.length
        ? { ...ledger, latency: { ...ledger.latency, reply: mergeHistograms(replies) } }
        : ledger,
    note,
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
