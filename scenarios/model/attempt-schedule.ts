import type { Scenario } from '../../common/contracts/scenario.ts';
import { redeliveryDelayMs, type RedeliverySettings } from './backoff.ts';
import type { DeliveryKind } from './delivery-plan.ts';
import type { AttemptRole } from './judge-attempt.ts';
import { lateCopyDelaysMs, type LateCopySettings } from './late-copies.ts';
import { totalDurationS } from './load-profile.ts';

/** What decides when a delivery's attempts leave: the scenario's delivery settings, once per run. */
export interface AttemptPolicy {
  seed: number;
  duplicateDelayMs: number;
  late: LateCopySettings;
  redelivery: RedeliverySettings;
  /** End of the scheduled load, ms after the run start: no late copy is planned after it. */
  runEndMs: number;
}

/** One attempt to send at `dueMs` (the engine's clock, the same clock as the first attempt's intended time). */
export interface PlannedAttempt {
  role: AttemptRole;
  dueMs: number;
  /** Leaves together with the first attempt (a duplicate with duplicateDelayMs 0: the dedupe race). */
  withFirst: boolean;
  /** A late copy (delivery.late): its planned delay after the first attempt. */
  lateDelayMs?: number;
}

/** After an answered first attempt or redelivery: nothing more, a redelivery due at dueMs, or none left. */
export type NextAttempt = { next: 'done' } | { next: 'redeliver'; dueMs: number } | { next: 'exhausted' };

/** The delivery as the schedule needs it. */
export interface ScheduledDelivery {
  seq: number;
  kind: DeliveryKind;
  /** The plan wants a spontaneous duplicate of it. */
  duplicate: boolean;
}

const DONE: NextAttempt = Object.freeze({ next: 'done' });
const EXHAUSTED: NextAttempt = Object.freeze({ next: 'exhausted' });

/** The attempt policy of a scenario. */
export function attemptPolicyOf(scenario: Pick<Scenario, 'seed' | 'delivery' | 'load'>): AttemptPolicy {
  const { duplicateDelayMs, late, redelivery } = scenario.delivery;
  return { seed: scenario.seed, duplicateDelayMs, late, redelivery, runEndMs: totalDurationS(scenario.load) * 1000 };
}

/**
 * The attempts a delivery starts with, earliest first: the first attempt at `intendedMs`, the
 * plan's duplicate duplicateDelayMs later (with the first when the delay is 0), and the late copies
 * of a signed delivery at their seeded delays. `runRelMs` is `intendedMs` measured from the run
 * start (late copies stay inside the load window). Redeliveries come later, from nextAttempt.
 *
 * @example planInitialAttempts(policy, { seq: 3, kind: 'signed', duplicate: true }, 1000, 1000)
 * // [{ role: 'first', dueMs: 1000, withFirst: false }, { role: 'duplicate', dueMs: 1030, withFirst: false }, …late copies]
 */
export function planInitialAttempts(
  policy: AttemptPolicy,
  delivery: ScheduledDelivery,
  intendedMs: number,
  runRelMs: number,
): PlannedAttempt[] {
  const attempts: PlannedAttempt[] = [{ role: 'first', dueMs: intendedMs, withFirst: false }];
  if (delivery.duplicate)
    attempts.push({
      role: 'duplicate',
      dueMs: intendedMs + policy.duplicateDelayMs,
      withFirst: policy.duplicateDelayMs === 0,
    });
  if (delivery.kind === 'signed')
    for (const lateDelayMs of lateCopyDelaysMs(policy.late, policy.seed, delivery.seq, runRelMs, policy.runEndMs))
      attempts.push({ role: 'duplicate', dueMs: intendedMs + lateDelayMs, withFirst: false, lateDelayMs });
  // Stable: the first attempt stays first, a duplicate before a late copy due at the same time.
  return attempts.sort((a, b) => a.dueMs - b.dueMs);
}

/**
 * What follows an attempt answered at `answeredMs` whose verdict asked for a redelivery (or not),
 * after `attempts` attempts of the delivery (duplicates excluded): Meta redelivers a backoff after
 * the failed answer until maxAttempts.
 *
 * @example nextAttempt(policy, true, 1, 5200) // { next: 'redeliver', dueMs: 5700 } with initialBackoffMs 500
 */
export function nextAttempt(
  policy: AttemptPolicy,
  redeliver: boolean,
  attempts: number,
  answeredMs: number,
): NextAttempt {
  if (!redeliver) return DONE;
  const delayMs = redeliveryDelayMs(policy.redelivery, attempts);
  return delayMs === undefined ? EXHAUSTED : { next: 'redeliver', dueMs: answeredMs + delayMs };
}

/**
 * One delivery's attempts as a queue an engine drains: take() hands the earliest pending attempt
 * (wait until its dueMs, send it), answered() files the verdict of a first attempt or redelivery
 * and queues the redelivery it asks for. Used where one delivery is driven at a time (a k6
 * iteration); the Node engine spreads planInitialAttempts and nextAttempt over its shared queues.
 */
export class AttemptSchedule {
  private readonly pending: PlannedAttempt[];

  constructor(
    private readonly policy: AttemptPolicy,
    delivery: ScheduledDelivery,
    intendedMs: number,
    runRelMs: number,
  ) {
    this.pending = planInitialAttempts(policy, delivery, intendedMs, runRelMs);
  }

  /** The earliest pending attempt, removed from the queue; undefined when the delivery is finished. */
  take(): PlannedAttempt | undefined {
    return this.pending.shift();
  }

  /** The earliest pending attempt when it leaves with the first one (take it too), else undefined. */
  takeWithFirst(): PlannedAttempt | undefined {
    return this.pending[0]?.withFirst ? this.pending.shift() : undefined;
  }

  /** Files the verdict of an answered first attempt or redelivery; queues the redelivery it asks for. */
  answered(redeliver: boolean, attempts: number, answeredMs: number): NextAttempt {
    const next = nextAttempt(this.policy, redeliver, attempts, answeredMs);
    if (next.next === 'redeliver') {
      const redelivery: PlannedAttempt = { role: 'redelivery', dueMs: next.dueMs, withFirst: false };
      const at = this.pending.findIndex((a) => a.dueMs > next.dueMs);
      this.pending.splice(at === -1 ? this.pending.length : at, 0, redelivery);
    }
    return next;
  }
}
