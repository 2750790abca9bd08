import { describe, expect, it } from 'vitest';
import { DueQueue } from './fifo-queue.ts';

describe('due queue', () => {
  it('hands over only items that are due, in order', () => {
    const q = new DueQueue<string>();
    q.push('a', 10);
    q.push('b', 20);
    q.push('c', 30);
    const out: string[] = [];
    q.drainDue(20, (item) => out.push(item));
    expect(out).toEqual(['a', 'b']);
    expect(q.size).toBe(1);
  });

  it('stays correct across compactions', () => {
    const q = new DueQueue<number>();
    let taken = 0;
    for (let i = 0; i < 5000; i++) {
      q.push(i, i);
      if (i % 3 === 0) q.drainDue(i - 10, () => taken++);
    }
    q.drainDue(Infinity, () => taken++);
    expect(taken).toBe(5000);
    expect(q.size).toBe(0);
  });
});
