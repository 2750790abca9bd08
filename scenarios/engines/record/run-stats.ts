import { Histogram } from '../../../common/core/index.ts';
import { BitSet } from '../../../common/node/index.ts';
import type {
  Counters,
  LoadProfile,
  MeasuredCounter,
  PhaseWindow,
  RunRecord,
} from '../../../common/contracts/index.ts';
import {
  arrivalsBy,
  createCounters,
  OUTCOME_COUNTER,
  phaseAt,
  sentCounters,
  type AttemptJudgement,
  type AttemptOutcome,
  type AttemptRole,
} from '../../model/index.ts';
import { Timeline, type TimelineOutcome } from './timeline.ts';

const TIMELINE_CLASS: Record<AttemptOutcome, TimelineOutcome> = {
  ok: 'ok',
  // The timeline has one column for answered non-2xx below 500.
  redirect: 'clientErrors',
  'client-error': 'clientErrors',
  'server-error': 'serverErrors',
  timeout: 'timeouts',
  'connection-error': 'connectionErrors',
};

interface PhaseStats {
  counters: Counters;
  ack: Histogram;
  dedupe: Histogram;
}

/** Acked connect call ids kept for the calls gates (the rest are counted as overflow). */
export const MAX_CONNECT_CALLS = 20_000;

/**
 * Everything a run measures, in bounded memory: counters and HDR histograms overall and by
 * chaos phase, the per-second timeline, and the acknowledged inbound seqs as a bit set.
 * No per-request rows are kept. Both engines fill it; buildRunRecord turns it into the record.
 */

export class RunStats {
  readonly counters = createCounters();
  readonly ack = new Histogram();
  readonly dedupe = new Histogram();
  readonly schedulingLag = new Histogram();
  readonly acked = new BitSet();
  readonly multiPart: [number, number][] = [];
  /** Acked calls `connect` webhooks: call id → intended send ms (bounded by MAX_CONNECT_CALLS). */
  readonly connectCalls = new Map<string, number>();
  connectCallsOverflow = 0;
  /** Late copies sent, and the largest delay among those whose delivery was acknowledged first (the verified dedupe horizon). */
  readonly lateCopies = { sent: 0, maxDelayMsAfterAck: null as number | null };
  readonly timeline: Timeline;
  /** Answers 429 from the target (inside status4xx too): kept apart so a limiter is not mistaken for connector errors. */
  rateLimitedByTarget = 0;
  private readonly byPhase = new Map<string, PhaseStats>();

  constructor(
    private readonly phases: readonly PhaseWindow[],
    openSeconds: number,
    load: LoadProfile,
  ) {
    this.timeline = new Timeline(openSeconds, (second) => targetRateOfSecond(load, second));
    for (const phase of phases) this.phaseStats(phase.name);
  }

  /** Phase of an intended send time (ms from the run start). */
  phaseOf(relMs: number): string | undefined {
    return this.phases.length ? phaseAt(this.phases, relMs / 1000) : undefined;
  }

  count(field: MeasuredCounter, phase: string | undefined, by = 1): void {
    this.counters[field] += by;
    if (phase !== undefined) this.phaseStats(phase).counters[field] += by;
  }

  /** An attempt left: sent (+ redeliveries / duplicatesSent), the timeline, the scheduling lag. */
  countSent(relMs: number, phase: string | undefined, role: AttemptRole, lagMs: number): void {
    for (const field of sentCounters(role)) this.count(field, phase);
    this.timeline.countSent(Math.floor(relMs / 1000));
    this.schedulingLag.recordMs(lagMs);
  }

  /** An attempt refused for lack of capacity: a first attempt is a dropped arrival, any other a dropped copy. */
  countDropped(relMs: number, phase: string | undefined, role: AttemptRole): void {
    this.count(role === 'first' ? 'dropped' : 'copiesDropped', phase);
    this.timeline.countDropped(Math.floor(relMs / 1000));
  }

  /** Files an answered (or timed-out) attempt as the load core judged it; latency is from its intended send time. */
  countJudged(
    relMs: number,
    phase: string | undefined,
    verdict: AttemptJudgement,
    latencyMs: number | undefined,
    dedupeMs: number | undefined,
  ): void {
    for (const field of verdict.counters) this.count(field, phase);
    const latencyUs = latencyMs === undefined ? undefined : latencyMs * 1000;
    this.timeline.countOutcome(Math.floor(relMs / 1000), TIMELINE_CLASS[verdict.outcome], latencyUs);
    const stats = phase === undefined ? undefined : this.phaseStats(phase);
    if (latencyUs !== undefined) {
      this.ack.recordUs(latencyUs);
      stats?.ack.recordUs(latencyUs);
    }
    if (dedupeMs !== undefined) {
      this.dedupe.recordMs(dedupeMs);
      stats?.dedupe.recordMs(dedupeMs);
    }
  }

  /** An attempt known only by its outcome class (k6's samples): its counter, the timeline, the ack latency. */
  countOutcome(relMs: number, phase: string | undefined, outcome: AttemptOutcome, latencyMs: number | undefined): void {
    this.count(OUTCOME_COUNTER[outcome], phase);
    const latencyUs = latencyMs === undefined ? undefined : latencyMs * 1000;
    this.timeline.countOutcome(Math.floor(relMs / 1000), TIMELINE_CLASS[outcome], latencyUs);
    if (latencyUs !== undefined) {
      this.ack.recordUs(latencyUs);
      if (phase !== undefined) this.phaseStats(phase).ack.recordUs(latencyUs);
    }
  }

  /** A Server-Timing dedupe figure reported on its own (k6 samples carry it apart from the outcome). */
  countDedupe(phase: string | undefined, dedupeMs: number): void {
    this.dedupe.recordMs(dedupeMs);
    if (phase !== undefined) this.phaseStats(phase).dedupe.recordMs(dedupeMs);
  }

  /** A signed delivery with inbound messages was acknowledged; counted once per seq. */
  countAcked(seq: number, wamidParts: number, phase: string | undefined): void {
    if (wamidParts === 0 || this.acked.has(seq)) return;
    this.acked.add(seq);
    if (wamidParts > 1) this.multiPart.push([seq, wamidParts]);
    this.count('inboundMessagesAcked', phase, wamidParts);
  }

  /** A signed delivery carrying calls `connect` events was acknowledged: first ack per call id. */
  countConnectCallsAcked(callIds: readonly string[], intendedMs: number): void {
    for (const callId of callIds) {
      if (this.connectCalls.has(callId)) continue;
      if (this.connectCalls.size >= MAX_CONNECT_CALLS) this.connectCallsOverflow++;
      else this.connectCalls.set(callId, Math.round(intendedMs));
    }
  }

  /** The run record's `callsConnect` (absent when no connect call was acknowledged). */
  callsConnectRecord(): Pick<RunRecord, 'callsConnect'> {
    return this.connectCalls.size || this.connectCallsOverflow
      ? { callsConnect: { acked: [...this.connectCalls], overflow: this.connectCallsOverflow } }
      : {};
  }

  /** A late copy left `delayMs` after its delivery's first attempt; `acked`: the delivery was acknowledged before. */
  countLateCopy(delayMs: number, acked: boolean): void {
    this.lateCopies.sent++;
    if (acked)
      this.lateCopies.maxDelayMsAfterAck = Math.max(this.lateCopies.maxDelayMsAfterAck ?? 0, Math.round(delayMs));
  }

  phaseEntries(): [string, PhaseStats][] {
    return [...this.byPhase.entries()];
  }

  private phaseStats(name: string): PhaseStats {
    let stats = this.byPhase.get(name);
    if (!stats) {
      stats = { counters: createCounters(), ack: new Histogram(), dedupe: new Histogram() };
      this.byPhase.set(name, stats);
    }
    return stats;
  }
}

/** Expected deliveries in second `second` of a profile (the timeline's targetRate). */
export function targetRateOfSecond(load: LoadProfile, second: number): number {
  return arrivalsBy(load, second + 1) - arrivalsBy(load, second);
}
