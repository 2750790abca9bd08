import { describe, expect, it } from 'vitest';
import { emptyHistory, recordSecond, type History } from './dashboard-history.ts';

const sample = (achievedRate: number) => ({ achievedRate, targetRate: 20, ackP99Ms: 8, replyP99Ms: 150 });

function run(seconds: number, maxPoints?: number): History {
  let h = emptyHistory();
  // The engine's snapshots arrive a little more than a second apart, as on a busy machine.
  for (let i = 1; i <= seconds; i++) h = recordSecond(h, i * 1.0004, sample(i), maxPoints);
  return h;
}

describe('dashboard history', () => {
  it('keeps one point per elapsed second from the run start, so a page opened late gets them all', () => {
    const h = run(7);
    expect(h.stepS).toBe(1);
    expect(h.points.map((p) => p.t)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(h.points.map((p) => p.achievedRate)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('records a second once, and fills seconds a stalled loop skipped with the snapshot that spans them', () => {
    let h = recordSecond(emptyHistory(), 1.2, sample(10));
    h = recordSecond(h, 1.9, sample(99));
    h = recordSecond(h, 4.1, sample(30));
    expect(h.points.map((p) => [p.t, p.achievedRate])).toEqual([
      [1, 10],
      [2, 30],
      [3, 30],
      [4, 30],
    ]);
  });

  it('downsamples a long run by doubling the step, keeping the whole run under the cap with mean rates', () => {
    const h = run(1000, 300);
    expect(h.stepS).toBe(4);
    expect(h.points.length).toBeLessThanOrEqual(300);
    expect(h.points[0]).toMatchObject({ t: 4, seconds: 4, achievedRate: 2.5 });
    expect(h.points.at(-1)?.t).toBe(1000);
    expect(h.points.reduce((n, p) => n + p.seconds, 0)).toBe(1000);
  });
});
