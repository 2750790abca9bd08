import type { Gates, LedgerStats, RedisProxyStats } from '../../common/contracts/index.ts';
import { pickCounters } from '../../scenarios/model/index.ts';
import type { DependencyPhase, DependencySummary } from '../schema/dependency-schema.ts';
import type { Reconciliation } from '../schema/summary-schema.ts';
import { judgeGate, notMeasuredGate, type GateContext } from './gate-result.ts';
import { mergeLatency } from './latency-stats.ts';
import type { MergedRun } from './merge-run-records.ts';
import { reconcilePhase, seqRangesByPhase } from './reconcile-by-phase.ts';

/** The per-phase webhooks block: its field name → the run record's counter. */
const PHASE_WEBHOOKS = {
  attempts: 'sent',
  ok: 'status2xx',
  status5xx: 'status5xx',
  timeouts: 'timeouts',
  connectionErrors: 'connectionErrors',
  redeliveries: 'redeliveries',
} as const;

const fmtS = (s: number) => (s >= 3600 ? `${+(s / 3600).toFixed(2)} h` : `${+s.toFixed(1)} s`);

function judgeTtl(stats: RedisProxyStats): DependencySummary['ttl'] {
  const t = stats.dedupe.ttl;
  const base = { minTtlS: t.minTtlS, minS: t.minS, maxS: t.maxS };
  const window = `Meta's redelivery window (${fmtS(t.minTtlS)}, configurable as the profile's redis.minTtlS)`;
  if (t.belowMinimum > 0) {
    return {
      ...base,
      verdict: 'short',
      note: `${t.belowMinimum} dedupe keys were set with a TTL of ${fmtS(t.minS ?? 0)} or more but below ${window}: a redelivery after the key expired is processed again.`,
    };
  }
  if (t.withTtl > 0)
    return {
      ...base,
      verdict: 'ok',
      note: `${t.withTtl} dedupe keys set with TTL ${fmtS(t.minS ?? 0)}–${fmtS(t.maxS ?? 0)}, at least ${window}.`,
    };
  if (t.withoutTtl > 0)
    return {
      ...base,
      verdict: 'missing',
      note: `${t.withoutTtl} dedupe keys were set without EX/PX (SETNX or SET NX alone): unless an EXPIRE follows, they never expire and Redis fills up.`,
    };
  return {
    ...base,
    verdict: 'unknown',
    note: 'No dedupe key with a visible TTL went over the wire (EVAL scripts pass it as an argument the proxy cannot read).',
  };
}

function describeBehaviour(p: Omit<DependencyPhase, 'behaviour' | 'gates'>): string[] {
  const out: string[] = [];
  const failed = p.webhooks.status5xx + p.webhooks.timeouts + p.webhooks.connectionErrors;
  if (failed > 0) {
    const how = [
      p.webhooks.status5xx && `${p.webhooks.status5xx} with 5xx`,
      p.webhooks.timeouts && `${p.webhooks.timeouts} timed out`,
      p.webhooks.connectionErrors && `${p.webhooks.connectionErrors} connection errors`,
    ]
      .filter(Boolean)
      .join(', ');
    out.push(
      `Failed closed on ${failed} webhooks (${how}) and Meta redelivered (${p.webhooks.redeliveries} redeliveries sent in this phase).`,
    );
  }
  if (p.messagesAcked > 0 && p.dedupeAnswered < p.messagesAcked * 0.5) {
    out.push(
      `Acknowledged ${p.messagesAcked} inbound messages while Redis answered only ${p.dedupeAnswered} dedupe commands: it decided without Redis (skipped dedupe or fell back to another store).`,
    );
  }
  if (p.ambiguousLost) {
    out.push(
      `Lost ${p.ambiguousLost} messages whose claim Redis ran while the reply was cut: the redelivery found its own claim and was taken for a duplicate (ambiguous, not gated; releasing the claim when a store call fails closes this).`,
    );
  }
  if (p.lost)
    out.push(
      `Acknowledged and lost: ${p.lost} messages first sent in this phase were answered 200 but never processed.`,
    );
  if (p.duplicates)
    out.push(
      `Answered twice: ${p.duplicates} extra side effects for messages first sent in this phase (a fallback store that did not know what Redis knew, or the reverse).`,
    );
  if (p.lost === 0 && p.duplicates === 0)
    out.push(
      failed > 0
        ? 'Nothing lost, nothing answered twice: the fail-closed promise held.'
        : 'Nothing lost, nothing answered twice.',
    );
  if (p.lost === null)
    out.push('Lost and duplicates per phase need per-message acks (Node engine); see the whole-run gates.');
  return out;
}

/**
 * What the target did during each dependency fault, judged with the lost and duplicates gates
 * restricted to the messages first sent in that phase. Pure: stats in, summary section out.
 */
export function buildDependencySummary(
  input: { stats: RedisProxyStats; run: MergedRun; ledger: LedgerStats | undefined; gates: Gates },
  ctx: GateContext,
): DependencySummary {
  const { stats, run, ledger, gates } = input;
  const faultsByPhase = new Map<string, Record<string, number>>();
  for (const [key, n] of Object.entries(stats.faults)) {
    const cut = key.lastIndexOf('/');
    const phase = key.slice(0, cut);
    faultsByPhase.set(phase, { ...faultsByPhase.get(phase), [key.slice(cut + 1)]: n });
  }
  const ranges = seqRangesByPhase(run.phases, run.countersByPhase);
  const cut = new Set(stats.dedupe.cutClaimSeqs);
  const phases: DependencyPhase[] = [];
  for (const [phase, faults] of faultsByPhase) {
    const window = run.phases.find((p) => p.name === phase);
    const c = run.countersByPhase[phase];
    const range = ranges.get(phase);
    const all = range ? reconcilePhase(run, ledger, range) : undefined;
    // A claim Redis ran while its reply was cut cannot be told from "seen" on redelivery: such a
    // loss is ambiguous (like the ledger's after-commit duplicates), shown apart, not gated.
    const r = range && all ? reconcilePhase(run, ledger, range, cut) : undefined;
    const ambiguousLost = all && r ? Math.max(0, all.lost - r.lost) : 0;
    const base = {
      phase,
      startS: window?.startS ?? null,
      endS: window?.endS ?? null,
      faults,
      webhooks: pickCounters(c, PHASE_WEBHOOKS),
      dedupeAnswered: stats.dedupe.latencyByPhase[phase]?.count ?? 0,
      messagesAcked: c?.inboundMessagesAcked ?? 0,
      lost: r ? r.lost : null,
      ambiguousLost,
      duplicates: r ? r.duplicateReplies.genuine + r.duplicateReads.genuine : null,
    };
    const source = 'ledger (messages first sent in this phase)';
    const phaseGates = r
      ? [
          judgeGate(
            'lost',
            {
              observed: r.lost,
              threshold: gates.lostMessages,
              unit: 'count',
              source,
              note: `${r.lost} of ${r.ackedMessages} acknowledged messages got no reply.${ambiguousLost ? ` Not counted: ${ambiguousLost} lost after a claim Redis ran but whose reply was cut (ambiguous).` : ''}`,
            },
            ctx,
          ),
          judgeGate(
            'duplicates',
            {
              observed: base.duplicates ?? 0,
              threshold: gates.duplicateSideEffects,
              unit: 'count',
              source,
              note: `Extra replies ${r.duplicateReplies.genuine}, extra read receipts ${r.duplicateReads.genuine}.`,
            },
            ctx,
          ),
        ]
      : [];
    phases.push({ ...base, behaviour: describeBehaviour(base), gates: phaseGates });
  }
  if (stats.commands.total === 0) phases.push(...unreachedPhases(run, faultsByPhase, gates, ctx));
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

const UNREACHED =
  'No Redis command reached the proxy all run: the target never used it (its Redis client points elsewhere, or it has no Redis), so these faults were never injected. Point the target at the proxy URL (--redis-proxy-port fixes it).';

/**
 * The profile's Redis fault phases of a run in which no command reached the proxy: their lost and
 * duplicates gates read "not measured" (failing the run unless allowed), never pass.
 */
function unreachedPhases(
  run: MergedRun,
  seen: ReadonlyMap<string, unknown>,
  gates: Gates,
  ctx: GateContext,
): DependencyPhase[] {
  return run.phases
    .filter((w) => w.judge?.sources.includes('redis') && !seen.has(w.name))
    .map((w) => ({
      phase: w.name,
      startS: w.startS,
      endS: w.endS,
      faults: {},
      webhooks: pickCounters(run.countersByPhase[w.name], PHASE_WEBHOOKS),
      dedupeAnswered: 0,
      messagesAcked: run.countersByPhase[w.name]?.inboundMessagesAcked ?? 0,
      lost: null,
      ambiguousLost: 0,
      duplicates: null,
      behaviour: [UNREACHED],
      gates: [
        notMeasuredGate('lost', { threshold: gates.lostMessages, unit: 'count', note: UNREACHED }, ctx),
        notMeasuredGate('duplicates', { threshold: gates.duplicateSideEffects, unit: 'count', note: UNREACHED }, ctx),
      ],
    }));
}

/**
 * The reconciliation the whole-run lost gate judges: messages whose claim Redis ran while the
 * proxy cut the reply are ambiguous (the target could not know it claimed them) and named apart.
 */
export function withoutCutClaims(
  run: MergedRun,
  ledger: LedgerStats | undefined,
  stats: RedisProxyStats | undefined,
  reconciliation: Reconciliation | null,
): { reconciliation: Reconciliation | null; note: string } {
  const cut = new Set(stats?.dedupe.cutClaimSeqs ?? []);
  if (!reconciliation || cut.size === 0) return { reconciliation, note: '' };
  const clear = reconcilePhase(run, ledger, [0, Number.MAX_SAFE_INTEGER], cut);
  if (!clear) return { reconciliation, note: '' };
  const ambiguous = Math.max(0, reconciliation.lost - clear.lost);
  return {
    reconciliation: { ...reconciliation, lost: clear.lost },
    note: ambiguous
      ? ` Not counted: ${ambiguous} lost after a Redis claim whose reply the proxy cut (ambiguous; see Dependency faults).`
      : '',
  };
}
