import type { PhaseJudge, PhaseWindow } from '../../common/contracts/index.ts';
import type { DependencySummary } from '../schema/dependency-schema.ts';
import type { PhaseKind } from './verdict-model.ts';

const isFault = (kind: PhaseKind | undefined) => kind === 'graph-fault' || kind === 'redis-fault';

/** Phases in which the Redis proxy injected latency and nothing else. */
export function redisLatencyPhases(dependency: DependencySummary | null): Set<string> {
  const faults = dependency?.phases ?? [];
  return new Set(
    faults
      .filter((p) => Object.keys(p.faults).length && Object.keys(p.faults).every((k) => k === 'latency'))
      .map((p) => p.phase),
  );
}

/**
 * The verdict model's kind of every phase (reports/judge/verdict-model.ts): a fault phase by the
 * source it breaks (Redis wins when a phase breaks both), a phase of Redis latency alone, the
 * first fault-free phase after a fault phase as recovery, the rest healthy. Pure.
 */
export function classifyPhases(
  phases: readonly PhaseWindow[],
  judging: ReadonlyMap<string, PhaseJudge>,
  redisLatency: ReadonlySet<string> = new Set(),
): Map<string, PhaseKind> {
  const out = new Map<string, PhaseKind>();
  let previous: PhaseKind | undefined;
  for (const w of [...phases].sort((a, b) => a.startS - b.startS)) {
    const j = judging.get(w.name);
    const kind: PhaseKind = j?.fault
      ? j.sources.includes('redis')
        ? 'redis-fault'
        : 'graph-fault'
      : redisLatency.has(w.name)
        ? 'redis-latency'
        : isFault(previous)
          ? 'recovery'
          : 'healthy';
    out.set(w.name, kind);
    previous = kind;
  }
  return out;
}

/**
 * The back-to-back fault phases that end with `phase`, when `phase` is the last of them and a
 * fault-free phase follows: recovery is judged once, after the last fault of a run of faults.
 */
export function faultChainEndingAt(
  phases: readonly PhaseWindow[],
  kinds: ReadonlyMap<string, PhaseKind>,
  phase: string,
): { chain: PhaseWindow[]; next: PhaseWindow } | undefined {
  const sorted = [...phases].sort((a, b) => a.startS - b.startS);
  const i = sorted.findIndex((w) => w.name === phase);
  const next = sorted[i + 1];
  if (i < 0 || !next || !isFault(kinds.get(phase)) || isFault(kinds.get(next.name))) return undefined;
  let first = i;
  while (first > 0 && isFault(kinds.get(sorted[first - 1]?.name ?? ''))) first--;
  return { chain: sorted.slice(first, i + 1), next };
}
