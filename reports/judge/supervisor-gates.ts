import { LEDGER_FLAG, type LedgerStats, supervisedGatesSchema, type Gates } from '../../common/contracts/index.ts';
import type { DrillResult, Supervised } from '../../common/contracts/index.ts';
import { BitSet, decodeBytes } from '../../common/node/index.ts';
import { summarizeHealth, summarizeResources } from '../../targets/supervisor/index.ts';
import { judgeGate, notMeasuredGate, type GateContext } from './gate-result.ts';
import type { SupervisedSummary } from './supervised-summary.ts';
import type { GateResult } from '../schema/summary-schema.ts';

interface LedgerView {
  replies: Uint8Array;
  flags: Uint8Array;
}

function ledgerView(ledger: LedgerStats | undefined, runId: string): LedgerView | undefined {
  const run = ledger?.runs.find((r) => r.runId === runId);
  return run && { replies: decodeBytes(run.replies), flags: decodeBytes(run.flags) };
}

/** Acked seqs with no reply (and no do-not-retry rejection), and re-acked seqs replied to twice. */
function judgeDrill(d: DrillResult, view: LedgerView | undefined): SupervisedSummary['drills'][number] {
  const acked = BitSet.decode(d.acked);
  const reacked = BitSet.decode(d.reackedLater);
  let unprocessed = 0;
  let twice = 0;
  if (view) {
    for (const seq of acked.values())
      if (!(view.replies[seq] ?? 0) && !((view.flags[seq] ?? 0) & LEDGER_FLAG.rejected)) unprocessed++;
    for (const seq of reacked.values())
      if ((view.replies[seq] ?? 0) > 1 && !((view.flags[seq] ?? 0) & LEDGER_FLAG.ambiguous)) twice++;
  }
  const { acked: _a, reackedLater: _r, ...rest } = d;
  return {
    ...rest,
    ackedMessages: acked.size(),
    unprocessed: view ? unprocessed : null,
    reackedLater: reacked.size(),
    answeredTwice: view ? twice : null,
  };
}

const downsample = <T>(xs: readonly T[], max: number): T[] =>
  xs.length <= max ? [...xs] : xs.filter((_, i) => i % Math.ceil(xs.length / max) === 0);

/**
 * The supervised target's gates (memory, growth, health, log hygiene, drills) and its summary
 * section, from the run record's `supervised` field and the ledger. Pure.
 */
export function evaluateSupervised(
  sup: Supervised,
  input: { gates: Gates; ledger: LedgerStats | undefined; runId: string },
  ctx: GateContext,
): { gates: GateResult[]; summary: SupervisedSummary } {
  const g = supervisedGatesSchema.parse(input.gates.supervised ?? {});
  const resources = summarizeResources(sup.resources.samples, { warmupS: g.warmupS, minWindowS: g.growthMinWindowS });
  const health = summarizeHealth(sup.health.probes, g.healthTimeoutMs);
  const view = ledgerView(input.ledger, input.runId);
  const drills = sup.drills.map((d) => judgeDrill(d, view));
  const gates: GateResult[] = [];
  const noLedger = 'No ledger stats from the mock Graph API.';

  gates.push(
    resources.peakRssMb === null
      ? notMeasuredGate('peak-rss', { threshold: g.peakRssMb, unit: 'MB', note: sup.resources.note }, ctx)
      : judgeGate(
          'peak-rss',
          {
            observed: resources.peakRssMb,
            threshold: g.peakRssMb,
            unit: 'MB',
            source: 'procfs',
            note: `Largest single instance, ${resources.samples} samples; all ${sup.instances.length} instance(s) together peaked at ${resources.peakTotalRssMb} MB. CPU of all instances: mean ${resources.meanCpuPct} %, peak ${resources.peakCpuPct} % of one core.`,
          },
          ctx,
        ),
  );
  if (resources.growthMbPer10Min !== null) {
    gates.push(
      judgeGate(
        'rss-growth',
        {
          observed: resources.growthMbPer10Min,
          threshold: g.rssGrowthMbPer10Min,
          unit: 'MB/10min',
          source: 'procfs',
          note: `Least-squares slope over ${resources.growthWindowS} s after a ${g.warmupS} s warm-up.`,
        },
        ctx,
      ),
    );
  }
  gates.push(
    health.probes === 0
      ? notMeasuredGate(
          'health',
          {
            threshold: g.healthFailures,
            unit: 'count',
            note: `No health probe of ${sup.healthPath} was taken during the load.`,
          },
          ctx,
        )
      : judgeGate(
          'health',
          {
            observed: health.failures,
            threshold: g.healthFailures,
            unit: 'count',
            source: 'health-probes',
            note: `${health.ok} of ${health.probes} probes of ${sup.healthPath} answered 2xx within ${g.healthTimeoutMs} ms (availability ${health.availabilityPct} %, p50 ${health.p50Ms} ms, p99 ${health.p99Ms} ms, max ${health.maxMs} ms).`,
          },
          ctx,
        ),
  );
  const kinds = Object.entries(sup.logs.byKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  gates.push(
    judgeGate(
      'log-hygiene',
      {
        observed: sup.logs.hits,
        threshold: g.logHygieneHits,
        unit: 'count',
        source: 'target-logs',
        note: `${sup.logs.linesScanned} log lines scanned for ${Object.entries(sup.logs.needles)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}${kinds ? `; hits: ${kinds}` : ''}.`,
      },
      ctx,
    ),
  );

  const drains = drills.filter((d) => d.kind === 'drain');
  if (drains.length) {
    const unprocessed = drains.reduce((a, d) => a + (d.unprocessed ?? 0), 0);
    const acked = drains.reduce((a, d) => a + d.ackedMessages, 0);
    gates.push(
      view
        ? judgeGate(
            'drain-unprocessed',
            {
              observed: unprocessed,
              threshold: g.drainUnprocessed,
              unit: 'count',
              source: 'balancer+ledger',
              note: `${unprocessed} of ${acked} messages acknowledged by the drained instance got no reply; after SIGTERM it answered ${drains.map((d) => `${d.answeredAfterSignal.ok} 2xx / ${d.answeredAfterSignal.notOk} non-2xx`).join(', ')}.`,
            },
            ctx,
          )
        : notMeasuredGate('drain-unprocessed', { threshold: g.drainUnprocessed, unit: 'count', note: noLedger }, ctx),
    );
    const threshold = g.drainTimeMs ?? sup.drainTimeoutS * 1000;
    const worst = Math.max(...drains.map((d) => d.exitMs ?? Infinity));
    const killed = drains.some((d) => d.killedAfterTimeout);
    gates.push(
      Number.isFinite(worst)
        ? judgeGate(
            'drain-time',
            {
              observed: worst,
              threshold,
              unit: 'ms',
              source: 'supervisor',
              note: killed
                ? `The drain timeout passed and SIGKILL followed.`
                : `SIGTERM → exit (${drains.map((d) => d.exit).join(', ')}).`,
            },
            ctx,
          )
        : notMeasuredGate(
            'drain-time',
            { threshold, unit: 'ms', note: 'The drained instance had not exited when the run ended.' },
            ctx,
          ),
    );
  }
  const restarts = drills.filter((d) => d.kind === 'restart');
  if (restarts.length) {
    const lost = restarts.reduce((a, d) => a + (d.unprocessed ?? 0), 0);
    const twice = restarts.reduce((a, d) => a + (d.answeredTwice ?? 0), 0);
    const acked = restarts.reduce((a, d) => a + d.ackedMessages, 0);
    const reacked = restarts.reduce((a, d) => a + d.reackedLater, 0);
    if (view) {
      gates.push(
        judgeGate(
          'restart-lost',
          {
            observed: lost,
            threshold: g.restartLost,
            unit: 'count',
            source: 'balancer+ledger',
            note: `${lost} of ${acked} messages acknowledged by the killed instance got no reply.`,
          },
          ctx,
        ),
      );
      gates.push(
        judgeGate(
          'restart-duplicates',
          {
            observed: twice,
            threshold: g.restartDuplicates,
            unit: 'count',
            source: 'balancer+ledger',
            note: `${reacked} messages delivered before the SIGKILL were acknowledged again after the restart; ${twice} of them were replied to twice. Back online after ${restarts.map((d) => d.replacementReadyMs).join(', ')} ms.`,
          },
          ctx,
        ),
      );
    } else {
      gates.push(notMeasuredGate('restart-lost', { threshold: g.restartLost, unit: 'count', note: noLedger }, ctx));
      gates.push(
        notMeasuredGate('restart-duplicates', { threshold: g.restartDuplicates, unit: 'count', note: noLedger }, ctx),
      );
    }
  }
  const summary: SupervisedSummary = {
    command: sup.command,
    replicas: sup.replicas,
    instancesStarted: sup.instances.length,
    envNames: sup.envNames,
    resources: {
      available: sup.resources.available,
      note: sup.resources.note,
      ...resources,
      series: downsample(sup.resources.samples, 600).map(({ t, rssMb, cpuPct }) => ({ t, rssMb, cpuPct })),
    },
    health: { timeoutMs: g.healthTimeoutMs, ...health },
    logs: sup.logs,
    drills,
    deaths: sup.deaths,
  };
  return { gates, summary };
}
