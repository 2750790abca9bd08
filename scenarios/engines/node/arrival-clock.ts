import type { LoadProfile } from '../../../common/contracts/index.ts';
import { arrivalsBy, plannedArrivals } from '../../model/index.ts';

/**
 * The open-model clock: arrival n is due when the integral of the target rate reaches n, whatever
 * the target is doing. Between two polls the rate is taken as constant, so the intended send time
 * of each arrival is interpolated exactly even when the event loop was late.
 */
export class ArrivalClock {
  readonly total: number;
  private issued = 0;
  private lastMs = 0;
  private lastN = 0;

  constructor(private readonly load: LoadProfile) {
    // The same count the run record calls planned: the clock issues exactly the plan.
    this.total = plannedArrivals(load, 'completed', 0);
  }

  get done(): boolean {
    return this.issued >= this.total;
  }

  /** Hands every arrival due by `nowMs` (ms from the start) to `emit` with its intended time. */
  advance(nowMs: number, emit: (index: number, intendedMs: number) => void): void {
    const nowN = arrivalsBy(this.load, nowMs / 1000);
    while (this.issued < this.total && this.issued <= nowN) {
      const n = this.issued++;
      const span = nowN - this.lastN;
      const intended = span > 0 ? this.lastMs + ((n - this.lastN) / span) * (nowMs - this.lastMs) : nowMs;
      emit(n, Math.min(nowMs, Math.max(this.lastMs, intended)));
    }
    this.lastMs = nowMs;
    this.lastN = nowN;
  }
}
