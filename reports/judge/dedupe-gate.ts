import type { Gates, HistogramData } from '../../common/contracts/index.ts';
import { judgeGate, notMeasuredGate, type GateContext } from './gate-result.ts';
import { mergeLatency } from './latency-stats.ts';
import type { PromDedupe, WireDedupe } from './dedupe-source.ts';
import type { GateResult } from '../schema/summary-schema.ts';

/** What the dedupe sources can read from one run. */
export interface DedupeEvidence {
  dedupe: readonly HistogramData[];
  ack: readonly HistogramData[];
  promDedupe: PromDedupe;
  /** Dedupe commands timed on the Redis wire by the harness's proxy (absent without one). */
  wireDedupe?: WireDedupe;
}

/** One way to measure dedupe overhead: a reading, or why it has none. */
export type DedupeReading = { p99Ms: number; source: string; note: string; estimate?: boolean } | { missing: string };
export type DedupeSource = (evidence: DedupeEvidence, gates: Gates) => DedupeReading;

const round = (x: number): number => Number(x.toFixed(3));

/**
 * The dedupe overhead sources, most direct first; the first with a reading decides. Add a source
 * (e.g. timings taken on the Redis wire) by inserting it here.
 */
export const DEDUPE_SOURCES: DedupeSource[] = [
  (e) => {
    const timing = mergeLatency(e.dedupe);
    return timing
      ? {
          p99Ms: timing.stats.p99Ms,
          source: 'server-timing',
          note: `${timing.stats.count} Server-Timing dedupe samples.`,
        }
      : { missing: 'no Server-Timing dedupe header' };
  },
  (e) =>
    'p99Ms' in e.promDedupe
      ? { p99Ms: e.promDedupe.p99Ms, source: 'prometheus', note: e.promDedupe.note }
      : { missing: e.promDedupe.missing },
  (e) => {
    if (!e.wireDedupe) return { missing: 'no Redis proxy timing dedupe commands on the wire (--redis-proxy)' };
    return 'p99Ms' in e.wireDedupe
      ? { p99Ms: e.wireDedupe.p99Ms, source: 'redis-wire', note: e.wireDedupe.note }
      : { missing: e.wireDedupe.missing };
  },
  (e, gates) => {
    // The only black-box fact: a dedupe check done before the ack cannot take longer than the
    // ack. Below the threshold that bound proves the gate; above it, it proves nothing.
    const ack = mergeLatency(e.ack);
    if (!ack) return { missing: 'no acknowledged deliveries to bound it by' };
    const bound = round(ack.stats.p99Ms);
    if (bound >= gates.dedupeP99Ms)
      return { missing: `the black-box upper bound (ack p99 ${bound} ms) is above the threshold, so it cannot decide` };
    return {
      p99Ms: bound,
      source: 'estimate',
      estimate: true,
      note: 'Estimate: upper bound = ack p99, valid if the target dedupes before acknowledging.',
    };
  },
];

/** Gates that, when nothing could measure them, warn instead of failing unless listed in gates.requireMeasured. */
export const OPTIONAL_WHEN_UNMEASURED = ['dedupe-p99'] as const;

/**
 * dedupe-p99: the first source with a reading. When none has one (a black-box target with a slow
 * ack), the gate is "not measured" as a warning, not a failure: a first-time user's bot should not
 * exit 99 on a number nobody measured. `gates.requireMeasured: ["dedupe-p99"]` makes it fail.
 */
export function evaluateDedupeGate(evidence: DedupeEvidence, gates: Gates, ctx: GateContext): GateResult {
  const threshold = gates.dedupeP99Ms;
  const missing: string[] = [];
  for (const source of DEDUPE_SOURCES) {
    const reading = source(evidence, gates);
    if ('missing' in reading) {
      missing.push(reading.missing);
      continue;
    }
    const why = missing.length ? `${capitalize(missing.join('; '))}. ` : '';
    return judgeGate(
      'dedupe-p99',
      { observed: round(reading.p99Ms), threshold, unit: 'ms', source: reading.source, note: why + reading.note },
      ctx,
    );
  }
  const required = (gates.requireMeasured ?? []).includes('dedupe-p99');
  const fix =
    'Send `Server-Timing: dedupe;dur=<ms>` on webhook answers or name a /metrics histogram in gates.dedupeMetric to measure it.';
  const allowNotMeasured = required
    ? ctx.allowNotMeasured.filter((id) => id !== 'dedupe-p99')
    : [...ctx.allowNotMeasured, 'dedupe-p99'];
  const gate = notMeasuredGate(
    'dedupe-p99',
    { threshold, unit: 'ms', note: `${capitalize(missing.join('; '))}. ${fix}` },
    { ...ctx, allowNotMeasured },
  );
  if (!required && !ctx.allowNotMeasured.includes('dedupe-p99'))
    gate.note = gate.note.replace(
      ' Allowed by gates.allowNotMeasured.',
      ' A warning, not a failure: set gates.requireMeasured: ["dedupe-p99"] to fail instead.',
    );
  return gate;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
