export type BreakerState = 'closed' | 'open' | 'half-open';

/** pass: send normally; probe: the one half-open trial send; wait: hold until the state changes. */
export type Admission = 'pass' | 'probe' | 'wait';

export interface BreakerOptions {
  failureThreshold: number;
  openMs: number;
  now?: () => number;
  onChange?: (state: BreakerState) => void;
}

/**
 * A circuit breaker over Graph API health. Only transient failures (5xx, timeouts, network)
 * count; any other answer proves the API is up. While open, callers wait (sends are queued,
 * never dropped); after `openMs` one probe goes through and its outcome closes or reopens it.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private openUntil = 0;
  private probeInFlight = false;
  private waiters: Array<() => void> = [];
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    return this.current;
  }

  admit(): Admission {
    if (this.current === 'closed') return 'pass';
    if (this.current === 'open' && this.now() >= this.openUntil) this.transition('half-open');
    if (this.current === 'half-open' && !this.probeInFlight) {
      this.probeInFlight = true;
      return 'probe';
    }
    return 'wait';
  }

  /** Resolves on the next state change, or when the open period ends, or after `maxWaitMs`. */
  waitForChange(maxWaitMs: number): Promise<void> {
    const untilProbe = this.current === 'open' ? Math.max(0, this.openUntil - this.now()) : maxWaitMs;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        const i = this.waiters.indexOf(done);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve();
      };
      const timer = setTimeout(done, Math.min(untilProbe, maxWaitMs));
      this.waiters.push(done);
    });
  }

  recordSuccess(admission: Admission): void {
    this.consecutiveFailures = 0;
    if (admission === 'probe') this.probeInFlight = false;
    // Any success proves the API answers again, even one admitted before the breaker opened.
    if (this.current !== 'closed') {
      this.probeInFlight = false;
      this.transition('closed');
    }
  }

  recordFailure(admission: Admission): void {
    this.consecutiveFailures += 1;
    if (admission === 'probe') {
      this.probeInFlight = false;
      this.open();
    } else if (this.current === 'closed' && this.consecutiveFailures >= this.options.failureThreshold) {
      this.open();
    }
  }

  /** A probe that ended without an answer (cancelled) must not block the half-open state. */
  releaseProbe(admission: Admission): void {
    if (admission === 'probe') {
      this.probeInFlight = false;
      this.wakeAll();
    }
  }

  private open(): void {
    this.openUntil = this.now() + this.options.openMs;
    this.transition('open');
  }

  private transition(next: BreakerState): void {
    if (next === this.current && next !== 'open') return;
    this.current = next;
    this.options.onChange?.(next);
    this.wakeAll();
  }

  private wakeAll(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
