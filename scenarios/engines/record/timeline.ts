import { Histogram } from '../../../common/core/index.ts';
import { pickCounters } from '../../model/index.ts';
import type { TimelinePoint } from '../../../common/contracts/index.ts';

/** Outcome classes the per-second timeline counts. */
export type TimelineOutcome = 'ok' | 'clientErrors' | 'serverErrors' | 'timeouts' | 'connectionErrors';

/** The counts a slot keeps, in the order a TimelinePoint lists them. */
const SLOT_COUNTS = ['sent', 'ok', 'clientErrors', 'serverErrors', 'timeouts', 'connectionErrors', 'dropped'] as const;

interface Slot {
  second: number;
  sent: number;
  ok: number;
  clientErrors: number;
  serverErrors: number;
  timeouts: number;
  connectionErrors: number;
  dropped: number;
  latency: Histogram;
}

/**
 * The per-second timeline, bounded in memory: outcomes are filed under the second of the
 * attempt's INTENDED send time; a ring of open seconds (as many as an attempt can stay
 * unanswered) is summarised into a TimelinePoint once no attempt of that second can still settle.
 */
export class Timeline {
  private readonly ring: Slot[];
  private readonly points: TimelinePoint[] = [];
  private nextToClose = 0;
  private highest = -1;

  constructor(
    private readonly openSeconds: number,
    private readonly targetRateOf: (second: number) => number,
  ) {
    this.ring = Array.from({ length: openSeconds + 1 }, () => emptySlot(-1));
  }

  countSent(second: number): void {
    const slot = this.slotFor(second);
    if (slot) slot.sent++;
  }

  countDropped(second: number): void {
    const slot = this.slotFor(second);
    if (slot) slot.dropped++;
  }

  countOutcome(second: number, outcome: TimelineOutcome, latencyUs: number | undefined): void {
    const slot = this.slotFor(second);
    if (!slot) return;
    slot[outcome]++;
    if (latencyUs !== undefined) slot.latency.recordUs(latencyUs);
  }

  /** Summarises every second up to and including `second`. */
  closeThrough(second: number): void {
    while (this.nextToClose <= second) {
      const index = this.nextToClose % this.ring.length;
      const slot = this.ring[index] as Slot;
      this.points.push(
        summarise(
          this.nextToClose,
          slot.second === this.nextToClose ? slot : undefined,
          this.targetRateOf(this.nextToClose),
        ),
      );
      if (slot.second === this.nextToClose) resetSlot(slot, -1);
      this.nextToClose++;
    }
  }

  /** Closes every second seen so far (at least `minSeconds`) and returns the points. */
  finish(minSeconds: number): TimelinePoint[] {
    this.closeThrough(Math.max(this.highest, minSeconds - 1));
    return this.points;
  }

  private slotFor(second: number): Slot | undefined {
    if (second < this.nextToClose) return undefined;
    if (second >= this.nextToClose + this.ring.length) this.closeThrough(second - this.ring.length);
    const slot = this.ring[second % this.ring.length] as Slot;
    if (slot.second !== second) resetSlot(slot, second);
    if (second > this.highest) this.highest = second;
    return slot;
  }
}

function emptySlot(second: number): Slot {
  return {
    second,
    sent: 0,
    ok: 0,
    clientErrors: 0,
    serverErrors: 0,
    timeouts: 0,
    connectionErrors: 0,
    dropped: 0,
    latency: new Histogram(),
  };
}

function resetSlot(slot: Slot, second: number): void {
  slot.second = second;
  slot.sent =
    slot.ok =
    slot.clientErrors =
    slot.serverErrors =
    slot.timeouts =
    slot.connectionErrors =
    slot.dropped =
      0;
  if (slot.latency.count) slot.latency.reset();
}

function summarise(t: number, slot: Slot | undefined, targetRate: number): TimelinePoint {
  const h = slot?.latency;
  return {
    t,
    targetRate,
    ...pickCounters(slot, SLOT_COUNTS),
    p50Ms: h ? h.percentileMs(50) : 0,
    p90Ms: h ? h.percentileMs(90) : 0,
    p99Ms: h ? h.percentileMs(99) : 0,
    maxMs: h ? h.max / 1000 : 0,
  };
}
