import type { LedgerStats } from '../contracts/ledger-stats.ts';
import type { RedisProxyStats } from '../contracts/redis-proxy-stats.ts';
import type { Counters, TimelinePoint } from '../contracts/run-record.ts';
import type { Gates } from '../contracts/scenario.ts';
import type { DependencyPhase, DependencySummary } from './dependency-schema.ts';
import { judgeGate, type GateContext } from './gate-result.ts';
import { mergeLatency } from './latency-stats.ts';
import type { MergedRun } from './merge-run-records.ts';
import { reconcilePhase, seqRangesByPhase } from './reconcile-by-phase.ts';

const fmtS = (s: number) => (s >= 3600 ? `${+(s / 3600).toFixed(2)} h` : `${+s.toFixed(1)} s`);

function judgeTtl(stats: RedisProxyStats): DependencySummary['ttl'] {
  const t = stats.dedupe.ttl;
  const base = { minTtlS: t.minTtlS, minS: t.minS, maxS: t.maxS };
  const window = `Meta's redelivery window (${fmtS(t.minTtlS)}, configurable as the profile's redis.minTtlS)`;
  if (t.belowMinimum > 0) {
    return { ...base, verdict: 'short', note: `${t.belowMinimum} dedupe keys were set with a TTL of ${fmtS(t.minS ?? 0)} or more but below ${window}: a redelivery after the key expired is processed again.` };
  }
  if (t.withTtl > 0) return { ...base, verdict: 'ok', note: `${t.withTtl} dedupe keys set with TTL ${fmtS(t.minS ?? 0)}–${fmtS(t.maxS ?? 0)}, at least ${window}.` };
  if (t.withoutTtl > 0) return { ...base, verdict: 'missing', note: `${t.withoutTtl} dedupe keys were set without EX/PX (SETNX or SET NX alone): unless an EXPIRE follows, they never expire and Redis fills up.` };
  return { ...base, verdict: 'unknown', note: 'No dedupe key with a visible TTL went over the wire (EVAL scripts pass it as an argument the proxy cannot read).' };
}

function describeBehaviour(p: Omit<DependencyPhase, 'behaviour' | 'gates'>): string[] {
  const out: string[] = [];
  const failed = p.webhooks.status5xx + p.webhooks.timeouts + p.webhooks.connectionErrors;
  if (failed > 0) {
    const how = [p.webhooks.status5xx && `${p.webhooks.status5xx} with 5xx`, p.webhooks.timeouts && `${p.webhooks.timeouts} timed out`, p.webhooks.connectionErrors && `${p.webhooks.connectionErrors} connection errors`]
      .filter(Boolean)
      .join(', ');
    out.push(`Failed closed on ${failed} webhooks (${how}) and Meta redelivered (${p.webhooks.redeliveries} redeliveries sent in this phase).`);
  }
  if (p.messagesAcked > 0 && p.dedupeAnswered < p.messagesAcked * 0.5) {
    out.push(`Acknowledged ${p.messagesAcked} inbound messages while Redis answered only ${p.dedupeAnswered} dedupe commands: it decided without Redis (skipped dedupe or fell back to another store).`);
  }
  if (p.lost) out.push(`Acknowledged and lost: ${p.lost} messages first sent in this phase were answered 200 but never processed.`);
  if (p.duplicates) out.push(`Answered twice: ${p.duplicates} extra side effects for messages first sent in this phase (a fallback store that did not know what Redis knew, or the reverse).`);
  if (p.lost === 0 && p.duplicates === 0) out.push(failed > 0 ? 'Nothing lost, nothing answered twice: the fail-closed promise held.' : 'Nothing lost, nothing answered twice.');
  if (p.lost === null) out.push('Lost and duplicates per phase need per-message acks (Node engine); see the whole-run gates.');
  return out;
}

/**
 * What the target did during each dependency fault, judged with the lost and duplicates gates
 * restricted to the messages first sent in that phase. Pure: stats in, summary section out.
 */
export function buildDependencySummary(input: { stats: RedisProxyStats; run: MergedRun; ledger: LedgerStats | undefined; gates: Gates }, ctx: GateContext): DependencySummary {
  const { stats, run, ledger, gates } = input;
  const faultsByPhase = new Map<string, Record<string, number>>();
  for (const [key, n] of Object.entries(stats.faults)) {
    const cut = key.lastIndexOf('/');
    const phase = key.slice(0, cut);
    faultsByPhase.set(phase, { ...faultsByPhase.get(phase), [key.slice(cut + 1)]: n });
  }
  const ranges = seqRangesByPhase(run.phases, run.countersByPhase);
  const phases: DependencyPhase[] = [];
  for (const [phase, faults] of faultsByPhase) {
    const window = run.phases.find((p) => p.name === phase);
    const c = run.countersByPhase[phase];
    const range = ranges.get(phase);
    const r = range ? reconcilePhase(run, ledger, range) : undefined;
    const base = {
      phase,
      startS: window?.startS ?? null,
      endS: window?.endS ?? null,
      faults,
      webhooks: {
        attempts: c?.sent ?? 0,
        ok: c?.status2xx ?? 0,
        status5xx: c?.status5xx ?? 0,
        timeouts: c?.timeouts ?? 0,
        connectionErrors: c?.connectionErrors ?? 0,
        redeliveries: c?.redeliveries ?? 0,
      },
      dedupeAnswered: stats.dedupe.latencyByPhase[phase]?.count ?? 0,
      messagesAcked: c?.inboundMessagesAcked ?? 0,
      lost: r ? r.lost : null,
      duplicates: r ? r.duplicateReplies.genuine + r.duplicateReads.genuine : null,
    };
    const source = 'ledger (messages first sent in this phase)';
    const phaseGates = r
      ? [
          judgeGate('lost', { observed: r.lost, threshold: gates.lostMessages, unit: 'count', source, note: `${r.lost} of ${r.ackedMessages} acknowledged messages got no reply.` }, ctx),
          judgeGate('duplicates', { observed: base.duplicates ?? 0, threshold: gates.duplicateSideEffects, unit: 'count', source, note: `Extra replies ${r.duplicateReplies.genuine}, extra read receipts ${r.duplicateReads.genuine}.` }, ctx),
        ]
      : [];
    phases.push({ ...base, behaviour: describeBehaviour(base), gates: phaseGates });
  }
  phases.sort((a, b) => (a.startS ?? 0) - (b.startS ?? 0));
  return {
    kind: 'redis',
    upstream: stats.upstream,
    commands: stats.commands.total,
    connections: stats.connections,
    wireDedupe: mergeLatency([stats.dedupe.latency])?.stats ?? null,
    ttl: judgeTtl(stats),
    phases,
  };
}

/** Seconds after a Redis-fault phase during which a client is still reconnecting (node-redis backs off up to 1 s). */
export const RECONNECT_GRACE_S = 2;

function subtractSeconds(c: Counters, timeline: readonly TimelinePoint[], fromS: number, toS: number): { counters: Counters; failed: number } {
  const out = { ...c };
  let failed = 0;
  for (const p of timeline) {
    if (p.t < fromS || p.t >= toS) continue;
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
 * The run as the error-rate gates should see it when the Redis proxy injected faults: a
 * fail-closed connector answers 5xx while Redis is broken by design (Meta redelivers), so the
 * seconds of each Redis-fault phase, plus RECONNECT_GRACE_S after it, are judged by the
 * dependency gates (lost, duplicates) instead. Only the error-rate inputs move.
 */
export function withoutDependencyPhaseErrors(run: MergedRun, dependency: DependencySummary | null): { run: MergedRun; note: string } {
  if (!dependency?.phases.length) return { run, note: '' };
  let counters = run.counters;
  const countersByPhase = { ...run.countersByPhase };
  let excluded = 0;
  for (const d of dependency.phases) {
    if (d.startS === null || d.endS === null) continue;
    const [fromS, toS] = [d.startS, d.endS + RECONNECT_GRACE_S];
    const whole = subtractSeconds(counters, run.timeline, fromS, toS);
    counters = whole.counters;
    excluded += whole.failed;
    for (const w of run.phases) {
      const c = countersByPhase[w.name];
      if (c) countersByPhase[w.name] = subtractSeconds(c, run.timeline, Math.max(fromS, w.startS), Math.min(toS, w.endS)).counters;
    }
  }
  const names = dependency.phases.map((p) => p.phase).join(', ');
  return {
    run: { ...run, counters, countersByPhase },
    note: ` Attempts during the Redis-fault phases (${names}) and ${RECONNECT_GRACE_S} s after each are left out (${excluded} failed): the dependency gates judge them.`,
  };
}
