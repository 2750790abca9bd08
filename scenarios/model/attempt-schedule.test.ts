import { describe, expect, it } from 'vitest';
import {
  AttemptSchedule,
  attemptPolicyOf,
  nextAttempt,
  planInitialAttempts,
  type AttemptPolicy,
  type PlannedAttempt,
} from './attempt-schedule.ts';
import { lateCopyDelaysMs } from './late-copies.ts';

const POLICY: AttemptPolicy = {
  seed: 7,
  duplicateDelayMs: 30,
  late: { fraction: 0, copies: 2, minDelayS: 2, horizon: 'run' },
  redelivery: { enabled: true, maxAttempts: 3, initialBackoffMs: 250, backoffFactor: 2, maxBackoffMs: 400 },
  runEndMs: 60_000,
};
const WITH_LATE: AttemptPolicy = { ...POLICY, late: { ...POLICY.late, fraction: 1 } };

const roles = (attempts: readonly PlannedAttempt[]) => attempts.map((a) => `${a.role}@${a.dueMs}`);

describe('attempt schedule', () => {
  it('starts a plain delivery with one first attempt at its intended time', () => {
    expect(planInitialAttempts(POLICY, { seq: 1, kind: 'signed', duplicate: false }, 1000, 1000)).toEqual([
      { role: 'first', dueMs: 1000, withFirst: false },
    ]);
  });

  it('plans the duplicate duplicateDelayMs after the first attempt, and with it when the delay is 0', () => {
    expect(roles(planInitialAttempts(POLICY, { seq: 1, kind: 'forged', duplicate: true }, 1000, 1000))).toEqual([
      'first@1000',
      'duplicate@1030',
    ]);
    const race = planInitialAttempts(
      { ...POLICY, duplicateDelayMs: 0 },
      { seq: 1, kind: 'signed', duplicate: true },
      5,
      5,
    );
    expect(race.map((a) => [a.role, a.dueMs, a.withFirst])).toEqual([
      ['first', 5, false],
      ['duplicate', 5, true],
    ]);
  });

  it('adds the seeded late copies of a signed delivery at their delays, earliest first, and none to a forged one', () => {
    const delays = lateCopyDelaysMs(WITH_LATE.late, 7, 4, 2000, 60_000);
    expect(delays).toHaveLength(2);
    const plan = planInitialAttempts(WITH_LATE, { seq: 4, kind: 'signed', duplicate: true }, 12_000, 2000);
    expect(plan.map((a) => [a.role, a.dueMs, a.lateDelayMs])).toEqual([
      ['first', 12_000, undefined],
      ['duplicate', 12_030, undefined],
      ...delays.map((d) => ['duplicate', 12_000 + d, d]),
    ]);
    expect(planInitialAttempts(WITH_LATE, { seq: 4, kind: 'forged', duplicate: false }, 0, 0)).toHaveLength(1);
  });

  it('redelivers a backoff after the failed answer, growing and capped, until maxAttempts, then says exhausted', () => {
    expect(nextAttempt(POLICY, true, 1, 5000)).toEqual({ next: 'redeliver', dueMs: 5250 });
    expect(nextAttempt(POLICY, true, 2, 6000)).toEqual({ next: 'redeliver', dueMs: 6400 });
    expect(nextAttempt(POLICY, true, 3, 7000)).toEqual({ next: 'exhausted' });
    expect(nextAttempt({ ...POLICY, redelivery: { ...POLICY.redelivery, enabled: false } }, true, 1, 0)).toEqual({
      next: 'exhausted',
    });
  });

  it('is done after an answer that asks for no redelivery', () => {
    expect(nextAttempt(POLICY, false, 1, 5000)).toEqual({ next: 'done' });
  });

  it("hands one delivery's attempts in due order, redeliveries slotted between the duplicate and the late copies", () => {
    const schedule = new AttemptSchedule(WITH_LATE, { seq: 4, kind: 'signed', duplicate: true }, 1000, 1000);
    const sent: string[] = [];
    const take = () => {
      const a = schedule.take();
      if (a) sent.push(`${a.role}@${a.dueMs}`);
      return a;
    };
    take(); // first at 1000, answered 503 at 1100
    expect(schedule.takeWithFirst()).toBeUndefined();
    expect(schedule.answered(true, 1, 1100)).toEqual({ next: 'redeliver', dueMs: 1350 });
    take(); // duplicate at 1030
    take(); // redelivery at 1350, answered 503 at 1400
    expect(schedule.answered(true, 2, 1400)).toEqual({ next: 'redeliver', dueMs: 1800 });
    take(); // redelivery at 1800, answered 200
    expect(schedule.answered(false, 3, 1850)).toEqual({ next: 'done' });
    while (take());
    const lateDelays = lateCopyDelaysMs(WITH_LATE.late, 7, 4, 1000, 60_000);
    expect(sent).toEqual([
      'first@1000',
      'duplicate@1030',
      'redelivery@1350',
      'redelivery@1800',
      ...lateDelays.map((d) => `duplicate@${1000 + d}`),
    ]);
  });

  it('takes a zero-delay duplicate together with the first attempt', () => {
    const schedule = new AttemptSchedule(
      { ...POLICY, duplicateDelayMs: 0 },
      { seq: 1, kind: 'signed', duplicate: true },
      0,
      0,
    );
    expect(schedule.take()?.role).toBe('first');
    expect(schedule.takeWithFirst()?.role).toBe('duplicate');
    expect(schedule.take()).toBeUndefined();
  });

  it('reads its policy from a scenario: delivery settings, seed and the end of the scheduled load', () => {
    const policy = attemptPolicyOf({
      seed: 3,
      load: { profile: 'constant', rate: 10, durationS: 20 },
      delivery: {
        duplicateDelayMs: 0,
        late: POLICY.late,
        redelivery: POLICY.redelivery,
      } as never,
    });
    expect(policy).toEqual({ ...POLICY, seed: 3, duplicateDelayMs: 0, runEndMs: 20_000 });
  });
});
