import type { Scenario } from '../../../common/contracts/index.ts';
import {
  attemptBytes,
  attemptPolicyOf,
  connectCallIds,
  deliveryCounters,
  judgeAttempt,
  nextAttempt,
  planInitialAttempts,
  redeliveryTailMs,
  totalDurationS,
  type AttemptAnswer,
  type AttemptPolicy,
  type AttemptRole,
  type BuiltDelivery,
  type Delivery,
} from '../../model/index.ts';
import { ArrivalClock } from './arrival-clock.ts';
import { Attempt, isTimeoutError, type AttemptOwner } from './attempt.ts';
import { DueHeap } from './due-heap.ts';
import { DueQueue } from './fifo-queue.ts';
import { InFlightList } from './in-flight-list.ts';
import type { RunStats } from '../record/run-stats.ts';
import { createProgressMeter, type ProgressSnapshot } from '../record/progress-snapshot.ts';
import type { SendDispatcher } from './source-pools.ts';

export interface EngineRunSettings {
  scenario: Scenario;
  dispatcher: SendDispatcher;
  origin: string;
  path: string;
  stats: RunStats;
  /** Builds delivery `seq` due at `intendedMs` from the run start (load-core's createDeliveryBuilder). */
  createDelivery: (seq: number, intendedMs: number) => BuiltDelivery;
  signal?: AbortSignal;
  onProgress?: (progress: ProgressSnapshot) => void;
  /** Milliseconds between scheduler ticks (batched timers). */
  tickMs?: number;
}

export interface EngineRunResult {
  status: 'completed' | 'aborted';
  abortReason?: string;
  elapsedMs: number;
}

interface LateCopy {
  delivery: Delivery;
  /** Planned delay after the delivery's first attempt. */
  delayMs: number;
}

const ABORT_GRACE_MS = 2000;
const TIMED_OUT: AttemptAnswer = { failure: 'timeout' };
const CONNECTION_ERROR: AttemptAnswer = { failure: 'connection-error' };
const TAIL_SLACK_MS = 5000;

/**
 * The open-model loop. A batched timer ticks every millisecond or so and starts every arrival,
 * duplicate and redelivery that is due; it never waits for answers. Deliveries beyond
 * maxInFlight are counted as dropped on the spot. After the scheduled duration it drains
 * in-flight attempts and pending redeliveries, bounded by the redelivery schedule.
 */
export class NodeEngineRun implements AttemptOwner {
  private readonly clock: ArrivalClock;
  private readonly t0 = performance.now();
  private readonly durationMs: number;
  private readonly hardStopMs: number;
  private readonly timeoutMs: number;
  private readonly policy: AttemptPolicy;
  private readonly duplicates = new DueQueue<Delivery>();
  /** Late copies (delivery.late): due times drawn per delivery, so a heap rather than a FIFO. */
  private readonly lateCopies = new DueHeap<LateCopy>();
  private readonly redeliveries: DueQueue<Delivery>[];
  private readonly inFlight = new InFlightList();
  private nextSeq = 0;
  private abortedAtMs: number | undefined;
  private abortReason: string | undefined;
  private lastProgressMs = 0;
  private readonly progressOf: ReturnType<typeof createProgressMeter>;
  private finish!: (result: EngineRunResult) => void;
  private timer: NodeJS.Timeout | undefined;
  private readonly emitArrival = (_index: number, intendedMs: number): void => this.startDelivery(intendedMs);
  private readonly sendRedelivery = (delivery: Delivery, dueMs: number): void =>
    void this.dispatch(delivery, 'redelivery', dueMs);
  private readonly sendDuplicate = (delivery: Delivery, dueMs: number): void =>
    void this.dispatch(delivery, 'duplicate', dueMs);
  private readonly sendLateCopy = (copy: LateCopy, dueMs: number): void => {
    const acked = copy.delivery.wamidParts > 0 && this.settings.stats.acked.has(copy.delivery.seq);
    if (this.dispatch(copy.delivery, 'duplicate', dueMs)) this.settings.stats.countLateCopy(copy.delayMs, acked);
  };
  private readonly onAbort = (): void => this.abort();

  constructor(private readonly settings: EngineRunSettings) {
    const { scenario } = settings;
    this.clock = new ArrivalClock(scenario.load);
    this.progressOf = createProgressMeter(scenario.load);
    this.durationMs = totalDurationS(scenario.load) * 1000;
    this.timeoutMs = scenario.delivery.timeoutMs;
    this.policy = attemptPolicyOf(scenario);
    this.hardStopMs = this.durationMs + redeliveryTailMs(scenario.delivery.redelivery, this.timeoutMs) + TAIL_SLACK_MS;
    this.redeliveries = Array.from(
      { length: scenario.delivery.redelivery.maxAttempts + 1 },
      () => new DueQueue<Delivery>(),
    );
  }

  run(): Promise<EngineRunResult> {
    return new Promise((resolve) => {
      this.finish = (result) => {
        clearTimeout(this.timer);
        this.settings.signal?.removeEventListener('abort', this.onAbort);
        resolve(result);
      };
      if (this.settings.signal?.aborted) this.abort();
      this.settings.signal?.addEventListener('abort', this.onAbort, { once: true });
      this.tick();
    });
  }

  private now(): number {
    return performance.now() - this.t0;
  }

  private readonly tick = (): void => {
    const now = this.now();
    if (this.abortedAtMs === undefined) {
      this.clock.advance(now, this.emitArrival);
      this.duplicates.drainDue(now, this.sendDuplicate);
      this.lateCopies.drainDue(now, this.sendLateCopy);
      for (const queue of this.redeliveries) queue.drainDue(now, this.sendRedelivery);
    }
    this.expireTimeouts(now);
    this.settings.stats.timeline.closeThrough(Math.floor((now - this.timeoutMs - 1000) / 1000) - 1);
    if (now - this.lastProgressMs >= 1000) this.reportProgress(now);
    if (this.isFinished(now)) return;
    this.timer = setTimeout(this.tick, this.settings.tickMs ?? 1);
  };

  private isFinished(now: number): boolean {
    if (this.abortedAtMs !== undefined) {
      if (this.inFlight.size > 0 && now - this.abortedAtMs < ABORT_GRACE_MS) return false;
      this.cancelInFlight();
      // The load stopped at the abort: the grace for answers in flight is no scheduled time (planned, timeline).
      this.finish({ status: 'aborted', abortReason: this.abortReason, elapsedMs: this.abortedAtMs });
      return true;
    }
    const idle =
      this.clock.done &&
      this.inFlight.size === 0 &&
      this.duplicates.size === 0 &&
      this.lateCopies.size === 0 &&
      this.redeliveries.every((q) => q.size === 0);
    if (!idle && now < this.hardStopMs) return false;
    this.cancelInFlight();
    this.finish({ status: 'completed', elapsedMs: now });
    return true;
  }

  private abort(): void {
    if (this.abortedAtMs !== undefined) return;
    this.abortedAtMs = this.now();
    const reason = this.settings.signal?.reason as unknown;
    this.abortReason = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'aborted';
    this.duplicates.clear();
    this.lateCopies.clear();
    for (const queue of this.redeliveries) queue.clear();
  }

  private startDelivery(intendedMs: number): void {
    const { delivery, duplicate } = this.settings.createDelivery(this.nextSeq++, intendedMs);
    const phase = this.settings.stats.phaseOf(intendedMs);
    // The engine's clock starts with the run: intendedMs is also the time since the run start.
    const scheduled = { seq: delivery.seq, kind: delivery.kind, duplicate };
    for (const attempt of planInitialAttempts(this.policy, scheduled, intendedMs, intendedMs)) {
      if (attempt.lateDelayMs !== undefined)
        this.lateCopies.push({ delivery, delayMs: attempt.lateDelayMs }, attempt.dueMs);
      else if (attempt.role === 'first') {
        // A delivery counts once it started, as k6 counts an iteration that ran; a dropped one is `dropped`.
        if (this.dispatch(delivery, 'first', attempt.dueMs))
          for (const field of deliveryCounters(delivery.kind)) this.settings.stats.count(field, phase);
      } else if (attempt.withFirst) this.dispatch(delivery, attempt.role, attempt.dueMs);
      else this.duplicates.push(delivery, attempt.dueMs);
    }
  }

  /** Starts one attempt; false when maxInFlight dropped it. */
  private dispatch(delivery: Delivery, role: AttemptRole, intendedMs: number): boolean {
    const stats = this.settings.stats;
    const phase = stats.phaseOf(intendedMs);
    if (this.inFlight.size >= this.settings.scenario.maxInFlight) {
      stats.countDropped(intendedMs, phase, role);
      return false;
    }
    const now = this.now();
    const attempt = new Attempt(this, delivery, role, intendedMs, now, phase);
    if (role !== 'duplicate') delivery.attempts++;
    stats.countSent(intendedMs, phase, role, now - intendedMs);
    this.inFlight.add(attempt);
    try {
      const { body, headers } = attemptBytes(delivery, role);
      this.settings.dispatcher.dispatch(
        {
          origin: this.settings.origin,
          path: this.settings.path,
          method: 'POST',
          headers,
          body,
          headersTimeout: this.timeoutMs + 1000,
          bodyTimeout: this.timeoutMs + 1000,
        },
        attempt,
      );
    } catch (error) {
      this.settleFailed(attempt, error as Error);
    }
    return true;
  }

  settleAnswered(attempt: Attempt): void {
    const code = attempt.statusCode;
    if (code === 429 && !attempt.settled) this.settings.stats.rateLimitedByTarget++;
    // undici's dispatch never follows a redirect (no redirect interceptor): a 3xx is an outcome.
    this.settle(attempt, { status: code });
  }

  settleFailed(attempt: Attempt, error: Error): void {
    this.settle(attempt, isTimeoutError(error) ? TIMED_OUT : CONNECTION_ERROR);
  }

  /** Files an attempt's end as the load core judges it: counters, latency, acked, redelivery. */
  private settle(attempt: Attempt, answer: AttemptAnswer): void {
    if (attempt.settled) return;
    attempt.settled = true;
    this.inFlight.remove(attempt);
    const now = this.now();
    const { delivery, phase } = attempt;
    const verdict = judgeAttempt(delivery.kind, attempt.role, answer);
    const latencyMs = verdict.measureLatency ? now - attempt.intendedMs : undefined;
    this.settings.stats.countJudged(attempt.intendedMs, phase, verdict, latencyMs, attempt.dedupeMs);
    if (verdict.acks) {
      this.settings.stats.countAcked(delivery.seq, delivery.wamidParts, phase);
      if (delivery.kind === 'signed')
        this.settings.stats.countConnectCallsAcked(connectCallIds(delivery.body), attempt.intendedMs);
    } else if (this.abortedAtMs === undefined) {
      const next = nextAttempt(this.policy, verdict.redeliver, delivery.attempts, now);
      if (next.next === 'exhausted') this.settings.stats.count('redeliveriesExhausted', phase);
      // One FIFO per attempt number: the same backoff after answers in time order keeps it sorted.
      else if (next.next === 'redeliver') this.redeliveries[delivery.attempts]?.push(delivery, next.dueMs);
    }
  }

  private expireTimeouts(now: number): void {
    while (this.inFlight.head && this.inFlight.head.startedMs + this.timeoutMs <= now) {
      const attempt = this.inFlight.head;
      this.settle(attempt, TIMED_OUT);
      attempt.controller?.abort(new Error('webhook timeout'));
    }
  }

  private cancelInFlight(): void {
    while (this.inFlight.head) {
      const attempt = this.inFlight.head;
      attempt.settled = true;
      this.inFlight.remove(attempt);
      attempt.controller?.abort(new Error('run ended'));
    }
  }

  private reportProgress(now: number): void {
    this.settings.onProgress?.(this.progressOf({ elapsedMs: now, stats: this.settings.stats }));
    this.lastProgressMs = now;
  }
}
